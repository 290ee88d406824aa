package cli

import (
	"flag"
)

type showOpts struct{ json bool }

func showFlags(o *showOpts) *flag.FlagSet {
	fs := NewFlags("show")
	fs.BoolVar(&o.json, "json", false, "print the post as JSON")
	return fs
}

func init() {
	RegisterFlags("show", showFlags(&showOpts{}))
	Register(&Command{
		Name:    "show",
		Args:    "SLUG [--json]",
		Summary: "print a post as a Markdown file (YAML front matter and body)",
		Run:     runShow,
	})
}

func runShow(env *Env, args []string) error {
	var o showOpts
	rest, err := ParseFlags(showFlags(&o), args)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return Usagef("show takes one SLUG")
	}
	st, err := openStore(env)
	if err != nil {
		return err
	}
	defer st.Close()
	p, err := findPost(env, st, rest[0])
	if err != nil {
		return err
	}
	if o.json {
		return writeJSON(env.Stdout, p)
	}
	b, err := p.MarshalFile()
	if err != nil {
		return err
	}
	_, err = env.Stdout.Write(b)
	return err
}
