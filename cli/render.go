package cli

import (
	"flag"
	"fmt"
	"html/template"
	"io"
	"os"
	"runtime/debug"

	"quire/backend/render"
	"quire/backend/theme"
)

type renderOpts struct {
	full        bool
	preview     bool
	typographer bool
	noHighlight bool
	siteTitle   string
	lang        string
}

func renderFlags(o *renderOpts) *flag.FlagSet {
	fs := NewFlags("render")
	fs.BoolVar(&o.full, "full", false, "print the whole themed page (CSS inlined), as the export writes it")
	fs.BoolVar(&o.preview, "preview", false, "render as the in-app preview does (embeds as cards, author script removed, data-line)")
	fs.BoolVar(&o.typographer, "typographer", false, "curly quotes, dashes and ellipses")
	fs.BoolVar(&o.noHighlight, "no-highlight", false, "leave fenced code unhighlighted (<pre><code class=\"language-x\">), for sites that highlight in the browser")
	fs.StringVar(&o.siteTitle, "site-title", "", "the site title for --full")
	fs.StringVar(&o.lang, "lang", "en", "the page language for --full")
	return fs
}

func init() {
	RegisterFlags("render", renderFlags(&renderOpts{}))
	Register(&Command{
		Name:    "render",
		Args:    "[FILE|-] [--full] [--preview] [--typographer] [--no-highlight]",
		Summary: "print a Markdown post (with front matter) as HTML; FILE - or none reads stdin",
		Run:     runRender,
	})
}

func runRender(env *Env, args []string) error {
	var o renderOpts
	rest, err := ParseFlags(renderFlags(&o), args)
	if err != nil {
		return err
	}
	if len(rest) > 1 {
		return Usagef("render takes one FILE (or - for stdin), not %d", len(rest))
	}
	name := "-"
	if len(rest) == 1 {
		name = rest[0]
	}
	var src []byte
	if name == "-" {
		name = "stdin"
		if src, err = io.ReadAll(env.Stdin); err != nil {
			return fmt.Errorf("read stdin: %w", err)
		}
	} else if src, err = os.ReadFile(name); err != nil {
		return err // *PathError names the file
	}

	if os.Getenv("GOGC") == "" {
		// One render, then the process ends: collecting garbage as
		// often as a long-running program would is wasted work, paid for
		// with a higher peak of memory.
		debug.SetGCPercent(400)
	}
	r := render.New(render.Settings{Preview: o.preview, Typographer: o.typographer, NoHighlight: o.noHighlight})
	res, err := r.RenderFile(name, src)
	if err != nil {
		return err
	}
	for _, w := range res.Warnings {
		fmt.Fprintf(env.Stderr, "%s:%d: warning: %s\n", name, w.Line, w.Message)
	}
	if !o.full {
		_, err = io.WriteString(env.Stdout, res.HTML)
		return err
	}
	page := theme.PostPage{
		Site:           theme.Site{Title: o.siteTitle, Lang: o.lang},
		Title:          res.Title,
		Content:        template.HTML(res.HTML),
		ReadingMinutes: res.ReadingMinutes,
	}
	if fm := res.FrontMatter; fm != nil {
		page.Date = fm.Date
		page.Categories = fm.Categories
		page.Tags = fm.Tags
		page.Description = fm.Summary
	}
	return theme.RenderPost(env.Stdout, page)
}
