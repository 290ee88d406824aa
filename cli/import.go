package cli

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"quire/backend/importer"
	"quire/backend/media"
)

type importOpts struct {
	json  bool
	quiet bool
}

func importFlags(o *importOpts) *flag.FlagSet {
	fs := NewFlags("import")
	fs.BoolVar(&o.json, "json", false, "print the report as JSON")
	fs.BoolVar(&o.quiet, "quiet", false, "print only failures, warnings and the totals")
	return fs
}

func init() {
	RegisterFlags("import", importFlags(&importOpts{}))
	Register(&Command{
		Name:    "import",
		Args:    "FILE|DIR... [--json] [--quiet]",
		Summary: "import a Jekyll or Hugo site or Markdown files as posts (again: updates them)",
		Run:     runImport,
	})
}

// isTerminal reports whether w is a terminal, for progress lines.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

func runImport(env *Env, args []string) error {
	var o importOpts
	paths, err := ParseFlags(importFlags(&o), args)
	if err != nil {
		return err
	}
	if len(paths) == 0 {
		return Usagef("import needs at least one FILE or DIR")
	}
	st, err := openStore(env)
	if err != nil {
		return err
	}
	defer st.Close()
	var opt importer.Options
	tty := isTerminal(env.Stderr)
	if tty {
		opt.Progress = func(done, total int) {
			fmt.Fprintf(env.Stderr, "\rimporting %d/%d files", done, total)
		}
	}
	opt.AddImage = func(ctx context.Context, path string) (string, error) {
		m, err := media.New(st).AddFile(ctx, path)
		if err != nil {
			return "", err
		}
		return "media/" + m.Name, nil
	}
	rep, err := importer.ImportWith(env.Ctx, st, paths, opt)
	if tty {
		fmt.Fprint(env.Stderr, "\r\033[K")
	}
	if err != nil {
		if errors.Is(err, env.Ctx.Err()) {
			return fmt.Errorf("import cancelled after %d files (those are stored, each whole): %w", len(rep.Results), err)
		}
		return err
	}
	if o.json {
		if err := writeJSON(env.Stdout, rep); err != nil {
			return err
		}
	} else {
		// A line per file, and one per warning: buffered unless a person
		// watches (a terminal, where the warnings stay next to their file),
		// a re-import of a large folder is not one system call per line.
		stdout, stderr := bufferUnlessTerminal(env.Stdout), bufferUnlessTerminal(env.Stderr)
		defer stdout.Flush()
		defer stderr.Flush()
		env := &Env{Ctx: env.Ctx, Stdout: stdout, Stderr: stderr}
		for _, s := range rep.Sites {
			if s.Kind == importer.KindFolder {
				continue
			}
			fmt.Fprintf(env.Stdout, "%s: a %s site", s.Root, s.Kind)
			if s.Config != "" {
				fmt.Fprintf(env.Stdout, " (settings from %s: %d stored)", s.Config, len(s.Stored))
			}
			fmt.Fprintln(env.Stdout)
			for _, w := range s.Warnings {
				fmt.Fprintf(env.Stderr, "%s: warning: %s\n", s.Root, w)
			}
		}
		for _, r := range rep.Results {
			for _, w := range r.Warnings {
				if w.Line > 0 {
					fmt.Fprintf(env.Stderr, "%s:%d: warning: %s\n", r.Path, w.Line, w.Message)
				} else {
					fmt.Fprintf(env.Stderr, "%s: warning: %s\n", r.Path, w.Message)
				}
			}
			switch r.Outcome {
			case importer.Failed:
				fmt.Fprintf(env.Stderr, "failed     %s\n", r.Error)
			case importer.Skipped:
				if !o.quiet {
					fmt.Fprintf(env.Stdout, "%-10s %s: %s\n", r.Outcome, r.Path, r.Reason)
				}
			default:
				if !o.quiet {
					fmt.Fprintf(env.Stdout, "%-10s %s -> %s\n", r.Outcome, r.Path, r.Slug)
				}
			}
		}
		fmt.Fprintln(env.Stdout, rep.Summary())
	}
	if rep.Failed() {
		return ErrSilentFailure
	}
	return nil
}

// bufferUnlessTerminal is w, buffered when it is not a terminal.
func bufferUnlessTerminal(w io.Writer) flushWriter {
	if isTerminal(w) {
		return direct{w}
	}
	return bufio.NewWriterSize(w, 64<<10)
}

type flushWriter interface {
	io.Writer
	Flush() error
}

// direct writes through.
type direct struct{ io.Writer }

func (direct) Flush() error { return nil }
