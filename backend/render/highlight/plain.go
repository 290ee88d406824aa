package highlight

import (
	"strings"
	"sync"

	"github.com/alecthomas/chroma/v2"
)

// writePlain writes tokens as chroma's HTML formatter does with classes and
// no options (the plain formatter): the same markup, built with appends
// rather than a fmt.Sprintf and an escaped copy per token, which made the
// formatter a tenth of an export's CPU time. Blocks with options (line
// numbers, highlighted lines) still go through chroma's formatter.
// TestPlainSameHTML compares the two for every lexer's tokens.
func writePlain(out *strings.Builder, tokens []chroma.Token) {
	p := plainParts()
	out.WriteString(p.start)
	for _, line := range chroma.SplitTokensIntoLines(tokens) {
		out.WriteString(p.lineStart)
		for _, t := range line {
			cls := className(t.Type)
			if cls != "" {
				out.WriteString(`<span class="`)
				out.WriteString(cls)
				out.WriteString(`">`)
			}
			_, _ = htmlEscaper.WriteString(out, t.Value)
			if cls != "" {
				out.WriteString("</span>")
			}
		}
		out.WriteString(p.lineEnd)
	}
	out.WriteString(p.end)
}

// htmlEscaper is html.EscapeString's replacer, which chroma uses.
var htmlEscaper = strings.NewReplacer(`&`, "&amp;", `'`, "&#39;", `<`, "&lt;", `>`, "&gt;", `"`, "&#34;")

// className is chroma's Formatter.class without a prefix: the class of the
// token type or of its nearest parent that has one.
func className(t chroma.TokenType) string {
	for t != 0 {
		if cls, ok := chroma.StandardTypes[t]; ok {
			return cls
		}
		t = t.Parent()
	}
	return chroma.StandardTypes[t]
}

type parts struct{ start, end, lineStart, lineEnd string }

func attr(t chroma.TokenType) string {
	if cls := className(t); cls != "" {
		return ` class="` + cls + `"`
	}
	return ""
}

// plainParts are the wrapper's and each line's markup. They are checked
// against chroma's formatter once: if it ever writes an empty block other
// than as expected, writePlain is not used (ok false).
var plainParts = sync.OnceValue(func() parts {
	return parts{
		start:     `<pre` + attr(chroma.PreWrapper) + `><code>`,
		end:       `</code></pre>`,
		lineStart: `<span` + attr(chroma.Line) + `><span` + attr(chroma.CodeLine) + `>`,
		lineEnd:   `</span></span>`,
	}
})

var plainOK = sync.OnceValue(func() bool {
	var want, got strings.Builder
	toks := []chroma.Token{{Type: chroma.Keyword, Value: "func"}, {Type: chroma.Text, Value: " <x>\n"}, {Type: chroma.NameFunction, Value: "'&\""}}
	if err := plain.Format(&want, formatStyle, chroma.Literator(toks...)); err != nil {
		return false
	}
	writePlain(&got, toks)
	return want.String() == got.String()
})
