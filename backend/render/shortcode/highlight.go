package shortcode

import (
	"html"
	"strings"
	"sync"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"
)

// hlOptions are highlight's options, as Hugo's fences take them.
type hlOptions struct {
	lineNumbers bool
	inline      bool // line numbers inline rather than in a table
	start       int
	hlLines     [][2]int
}

// lexerCache keeps chroma's lexer for each language name, a miss included:
// chroma tries every lexer's file patterns for a name it does not know.
var lexerCache sync.Map // string -> chroma.Lexer (nil for none)

func lexerFor(lang string) chroma.Lexer {
	lang = strings.ToLower(strings.TrimSpace(lang))
	if lang == "" {
		return nil
	}
	if l, ok := lexerCache.Load(lang); ok {
		lx, _ := l.(chroma.Lexer)
		return lx
	}
	lx := lexers.Get(lang)
	if lx == nil {
		lexerCache.Store(lang, nil)
		return nil
	}
	lx = chroma.Coalesce(lx)
	lexerCache.Store(lang, lx)
	return lx
}

// highlightCode renders a highlight pair's code with chroma, as CSS classes
// inside <div class="highlight">, the markup highlighted fences have. Code
// in a language chroma does not know is <pre><code class="language-x">.
func highlightCode(lang, code string, o hlOptions) string {
	code = strings.TrimPrefix(code, "\n")
	plain := func() string {
		cls := ""
		if lang != "" {
			cls = ` class="language-` + html.EscapeString(lang) + `"`
		}
		return "<pre><code" + cls + ">" + html.EscapeString(code) + "</code></pre>"
	}
	lx := lexerFor(lang)
	if lx == nil {
		return plain()
	}
	out, ok := format(lx, code, o)
	if !ok {
		return plain()
	}
	return `<div class="highlight">` + out + "</div>"
}

// format runs chroma; a lexer that panics leaves the code plain.
func format(lx chroma.Lexer, code string, o hlOptions) (out string, ok bool) {
	defer func() {
		if recover() != nil {
			out, ok = "", false
		}
	}()
	it, err := lx.Tokenise(nil, code)
	if err != nil {
		return "", false
	}
	opts := []chromahtml.Option{chromahtml.WithClasses(true)}
	base := 1
	if o.start > 0 {
		base = o.start
		opts = append(opts, chromahtml.BaseLineNumber(o.start))
	}
	if o.lineNumbers {
		opts = append(opts, chromahtml.WithLineNumbers(true), chromahtml.LineNumbersInTable(!o.inline))
	}
	if o.hlLines != nil {
		hl := make([][2]int, len(o.hlLines))
		for i, r := range o.hlLines {
			hl[i] = [2]int{r[0] + base - 1, r[1] + base - 1}
		}
		opts = append(opts, chromahtml.HighlightLines(hl))
	}
	var b strings.Builder
	if err := chromahtml.New(opts...).Format(&b, styles.Get("github"), it); err != nil {
		return "", false
	}
	return b.String(), true
}
