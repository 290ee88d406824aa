package cli

import (
	"flag"
	"fmt"

	"quire/backend/importer"
)

type importOpts struct{ json bool }

func importFlags(o *importOpts) *flag.FlagSet {
	fs := NewFlags("import")
	fs.BoolVar(&o.json, "json", false, "print the report as JSON")
	return fs
}

func init() {
	RegisterFlags("import", importFlags(&importOpts{}))
	Register(&Command{
		Name:    "import",
		Args:    "FILE|DIR... [--json]",
		Summary: "import Markdown files with front matter as posts (again: updates them)",
		Run:     runImport,
	})
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
	rep, err := importer.Import(env.Ctx, st, paths)
	if err != nil {
		return err
	}
	if o.json {
		if err := writeJSON(env.Stdout, rep); err != nil {
			return err
		}
	} else {
		for _, r := range rep.Results {
			for _, w := range r.Warnings {
				fmt.Fprintf(env.Stderr, "%s:%d: warning: %s\n", r.Path, w.Line, w.Message)
			}
			switch r.Outcome {
			case importer.Failed:
				fmt.Fprintf(env.Stderr, "failed     %s\n", r.Error)
			default:
				fmt.Fprintf(env.Stdout, "%-10s %s -> %s\n", r.Outcome, r.Path, r.Slug)
			}
		}
		fmt.Fprintf(env.Stdout, "%d imported, %d updated, %d unchanged, %d failed\n",
			rep.Count(importer.Imported), rep.Count(importer.Updated), rep.Count(importer.Unchanged), rep.Count(importer.Failed))
	}
	if rep.Failed() {
		return ErrSilentFailure
	}
	return nil
}
