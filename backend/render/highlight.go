package render

import (
	"fmt"
	"html"
	"strings"
	"sync"

	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/styles"
	"github.com/yuin/goldmark"
	highlighting "github.com/yuin/goldmark-highlighting/v2"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"quire/backend/render/sourceline"
)

// The chroma styles HighlightCSS uses; the HTML only names classes, so the
// theme can switch between them with a media query.
const (
	LightStyle = "github"
	DarkStyle  = "github-dark"
)

// highlighter renders fenced code with chroma, as CSS classes. Highlighted
// blocks are wrapped as <div class="highlight"><pre class="chroma"><code>
// (Hugo's markup, so Hugo themes' CSS fits); blocks in an unknown language
// are a plain <pre><code class="language-x">.
func highlighter() goldmark.Extender {
	return highlighting.NewHighlighting(
		highlighting.WithFormatOptions(chromahtml.WithClasses(true)),
		highlighting.WithGuessLanguage(false),
		highlighting.WithWrapperRenderer(func(w util.BufWriter, c highlighting.CodeBlockContext, entering bool) {
			line := ""
			if attrs := c.Attributes(); attrs != nil {
				if v, ok := attrs.GetString(sourceline.Attr); ok {
					if b, ok := v.([]byte); ok {
						line = ` data-line="` + html.EscapeString(string(b)) + `"`
					}
				}
			}
			switch {
			case c.Highlighted() && entering:
				_, _ = w.WriteString(`<div class="highlight"` + line + `>`)
			case c.Highlighted():
				_, _ = w.WriteString("</div>\n")
			case entering:
				_, _ = w.WriteString("<pre" + line + "><code")
				if lang, ok := c.Language(); ok && len(lang) > 0 {
					// The info string is the author's: escape it (```"><script> fences).
					_, _ = w.WriteString(` class="language-` + html.EscapeString(string(lang)) + `"`)
				}
				_, _ = w.WriteString(">")
			default:
				_, _ = w.WriteString("</code></pre>\n")
			}
		}),
	)
}

// codeAttrs copies attributes written in a fence's info string (```go
// {hl_lines=[2] linenos=true}) onto the node. goldmark-highlighting reads them
// from the info string only while the node has no attributes of its own, so
// without this the preview (where the node carries data-line) and the export
// would highlight differently.
type codeAttrs struct{}

func (codeAttrs) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		f, ok := n.(*ast.FencedCodeBlock)
		if !entering || !ok || f.Info == nil || f.Attributes() != nil {
			return ast.WalkContinue, nil
		}
		info := f.Info.Segment.Value(src)
		i := strings.IndexByte(string(info), '{')
		if i <= 0 {
			return ast.WalkContinue, nil
		}
		if attrs, ok := parser.ParseAttributes(text.NewReader(info[i:])); ok {
			for _, a := range attrs {
				f.SetAttribute(a.Name, a.Value)
			}
		}
		return ast.WalkContinue, nil
	})
}

// HighlightCSS returns the CSS for highlighted code: LightStyle by default and
// DarkStyle under prefers-color-scheme: dark.
func HighlightCSS() string {
	return highlightCSS()
}

var highlightCSS = sync.OnceValue(func() string {
	css, err := HighlightCSSFor(LightStyle, DarkStyle)
	if err != nil {
		panic(err) // the built-in styles exist; a test covers this
	}
	return css
})

// HighlightCSSFor returns highlight CSS for two chroma styles by name.
func HighlightCSSFor(light, dark string) (string, error) {
	var b strings.Builder
	b.WriteString("/* Syntax highlighting (chroma): " + light + ", and " + dark + " in dark mode. */\n")
	if err := writeStyleCSS(&b, light, ""); err != nil {
		return "", err
	}
	b.WriteString("@media (prefers-color-scheme: dark) {\n")
	if err := writeStyleCSS(&b, dark, "  "); err != nil {
		return "", err
	}
	b.WriteString("}\n")
	return b.String(), nil
}

func writeStyleCSS(b *strings.Builder, name, indent string) error {
	style, ok := styles.Registry[name]
	if !ok {
		return fmt.Errorf("highlight style %q: no such chroma style", name)
	}
	var css strings.Builder
	if err := chromahtml.New(chromahtml.WithClasses(true)).WriteCSS(&css, style); err != nil {
		return fmt.Errorf("highlight style %q: %w", name, err)
	}
	for _, line := range strings.Split(css.String(), "\n") {
		// .bg styles a whole standalone page; in a post it would hit any
		// element the author classed "bg".
		if line == "" || strings.Contains(line, "/* Background */") {
			continue
		}
		b.WriteString(indent + line + "\n")
	}
	return nil
}
