package highlight

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
)

func TestParseOptions(t *testing.T) {
	tests := []struct {
		name string
		info string
		want string // options.key()
	}{
		{"None", "go", ""},
		{"HlLines", `go {hl_lines=[2,"4-5"]}`, "[[2 2] [4 5]] false false 0 false"},
		{"LineNumbersTable", "go {linenos=table linenostart=10 hl_lines=[1]}", "[[10 10]] true true 10 false"},
		{"LineNumbersTrue", "go {linenos=true}", "[] true false 0 false"},
		{"NoHighlight", "go {nohl=true}", "[] false false 0 true"},
		{"NoHighlightFalse", "go {nohl=false}", ""},
		{"BadRange", `go {hl_lines=["x", "5-2", -1]}`, ""},
		{"Garbage", "go {", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := parseOptions([]byte(tt.info)).key(); got != tt.want {
				t.Errorf("parseOptions(%q).key() = %q, want %q", tt.info, got, tt.want)
			}
		})
	}
}

func TestRender(t *testing.T) {
	md := goldmark.New(goldmark.WithExtensions(New()), goldmark.WithRendererOptions(html.WithUnsafe()))
	tests := []struct {
		name, src string
		want      []string
	}{
		{"Go", "```go\nfunc main() {}\n```\n", []string{`<div class="highlight"><pre class="chroma"><code>`, `<span class="kd">func</span>`, "</code></pre></div>"}},
		{"Unknown", "```nosuchlang\n<b>\n```\n", []string{`<pre><code class="language-nosuchlang">&lt;b&gt;`}},
		{"NoLanguage", "```\nx\n```\n", []string{"<pre><code>x\n</code></pre>"}},
		{"NoHighlight", "```go {nohl=true}\nfunc\n```\n", []string{`<pre><code class="language-go">func`}},
		{"HostileInfo", "```\"><script>alert(1)</script>\nx\n```\n", []string{`class="language-&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"`}},
		{"HlLines", "```go {hl_lines=[2]}\na := 1\nb := 2\n```\n", []string{`<span class="line hl"><span class="cl"><span class="nx">b</span>`}},
		// chroma's spade lexer panics on this ("unknown state lifetime").
		{"LexerPanics", "```spade\ndef f(x):\n    '''doc'''\n```\n", []string{`<pre><code class="language-spade">def f(x):`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// Twice: the second render comes from the cache and must not differ.
			var first string
			for i := 0; i < 2; i++ {
				var b bytes.Buffer
				if err := md.Convert([]byte(tt.src), &b); err != nil {
					t.Fatal(err)
				}
				for _, w := range tt.want {
					if !strings.Contains(b.String(), w) {
						t.Errorf("render %d lacks %s:\n%s", i+1, w, b.String())
					}
				}
				if i == 0 {
					first = b.String()
				} else if b.String() != first {
					t.Errorf("cached render differs:\n%s\n%s", first, b.String())
				}
			}
		})
	}
}

// TestPrepareSameHTML: highlighting a document's blocks in parallel first
// changes nothing in the HTML, for blocks at the top, in lists and quotes,
// with options, in unknown languages and repeated.
func TestPrepareSameHTML(t *testing.T) {
	var src strings.Builder
	for i := 0; i < 120; i++ {
		switch i % 6 {
		case 0:
			fmt.Fprintf(&src, "```go\nfunc f%d() { return %d }\n%s```\n\n", i, i, strings.Repeat("// a comment line that makes the block longer\n", 20))
		case 1:
			fmt.Fprintf(&src, "- item\n\n  ```python {hl_lines=[1]}\n  def g%d(): return '%d'\n  ```\n\n", i, i)
		case 2:
			fmt.Fprintf(&src, "> ```sql\n> SELECT %d FROM t;\n> ```\n\n", i)
		case 3:
			src.WriteString("```nosuchlang\n<b>\n```\n\n```go {nohl=true}\nfunc\n```\n\n")
		case 4:
			src.WriteString("```go\nfunc same() {}\n```\n\n") // repeated
		case 5:
			fmt.Fprintf(&src, "Text %d with `code`.\n\n```bash {linenos=table}\necho %d | grep x\n```\n\n", i, i)
		}
	}
	in := []byte(src.String())
	render := func(workers int) string {
		ext := New()
		md := goldmark.New(goldmark.WithExtensions(ext), goldmark.WithRendererOptions(html.WithUnsafe()))
		doc := md.Parser().Parse(text.NewReader(in))
		var blocks []*ast.FencedCodeBlock
		_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			if fc, ok := n.(*ast.FencedCodeBlock); ok && entering {
				blocks = append(blocks, fc)
			}
			return ast.WalkContinue, nil
		})
		ext.Prepare(blocks, in, workers)
		prepared := 0
		_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			if _, ok := n.Attribute([]byte(preparedAttr)); ok && entering {
				prepared++
			}
			return ast.WalkContinue, nil
		})
		if (prepared > 0) != (workers > 1) {
			t.Errorf("%d workers prepared %d blocks", workers, prepared)
		}
		var b bytes.Buffer
		if err := md.Renderer().Render(&b, in, doc); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	if len(in) < minParallel {
		t.Fatalf("the test post (%d bytes) is too short to be prepared in parallel", len(in))
	}
	serial, parallel := render(1), render(4)
	if serial != parallel {
		t.Errorf("parallel highlighting changed the HTML:\n%s\n----\n%s", serial, parallel)
	}
	if !strings.Contains(parallel, `<span class="kd">func</span>`) {
		t.Errorf("nothing highlighted:\n%.500s", parallel)
	}
}

// TestPlainSameHTML: writePlain writes what chroma's formatter writes, for
// the tokens of common lexers on the samples (every lexer with
// QUIRE_ALL_LEXERS=1).
func TestPlainSameHTML(t *testing.T) {
	if !plainOK() {
		t.Fatal("writePlain differs from chroma's formatter on the check tokens")
	}
	all := lexers.GlobalLexerRegistry.Lexers
	if os.Getenv("QUIRE_ALL_LEXERS") == "" {
		all = nil
		for _, name := range []string{"go", "python", "sql", "bash", "javascript", "html", "yaml", "json", "rust", "c++", "diff", "markdown", "plaintext"} {
			all = append(all, lexers.Get(name))
		}
	}
	for _, l := range all {
		if loops[l.Config().Name] {
			continue
		}
		for _, src := range samples {
			toks := tokens(t, chroma.Coalesce(l), src)
			if len(toks) == 1 && strings.HasPrefix(toks[0].Value, "panic: ") {
				continue
			}
			var want, got strings.Builder
			if err := plain.Format(&want, formatStyle, chroma.Literator(toks...)); err != nil {
				t.Fatal(err)
			}
			writePlain(&got, toks)
			if want.String() != got.String() {
				t.Errorf("%s on %.40q:\n%s\nwant\n%s", l.Config().Name, src, got.String(), want.String())
			}
		}
	}
}
