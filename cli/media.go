package cli

import (
	"flag"
	"fmt"
	"strings"
	"text/tabwriter"

	"quire/backend/media"
)

type mediaOpts struct{ json bool }

func mediaFlags(o *mediaOpts) *flag.FlagSet {
	fs := NewFlags("media")
	fs.BoolVar(&o.json, "json", false, "print as JSON")
	return fs
}

func init() {
	RegisterFlags("media", mediaFlags(&mediaOpts{}))
	Register(&Command{
		Name:    "media",
		Args:    "add FILE... | list | rm NAME... [--json]",
		Summary: "add images to the media library, list them with where each is used, remove unused ones",
		Run:     runMedia,
	})
}

func runMedia(env *Env, args []string) error {
	var o mediaOpts
	rest, err := ParseFlags(mediaFlags(&o), args)
	if err != nil {
		return err
	}
	if len(rest) == 0 {
		return Usagef("media needs add, list or rm")
	}
	verb, names := rest[0], rest[1:]
	switch verb {
	case "add", "rm":
		if len(names) == 0 {
			return Usagef("media %s needs at least one %s", verb, map[string]string{"add": "FILE", "rm": "NAME"}[verb])
		}
	case "list":
		if len(names) > 0 {
			return Usagef("media list takes no arguments")
		}
	default:
		return Usagef("unknown media command %q (add, list or rm)", verb)
	}
	st, err := openStore(env)
	if err != nil {
		return err
	}
	defer st.Close()
	lib := media.New(st)
	switch verb {
	case "add":
		// Each file on its own: one refused file does not stop the rest.
		type added struct {
			File  string `json:"file"`
			Link  string `json:"link,omitempty"`
			Error string `json:"error,omitempty"`
		}
		var out []added
		failed := false
		for _, f := range names {
			m, err := lib.AddFile(env.Ctx, f)
			if err != nil {
				failed = true
				out = append(out, added{File: f, Error: err.Error()})
				if !o.json {
					fmt.Fprintf(env.Stderr, "quire media: %s: %v\n", f, err)
				}
				continue
			}
			out = append(out, added{File: f, Link: "media/" + m.Name})
			if !o.json {
				// Ready to paste into a post.
				fmt.Fprintf(env.Stdout, "![](media/%s)\t%s\t%s\n", m.Name, dims(m.Width, m.Height), media.Size(m.Bytes))
			}
		}
		if o.json {
			if err := writeJSON(env.Stdout, out); err != nil {
				return err
			}
		}
		if failed {
			return ErrSilentFailure
		}
		return nil
	case "rm":
		for _, n := range names {
			if err := lib.Delete(env.Ctx, strings.TrimPrefix(n, "media/")); err != nil {
				return err
			}
		}
		return nil
	}
	items, err := lib.List(env.Ctx)
	if err != nil {
		return err
	}
	if o.json {
		return writeJSON(env.Stdout, items)
	}
	tw := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
	for _, it := range items {
		used := "unused"
		if len(it.Uses) > 0 {
			var slugs []string
			for _, u := range it.Uses {
				slugs = append(slugs, u.Slug)
			}
			used = "used by " + strings.Join(slugs, ", ")
		}
		if it.Missing {
			used += " (file missing)"
		}
		fmt.Fprintf(tw, "media/%s\t%s\t%s\t%s\t%s\n", it.Name, dims(it.Width, it.Height), media.Size(it.Bytes), it.Original, used)
	}
	return tw.Flush()
}

func dims(w, h int) string {
	if w == 0 || h == 0 {
		return "-"
	}
	return fmt.Sprintf("%dx%d", w, h)
}
