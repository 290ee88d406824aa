package cli

import (
	"fmt"
	"text/tabwriter"

	"quire/backend/publish"
	"quire/backend/site"
)

func init() {
	Register(&Command{
		Name:    "site",
		Args:    "[KEY [VALUE]]",
		Summary: "show or change the site settings the export uses (title, base-url, permalink...) and output, the hosting folder",
		Run:     runSite,
	})
}

func runSite(env *Env, args []string) error {
	rest, err := ParseFlags(NewFlags("site"), args)
	if err != nil {
		return err
	}
	if len(rest) > 2 {
		return Usagef("site takes at most KEY and VALUE")
	}
	st, err := openStore(env)
	if err != nil {
		return err
	}
	defer st.Close()
	s, err := site.Load(env.Ctx, st)
	if err != nil {
		return err
	}
	// The hosting folder is kept beside the site settings (backend/publish).
	if len(rest) > 0 && rest[0] == "output" {
		if len(rest) == 2 {
			if err := publish.SetOutput(env.Ctx, st, rest[1]); err != nil {
				return Usagef("%v", err)
			}
			return nil
		}
		out, err := publish.Output(env.Ctx, st)
		if err != nil {
			return err
		}
		fmt.Fprintln(env.Stdout, out)
		return nil
	}
	switch len(rest) {
	case 0:
		tw := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
		for _, k := range site.Keys {
			v, _ := s.Get(k)
			fmt.Fprintf(tw, "%s\t%s\n", k, v)
		}
		out, err := publish.Output(env.Ctx, st)
		if err != nil {
			return err
		}
		fmt.Fprintf(tw, "output\t%s\n", out)
		return tw.Flush()
	case 1:
		v, err := s.Get(rest[0])
		if err != nil {
			return err // names the keys; the usage would not help
		}
		fmt.Fprintln(env.Stdout, v)
		return nil
	}
	if err := s.Set(rest[0], rest[1]); err != nil {
		return err // says what is wrong with the value
	}
	return site.Save(env.Ctx, st, s)
}
