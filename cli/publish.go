package cli

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"

	"quire/backend/publish"
	"quire/backend/theme"
)

type publishOpts struct {
	out, message, themeDir      string
	dryRun, noPush, force, json bool
}

func publishFlags(o *publishOpts) *flag.FlagSet {
	fs := NewFlags("publish")
	fs.StringVar(&o.out, "out", "", "the hosting folder (default: the site setting output, see quire site output DIR)")
	fs.StringVar(&o.message, "message", "", "the commit message (default: the posts added, changed and removed)")
	fs.BoolVar(&o.dryRun, "dry-run", false, "print what would be published, written, removed and committed; change nothing")
	fs.BoolVar(&o.noPush, "no-push", false, "commit but do not push")
	fs.BoolVar(&o.force, "force", false, "export into a folder that holds files Quire did not write, such as a fresh clone (they are left alone)")
	fs.StringVar(&o.themeDir, "theme", "", "a theme folder, as for quire export")
	fs.BoolVar(&o.json, "json", false, "print the report as JSON")
	return fs
}

func init() {
	RegisterFlags("publish", publishFlags(&publishOpts{}))
	Register(&Command{
		Name:    "publish",
		Args:    "[--out DIR] [--message MSG] [--dry-run] [--no-push] [--force] [--theme DIR] [--json]",
		Summary: "publish due scheduled posts, export the site, and commit and push it when the folder is a git work tree",
		Run:     runPublish,
	})
}

func runPublish(env *Env, args []string) error {
	var o publishOpts
	rest, err := ParseFlags(publishFlags(&o), args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return Usagef("publish takes no arguments; the folder is --out DIR or the output site setting")
	}
	opt := publish.Options{Dir: o.out, Message: o.message, DryRun: o.dryRun, NoPush: o.noPush, Force: o.force}
	if o.themeDir != "" {
		th, err := theme.OverDir(o.themeDir)
		if err != nil {
			return fmt.Errorf("%s: %w", o.themeDir, err)
		}
		opt.Theme = th
	}
	st, err := openStore(env)
	if err != nil {
		return err
	}
	defer st.Close()

	tty := isTerminal(env.Stderr)
	opt.Interactive = tty && isTerminalReader(env.Stdin)
	if tty {
		opt.GitProgress = env.Stderr
	}
	opt.Progress = publishProgress(env.Stderr, tty)
	rep, err := publish.Run(env.Ctx, st, opt)
	if tty {
		fmt.Fprint(env.Stderr, "\r\033[K")
	}
	if o.json {
		if jerr := writeJSON(env.Stdout, rep); jerr != nil && err == nil {
			return jerr
		}
		return err
	}
	for _, w := range rep.Export.Warnings {
		fmt.Fprintf(env.Stderr, "warning: %s\n", w)
	}
	for _, f := range rep.Export.Failed {
		what := f.Source
		if f.Path != "" {
			what += " (" + f.Path + ")"
		}
		fmt.Fprintf(env.Stderr, "failed: %s: %s\n", what, f.Err)
	}
	// A publish refused before it changed anything has nothing to report.
	if err == nil || rep.Git != nil || len(rep.Written)+len(rep.Removed) > 0 {
		writePublishReport(env.Stdout, rep, err == nil)
	}
	return err
}

// publishProgress shows the phases, and the export's count on a terminal.
func publishProgress(w io.Writer, tty bool) func(publish.Step) {
	var mu sync.Mutex
	var last time.Time
	gc := exportGC()
	return func(s publish.Step) {
		mu.Lock()
		defer mu.Unlock()
		switch s.Phase {
		case publish.PhaseExport:
			gc(s.Total)
			if !tty || (s.Done < s.Total && time.Since(last) < 100*time.Millisecond) {
				return
			}
			last = time.Now()
			fmt.Fprintf(w, "\rexporting %d/%d", s.Done, s.Total)
		case publish.PhaseCommit:
			if tty {
				fmt.Fprint(w, "\r\033[Kcommitting\n")
			}
		case publish.PhasePush:
			if tty {
				fmt.Fprintf(w, "\r\033[K%s\n", s.Text)
			}
		}
	}
}

func plural(n int, one string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %ss", n, one)
}

// writePublishReport prints what a publish did, or in a dry run would do.
func writePublishReport(w io.Writer, rep publish.Report, ok bool) {
	would := func(did, will string) string {
		if rep.DryRun {
			return "would " + will
		}
		return did
	}
	if rep.DryRun {
		fmt.Fprintln(w, "dry run: nothing was changed")
	}
	if len(rep.Published) > 0 {
		fmt.Fprintf(w, "%s %s:\n", would("published", "publish"), plural(len(rep.Published), "scheduled post"))
		for _, p := range rep.Published {
			fmt.Fprintf(w, "  %s (%s) %s\n", p.Title, p.Slug, p.Path)
		}
	}
	if rep.Export.Posts+rep.Export.Written+rep.Export.Unchanged > 0 || len(rep.Written)+len(rep.Removed) > 0 {
		fmt.Fprintf(w, "%s: %s\n", rep.Dir, rep.Export)
	}
	if rep.DryRun {
		for _, l := range []struct {
			what  string
			paths []string
		}{{"write", rep.Written}, {"remove", rep.Removed}} {
			if len(l.paths) == 0 {
				continue
			}
			fmt.Fprintf(w, "would %s %s:\n", l.what, plural(len(l.paths), "file"))
			for _, p := range l.paths {
				fmt.Fprintf(w, "  %s\n", p)
			}
		}
	}
	g := rep.Git
	if g == nil {
		if ok {
			fmt.Fprintf(w, "%s is not in a git work tree: exported only (see Publishing in the README to send it to a host)\n", rep.Dir)
		}
		return
	}
	switch {
	case g.NothingChanged:
		fmt.Fprintf(w, "nothing changed: %s\n", would("no commit and nothing to push", "make no commit and push nothing"))
		return
	case g.Message != "" && rep.DryRun:
		fmt.Fprintf(w, "would commit %s on %s:\n", plural(g.Files, "file"), g.Branch)
		fmt.Fprintf(w, "  %s\n", strings.ReplaceAll(strings.TrimRight(g.Message, "\n"), "\n", "\n  "))
	case g.Commit != "":
		subject, _, _ := strings.Cut(g.Message, "\n")
		fmt.Fprintf(w, "committed %s on %s (%s): %s\n", short(g.Commit), g.Branch, plural(g.Files, "file"), subject)
	case g.Files == 0 && !rep.DryRun:
		fmt.Fprintln(w, "nothing new to commit")
	}
	switch {
	case g.Pushed > 0:
		fmt.Fprintf(w, "%s %s to %s\n", would("pushed", "push"), plural(g.Pushed, "commit"), g.Upstream)
	case g.Unpushed > 0:
		fmt.Fprintf(w, "%s not pushed (run quire publish again, or git push in %s)\n", plural(g.Unpushed, "commit"), rep.Dir)
	}
}

func short(hash string) string {
	if len(hash) > 12 {
		return hash[:12]
	}
	return hash
}

func isTerminalReader(r io.Reader) bool {
	f, ok := r.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
