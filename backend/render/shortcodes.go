package render

import (
	"bytes"
	"fmt"
	"html"
	"sync"
	"time"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"quire/backend/post"
	"quire/backend/render/internal/mdtext"
	"quire/backend/render/shortcode"
)

// ShortcodeProblems parses the body of post p (nil for none) as Render
// would and returns what its shortcodes and Liquid tags warn about (an
// unknown shortcode, an unclosed highlight), with the lines of the file,
// without writing any HTML: for an import, which reports them before any
// page is made.
func (r *Renderer) ShortcodeProblems(p *post.Post, body []byte, firstLine int) []post.Warning {
	if !bytes.Contains(body, []byte("{{")) && !bytes.Contains(body, []byte("{%")) {
		// No tag can start: most posts outside Hugo and Jekyll sites are
		// spared the parse.
		return nil
	}
	if firstLine < 1 {
		firstLine = 1
	}
	body, _ = guardInput(body, firstLine)
	pc := parser.NewContext()
	setPage(pc, p)
	r.md.Parser().Parse(text.NewReader(body), parser.WithContext(pc))
	ws := shortcode.Warnings(pc)
	if len(ws) == 0 {
		return nil
	}
	lines := mdtext.NewLineIndex(body)
	out := make([]post.Warning, 0, len(ws))
	for _, w := range ws {
		out = append(out, post.Warning{Line: lines.Line(w.Pos) + firstLine - 1, Message: w.Message})
	}
	return out
}

// setPage hands the post's front matter to the shortcode extension.
func setPage(pc parser.Context, p *post.Post) {
	if p == nil {
		return
	}
	shortcode.SetPage(pc, shortcode.Page{Title: p.Title, Param: func(key string) (string, bool) {
		if key == "description" { // Hugo's name for what Quire calls the summary
			key = "summary"
		}
		if f, alias, ok := post.LookupField(key); ok && alias == nil {
			// A field Quire knows is read from the post (it may come
			// from the file's name or folder, not its front matter).
			if f.IsZero(p) {
				return "", false
			}
			switch v := f.Value(p).(type) {
			case string:
				return v, true
			case time.Time:
				return v.Format(time.RFC3339), true
			}
			return "", false // a list is not text
		}
		v, ok := p.Extra.Get(key)
		if !ok || v == nil {
			return "", false
		}
		switch v := v.(type) {
		case string:
			return v, true
		case time.Time:
			return v.Format(time.RFC3339), true
		case post.Map, []any:
			return "", false // a mapping or a list is not text
		}
		return fmt.Sprint(v), true
	}})
}

// markdownifyDepth is how deep site shortcodes inside the text a site
// shortcode renders are themselves run; deeper ones are placeholders, so
// that nested pairs cannot make a render recurse without bound.
const markdownifyDepth = 3

// innerMarkdown is the renderer for one depth of markdownify, made at the
// first use.
type innerMarkdown struct {
	once sync.Once
	md   goldmark.Markdown
}

// shortcodeConfig is c with the Markdown renderer a site's shortcodes use
// for markdownify: this renderer's settings, without the preview's line
// marks (the text is not where the marks would say).
func (r *Renderer) shortcodeConfig(c shortcode.Config) shortcode.Config {
	if c.Markdownify == nil {
		c.Markdownify = r.markdownifyAt(0)
	}
	return c
}

func (r *Renderer) markdownifyAt(depth int) func(string) string {
	return func(src string) string {
		in := &r.inner[depth]
		in.once.Do(func() {
			s := r.s
			s.SourceLines = false
			if depth+1 < markdownifyDepth {
				s.Shortcodes.Markdownify = r.markdownifyAt(depth + 1)
			} else {
				s.Shortcodes.Template, s.Shortcodes.Markdownify = nil, nil
			}
			in.md = newMarkdown(s)
		})
		var b bytes.Buffer
		if err := in.md.Convert([]byte(src), &b); err != nil {
			return "<p>" + html.EscapeString(src) + "</p>"
		}
		return b.String()
	}
}
