package cli

import (
	"flag"
	"fmt"
	"os"
	"runtime/debug"
	"sync"
	"time"

	"quire/backend/export"
	"quire/backend/mdout"
	"quire/backend/theme"
)

type exportOpts struct {
	out, baseURL, themeDir, format, layout string
	drafts, force, json                    bool
}

func exportFlags(o *exportOpts) *flag.FlagSet {
	fs := NewFlags("export")
	fs.StringVar(&o.out, "out", "", "the hosting folder to export into (required)")
	fs.StringVar(&o.format, "format", "site", "site (a static site) or markdown (Markdown files)")
	fs.StringVar(&o.layout, "layout", "", "with --format markdown: jekyll or hugo")
	fs.BoolVar(&o.drafts, "drafts", false, "include drafts and posts dated in the future")
	fs.StringVar(&o.baseURL, "base-url", "", "the URL the site is served at (default: the site setting)")
	fs.BoolVar(&o.force, "force", false, "export into a folder that holds files Quire did not write (they are left alone)")
	fs.StringVar(&o.themeDir, "theme", "", "a theme folder whose templates/ and static/site.css replace the default's")
	fs.BoolVar(&o.json, "json", false, "print the report as JSON")
	return fs
}

func init() {
	RegisterFlags("export", exportFlags(&exportOpts{}))
	Register(&Command{
		Name:    "export",
		Args:    "--out DIR [--drafts] [--base-url URL] [--force] [--theme DIR] [--format site|markdown]",
		Summary: "export the posts as a static site into a hosting folder",
		Run:     runExport,
	})
}

func runExport(env *Env, args []string) error {
	var o exportOpts
	rest, err := ParseFlags(exportFlags(&o), args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return Usagef("export takes no arguments; the folder is --out DIR")
	}
	if o.out == "" {
		return Usagef("export needs --out DIR")
	}
	switch o.format {
	case "site":
	case "markdown":
		return exportMarkdown(env, o)
	default:
		return Usagef("--format is site or markdown, not %q", o.format)
	}
	opt := export.Options{Drafts: o.drafts, BaseURL: o.baseURL, Force: o.force}
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
	progress := isTerminal(env.Stderr)
	gc := exportGC()
	var mu sync.Mutex
	last := time.Time{}
	opt.Progress = func(done, total int) {
		gc(total)
		if !progress {
			return
		}
		mu.Lock()
		defer mu.Unlock()
		if done < total && time.Since(last) < 100*time.Millisecond {
			return
		}
		last = time.Now()
		fmt.Fprintf(env.Stderr, "\rexporting %d/%d", done, total)
	}
	rep, err := export.Export(env.Ctx, st, o.out, opt)
	if progress {
		fmt.Fprint(env.Stderr, "\r\033[K")
	}
	if o.json && err == nil {
		if err := writeJSON(env.Stdout, rep); err != nil {
			return err
		}
	} else if err == nil || rep.Written+rep.Unchanged > 0 {
		for _, w := range rep.Warnings {
			fmt.Fprintf(env.Stderr, "warning: %s\n", w)
		}
		for _, f := range rep.Failed {
			what := f.Source
			if f.Path != "" {
				what += " (" + f.Path + ")"
			}
			fmt.Fprintf(env.Stderr, "failed: %s: %s\n", what, f.Err)
		}
		fmt.Fprintf(env.Stdout, "%s: %s\n", rep.Dir, rep)
	}
	if err != nil {
		return err
	}
	if len(rep.Failed) > 0 {
		return ErrSilentFailure
	}
	return nil
}

// exportGC sets the garbage collector for an export of total items (pages
// and feeds), once, unless GOGC or GOMEMLIMIT are set. The export makes a
// lot of short-lived garbage (the highlighter's above all) around a live
// heap of about 15 MB plus 1.3 KB per item. With the default GOGC = 100 the
// heap grows to twice the live heap between collections: 70 MB at 10,000
// posts. A soft limit of 30 MB plus 3 KB an item (70 MB at 10,000 posts,
// 13,631 items) keeps peak RSS at 103 to 112 MB and spends 10 % less CPU
// than 26 MB plus 2 KB did (95 MB; 90 MB flat: 140 MB for 1 % more). These
// are figures for build/bin/quire; in quire-app, which maps the GUI
// libraries, the same heap peaks 35 to 40 MB higher. GOGC = 200 below the
// limit means fewer collections for a small site, whose heap stays far under
// it anyway. The limit follows the site so that a large one is never held
// below its live heap, where the collector would run without a pause.
func exportGC() func(total int) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return func(int) {}
	}
	var once sync.Once
	return func(total int) {
		once.Do(func() {
			debug.SetMemoryLimit(30<<20 + int64(total)*3<<10)
			debug.SetGCPercent(200)
		})
	}
}

// exportMarkdown writes the posts as Markdown files (backend/mdout).
func exportMarkdown(env *Env, o exportOpts) error {
	st, err := openStore(env)
	if err != nil {
		return err
	}
	defer st.Close()
	opt := mdout.Options{Layout: o.layout}
	if isTerminal(env.Stderr) {
		opt.Progress = func(done, total int) { fmt.Fprintf(env.Stderr, "\rexporting %d/%d", done, total) }
	}
	rep, err := mdout.Write(env.Ctx, st, o.out, opt)
	if opt.Progress != nil {
		fmt.Fprint(env.Stderr, "\r\033[K")
	}
	if err != nil {
		return err
	}
	if o.json {
		if err := writeJSON(env.Stdout, rep); err != nil {
			return err
		}
	} else {
		fmt.Fprintln(env.Stdout, rep.String())
	}
	if rep.Failed > 0 {
		return ErrSilentFailure
	}
	return nil
}
