package fastparse

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
)

// pipelines are the goldmark set-ups compared: each as goldmark builds it
// (stock) and with the stand-ins (fast).
var pipelines = []struct {
	name        string
	stock, fast goldmark.Markdown
}{
	{
		"commonmark",
		goldmark.New(goldmark.WithRendererOptions(html.WithUnsafe(), html.WithXHTML())),
		goldmark.New(WithParser(), goldmark.WithRendererOptions(html.WithUnsafe(), html.WithXHTML(), html.WithWriter(Writer))),
	},
	{
		"extensions",
		goldmark.New(
			goldmark.WithExtensions(extension.GFM, extension.Footnote, extension.DefinitionList, extension.Typographer),
			goldmark.WithRendererOptions(html.WithUnsafe())),
		goldmark.New(WithParser(),
			goldmark.WithExtensions(GFM, extension.Footnote, extension.DefinitionList, Typographer),
			goldmark.WithRendererOptions(html.WithUnsafe(), html.WithWriter(Writer))),
	},
	{
		"xhtml", // tables align with an attribute
		goldmark.New(
			goldmark.WithExtensions(extension.GFM, extension.Footnote, extension.DefinitionList, extension.Typographer),
			goldmark.WithRendererOptions(html.WithUnsafe(), html.WithXHTML(), html.WithHardWraps())),
		goldmark.New(WithParser(),
			goldmark.WithExtensions(GFM, extension.Footnote, extension.DefinitionList, Typographer),
			goldmark.WithRendererOptions(html.WithUnsafe(), html.WithXHTML(), html.WithHardWraps(), html.WithWriter(Writer))),
	},
	{
		"safe", // raw HTML omitted, as goldmark does by default
		goldmark.New(goldmark.WithExtensions(extension.GFM, extension.Typographer)),
		goldmark.New(WithParser(), goldmark.WithExtensions(GFM, Typographer), goldmark.WithRendererOptions(html.WithWriter(Writer))),
	},
}

// sameHTML fails t unless every pipeline renders src to the same HTML with
// goldmark's parts and with the stand-ins.
func sameHTML(t *testing.T, name string, src []byte) {
	t.Helper()
	for _, p := range pipelines {
		var want, got bytes.Buffer
		if err := p.stock.Convert(src, &want); err != nil {
			t.Fatalf("%s: %s: stock: %v", name, p.name, err)
		}
		if err := p.fast.Convert(src, &got); err != nil {
			t.Fatalf("%s: %s: fast: %v", name, p.name, err)
		}
		if !bytes.Equal(want.Bytes(), got.Bytes()) {
			t.Errorf("%s: %s: the HTML differs\nmarkdown: %q\nstock: %q\nfast:  %q", name, p.name, src, want.String(), got.String())
		}
	}
}

// corpus is every input the differential tests share: the CommonMark spec's
// examples, goldmark's own test cases, and Quire's golden inputs.
func corpus(t testing.TB) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	b, err := os.ReadFile("../testdata/commonmark/spec.json")
	if err != nil {
		t.Fatal(err)
	}
	var spec []struct {
		Markdown string
		Example  int
	}
	if err := json.Unmarshal(b, &spec); err != nil {
		t.Fatal(err)
	}
	for _, ex := range spec {
		out[fmt.Sprintf("spec %d", ex.Example)] = []byte(ex.Markdown)
	}
	files, _ := filepath.Glob("testdata/goldmark/*.txt")
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for i, c := range strings.Split(string(b), "//= = = = = = = = = = = = = = = = = = = = = = = =//") {
			parts := strings.Split(c, "//- - - - - - - - -//\n")
			if len(parts) == 3 {
				out[fmt.Sprintf("%s %d", filepath.Base(f), i+1)] = []byte(parts[1])
			}
		}
	}
	mds, _ := filepath.Glob("../testdata/*.md")
	for _, f := range mds {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out[filepath.Base(f)] = b
	}
	if len(out) < 652+100 {
		t.Fatalf("only %d inputs", len(out))
	}
	return out
}

func TestSameHTMLCorpus(t *testing.T) {
	for name, src := range corpus(t) {
		sameHTML(t, name, src)
	}
}

// pieces are what generated documents are made of: the lines and words the
// stand-ins decide on, and their near misses.
var pieces = []string{
	"\n", "\n\n", "\r\n", " ", "  ", "   ", "    ", "\t", "\\", "\\\n", "  \n", "\\\r\n",
	"word", "two words", "Ünïcode text", "日本語", "a, b, c", "end.", "wait...", "--", "---",
	"'quoted'", "\"double\"", "it's", "'90s", "l'été", "9'x", "x'9", "Ü's", "dogs' ", "'twas", "''", "a'",
	"\"\"", "\"a\"", "21\"\"", "\".\"", "(\"x\")", "\"?\" ", "x\"y", "\"\u00e9\"", "\"\u2014\"", "<<", ">>", "*em*", "**strong**", "_u_", "~~s~~", "~x~",
	"(paren)", "[link](http://a.b/c)", "[ref]", "[ref]: /url \"t\"", "[^1]", "[^1]: note",
	"http://example.com", "https://example.com/a_b*c*", "ftp://x.org", "www.example.com",
	"www.x", "user@example.com", "a@b", "@", "mailto:a@b.c", "tp:", "ps:", "(https://x.y/z)",
	"`code http://a.b`", "<http://a.b>", "<a href=\"x\">", "</a>", "<span>", "<img src=x>",
	"<div>", "</div>", "<DIV class=\"x\">", "<div\tclass=x>", "<div/>", "<div/x>", "<div", "<iframe src=\"y\"></iframe>",
	"<p>", "<table>", "<search>", "<custom-tag a=1>", "<custom-tag\ta=1>", "</custom a=1>",
	"<script>", "</script>", "<SCRIPT>", "<ſcript>", "<pre>", "<prefix>", "<style>", "<textarea>",
	"<!-- c -->", "<!--more-->", "<?php ?>", "<!DOCTYPE html>", "<![CDATA[x]]>", "< div>", "<1>", "<-x>",
	"# ", "## h ##", "> ", "- ", "* ", "1. ", "   - ", "- [ ] ", "- [x] ", "```\n", "```go\n", "~~~\n",
	"| a | b |\n|---|---|\n", "| c | d |\n", "| l | c | r |\n|:--|:-:|--:|\n", "|a|\n|-:|\n", "&amp;", "&#35;", "&#x22;",
	"&copy;", "&bogus;", "\x00", "a\\*b", "\\\\", "Term\n: def\n", "***\n", "===\n", "---\n",
}

// generated returns n documents of random pieces, the same every run.
func generated(n int) [][]byte {
	rng := rand.New(rand.NewPCG(1, 2))
	docs := make([][]byte, n)
	for i := range docs {
		var b strings.Builder
		for j := 0; j < 4+rng.IntN(40); j++ {
			b.WriteString(pieces[rng.IntN(len(pieces))])
			if rng.IntN(3) == 0 {
				b.WriteByte(' ')
			}
		}
		docs[i] = []byte(b.String())
	}
	return docs
}

func TestSameHTMLGenerated(t *testing.T) {
	// 5,000 run in a second (fifteen under -race); FuzzSameHTML goes on
	// from there.
	n := 5000
	if testing.Short() {
		n = 1000
	}
	for i, src := range generated(n) {
		sameHTML(t, fmt.Sprintf("generated %d", i), src)
		if t.Failed() {
			return
		}
	}
}

// FuzzSameHTML checks the stand-ins against goldmark's parts on any input.
//
//	go test -run '^$' -fuzz FuzzSameHTML -fuzztime 1m ./backend/render/fastparse/
func FuzzSameHTML(f *testing.F) {
	for _, src := range corpus(f) {
		f.Add(src)
	}
	for _, src := range generated(200) {
		f.Add(src)
	}
	f.Fuzz(func(t *testing.T, src []byte) { sameHTML(t, "fuzz", src) })
}

// htmlBlockKind is what an HTML block parser opens for line: 0 for nothing,
// else the block's type.
func htmlBlockKind(bp parser.BlockParser, line string, afterParagraph bool) int {
	pc := parser.NewContext()
	if afterParagraph {
		pc.SetOpenedBlocks([]parser.Block{{Node: ast.NewParagraph()}})
	}
	n, _ := bp.Open(ast.NewDocument(), text.NewReader([]byte(line)), pc)
	if n == nil {
		return 0
	}
	return int(n.(*ast.HTMLBlock).HTMLBlockType)
}

// TestHTMLBlockOpen checks the stand-in against goldmark's parser on lines
// made of every element name HTML has (so that a goldmark release that
// changes its list of block tags fails here), in every form that decides
// the type.
func TestHTMLBlockOpen(t *testing.T) {
	names := []string{
		"a", "abbr", "address", "area", "article", "aside", "audio", "b", "base", "basefont", "bdi", "bdo",
		"blockquote", "body", "br", "button", "canvas", "caption", "center", "cite", "code", "col", "colgroup",
		"data", "datalist", "dd", "del", "details", "dfn", "dialog", "dir", "div", "dl", "dt", "em", "embed",
		"fieldset", "figcaption", "figure", "font", "footer", "form", "frame", "frameset", "h1", "h2", "h3",
		"h4", "h5", "h6", "head", "header", "hgroup", "hr", "html", "i", "iframe", "img", "input", "ins",
		"kbd", "label", "legend", "li", "link", "main", "map", "mark", "menu", "menuitem", "meta", "meter",
		"nav", "noframes", "noscript", "object", "ol", "optgroup", "option", "output", "p", "param",
		"picture", "pre", "progress", "q", "rp", "rt", "ruby", "s", "samp", "script", "search", "section",
		"select", "slot", "small", "source", "span", "strong", "style", "sub", "summary", "sup", "svg",
		"table", "tbody", "td", "template", "textarea", "tfoot", "th", "thead", "time", "title", "tr",
		"track", "u", "ul", "var", "video", "wbr", "math", "x-1", "my-element", "h7", "divx", "tablex",
		"ſcript", "ſtyle", "scrİpt", "ſ", "",
	}
	rests := []string{
		"", "\n", "\r\n", "\r", ">", ">\n", ">x", " ", " \n", " a=1>", " a=\"1\">\n", " a='1' b>", "\ta=1>",
		"\t>", "/>", "/>\n", "/x", "/", " /", " />", "  >", " a\nb", ">\r\n", ">\n\n", "-", "1", "\x00", " a=<>",
	}
	stock := parser.NewHTMLBlockParser()
	fast := NewHTMLBlockParser()
	checked := 0
	for _, indent := range []string{"", " ", "   ", "    ", "\t"} {
		names := names
		if indent != "" {
			names = []string{"div", "DIV", "a", "script", "pre", "ſcript"} // indentation is name-blind
		}
		for _, open := range []string{"<", "</", "</ ", "< "} {
			for _, name := range names {
				for _, n := range []string{name, strings.ToUpper(name)} {
					for _, rest := range rests {
						line := indent + open + n + rest
						for _, ap := range []bool{false, true} {
							want := htmlBlockKind(stock, line, ap)
							if got := htmlBlockKind(fast, line, ap); got != want {
								t.Errorf("%q (after a paragraph: %v): type %d, goldmark opens type %d", line, ap, got, want)
							}
							checked++
						}
					}
				}
			}
		}
	}
	for _, line := range []string{"", "<", "<\n", "x", "<!", "<!--", "<?", "<![CDATA[", "<!X", "<!x", "<\x80"} {
		for _, ap := range []bool{false, true} {
			if got, want := htmlBlockKind(fast, line, ap), htmlBlockKind(stock, line, ap); got != want {
				t.Errorf("%q (after a paragraph: %v): type %d, goldmark opens type %d", line, ap, got, want)
			}
		}
	}
	t.Logf("%d lines", checked)
}

func TestClassifyShortcuts(t *testing.T) {
	tests := []struct {
		name           string
		line           string
		afterParagraph bool
		want           htmlLine
	}{
		{"IframeEmbed", `<iframe width="560" src="https://www.youtube.com/embed/x" allowfullscreen></iframe>` + "\n", false, htmlBlockType6},
		{"ClosingDiv", "</div>\n", true, htmlBlockType6},
		{"InlineTagInParagraph", "<a href=\"x\">link</a> text\n", true, notHTMLBlock},
		{"InlineTagAfterBlank", "<a href=\"x\">\n", false, undecided},
		{"NotATag", "< 3 is less\n", false, notHTMLBlock},
		{"FourSpaces", "    <div>\n", false, notHTMLBlock},
		{"Comment", "<!--more-->\n", false, undecided},
		{"Script", "<script>\n", false, undecided},
		{"ClosingScript", "</script>\n", false, notHTMLBlock},
		{"TabAfterBlockTag", "<div\tclass=x>\n", false, undecided},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := classifyHTMLLine([]byte(tt.line), tt.afterParagraph); got != tt.want {
				t.Errorf("classifyHTMLLine(%q) = %d, want %d", tt.line, got, tt.want)
			}
		})
	}
}

func TestNewParserReplaces(t *testing.T) {
	// replace panics when goldmark's default is not in the list.
	_ = NewParser()
}

// dumpAST writes the tree under n with adjacent Text nodes that render as
// one merged (goldmark cuts text where a parser was asked, and the stand-ins
// ask less often), so that the trees of the two parsers can be compared.
func dumpAST(b *strings.Builder, n ast.Node, src []byte, depth int) {
	fmt.Fprintf(b, "%*s%s", depth, "", n.Kind())
	switch n := n.(type) {
	case *ast.Text:
		fmt.Fprintf(b, " %q soft=%v hard=%v raw=%v", n.Segment.Value(src), n.SoftLineBreak(), n.HardLineBreak(), n.IsRaw())
	case *ast.String:
		fmt.Fprintf(b, " %q code=%v", n.Value, n.IsCode())
	case *ast.Link:
		fmt.Fprintf(b, " %q %q", n.Destination, n.Title)
	case *ast.AutoLink:
		fmt.Fprintf(b, " %q", n.URL(src))
	}
	if n.Type() == ast.TypeBlock {
		for i := 0; i < n.Lines().Len(); i++ {
			seg := n.Lines().At(i)
			fmt.Fprintf(b, " [%d:%d]", seg.Start, seg.Stop)
		}
	}
	for _, a := range n.Attributes() {
		fmt.Fprintf(b, " %s=%v", a.Name, a.Value)
	}
	b.WriteByte('\n')
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if t, ok := c.(*ast.Text); ok {
			// Merge the run of Text nodes goldmark would render as one.
			seg := t.Segment
			last := t
			for next, ok := c.NextSibling().(*ast.Text); ok && next.Segment.Start == seg.Stop &&
				!last.SoftLineBreak() && !last.HardLineBreak() && !last.IsRaw() && !next.IsRaw(); next, ok = c.NextSibling().(*ast.Text) {
				seg = seg.WithStop(next.Segment.Stop)
				last = next
				c = next
			}
			fmt.Fprintf(b, "%*sText %q soft=%v hard=%v raw=%v\n", depth+1, "", seg.Value(src), last.SoftLineBreak(), last.HardLineBreak(), t.IsRaw())
			continue
		}
		dumpAST(b, c, src, depth+1)
	}
}

// sameTree fails t unless the extensions pipeline parses src to the same
// tree with goldmark's parts and with the stand-ins.
func sameTree(t *testing.T, name string, src []byte) {
	t.Helper()
	p := pipelines[1]
	var want, got strings.Builder
	dumpAST(&want, p.stock.Parser().Parse(text.NewReader(src)), src, 0)
	dumpAST(&got, p.fast.Parser().Parse(text.NewReader(src)), src, 0)
	if want.String() != got.String() {
		t.Errorf("%s: the trees differ\nmarkdown: %q\nstock:\n%s\nfast:\n%s", name, src, want.String(), got.String())
	}
}

func TestSameTree(t *testing.T) {
	for name, src := range corpus(t) {
		sameTree(t, name, src)
	}
	for i, src := range generated(2000) {
		sameTree(t, fmt.Sprintf("generated %d", i), src)
		if t.Failed() {
			return
		}
	}
}
