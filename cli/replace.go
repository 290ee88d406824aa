package cli

import (
	"flag"
	"fmt"
	"strings"

	"quire/backend/replace"
)

type replaceOpts struct {
	opt    replace.Options
	dryRun bool
	json   bool
}

func replaceFlags(o *replaceOpts) *flag.FlagSet {
	fs := NewFlags("replace")
	fs.BoolVar(&o.opt.Regex, "regex", false, "FIND is a regular expression (RE2; ^ and $ match at line ends); REPLACEMENT may use $1")
	fs.BoolVar(&o.opt.Case, "case", false, "match case")
	fs.BoolVar(&o.opt.Word, "word", false, "match whole words only")
	fs.BoolVar(&o.opt.FrontMatter, "front-matter", false, "replace in the front matter too (default: the body only)")
	fs.BoolVar(&o.dryRun, "dry-run", false, "list what would change and change nothing")
	fs.BoolVar(&o.json, "json", false, "print JSON ({changed, skipped, replaced, dryRun})")
	return fs
}

func init() {
	RegisterFlags("replace", replaceFlags(&replaceOpts{}))
	Register(&Command{
		Name:    "replace",
		Args:    "FIND REPLACEMENT [--regex] [--case] [--word] [--front-matter] [--dry-run] [--json]",
		Summary: "replace text in every post; each changed post gets one revision",
		Run:     runReplace,
	})
}

// replaceReport is the JSON output: the result and whether it was a dry run.
type replaceReport struct {
	*replace.Result
	DryRun bool `json:"dryRun"`
}

func runReplace(env *Env, args []string) error {
	var o replaceOpts
	rest, err := ParseFlags(replaceFlags(&o), args)
	if err != nil {
		return err
	}
	if len(rest) != 2 {
		return Usagef("replace needs FIND and REPLACEMENT (use \"\" to delete)")
	}
	o.opt.Find, o.opt.Replacement = rest[0], rest[1]
	if err := replace.Check(o.opt); err != nil {
		return err
	}
	st, err := openStore(env)
	if err != nil {
		return err
	}
	defer st.Close()
	plan, err := replace.Search(env.Ctx, st, o.opt)
	if err != nil {
		return err
	}
	res, err := plan.Apply(env.Ctx, st, nil, o.dryRun, nil)
	if err != nil {
		return err
	}
	if o.json {
		return writeJSON(env.Stdout, replaceReport{res, o.dryRun})
	}
	for _, c := range res.Changed {
		for _, l := range c.Lines {
			// A match across lines shows its lines joined, so that each
			// change stays one line of output.
			fmt.Fprintf(env.Stdout, "%s:%d: %s\n", c.Slug, l.Line, strings.ReplaceAll(l.After, "\n", "⏎"))
		}
	}
	for _, s := range res.Skipped {
		fmt.Fprintf(env.Stderr, "%s: not changed: %s\n", s.Slug, s.Reason)
	}
	summary := fmt.Sprintf("%s in %s", plural(res.Replaced, "replacement"), plural(len(res.Changed), "post"))
	if o.dryRun {
		summary += " (dry run: nothing changed)"
	}
	fmt.Fprintln(env.Stdout, summary)
	if len(res.Skipped) > 0 {
		return ErrSilentFailure
	}
	return nil
}
