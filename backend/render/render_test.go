package render

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"quire/backend/post"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// samplePath is the project's one copy of the sample post, shared by every
// package's tests, the e2e harness and tools/corpus.
const samplePath = "../../testdata/kubecon-2017-austin-summary.md"

// goldenInputs lists the posts the golden and fuzz tests render: this
// package's testdata/*.md and the sample post. Their goldens live in testdata/.
func goldenInputs(t testing.TB) []string {
	t.Helper()
	inputs, err := filepath.Glob("testdata/*.md")
	if err != nil || len(inputs) == 0 {
		t.Fatalf("no testdata/*.md: %v", err)
	}
	return append(inputs, samplePath)
}

// goldenModes are the renderings each testdata/*.md is compared in: the
// export (author HTML as written) and the in-app preview.
var goldenModes = []struct {
	suffix string
	s      Settings
}{
	{".html", Settings{Typographer: true}},
	{".preview.html", Settings{Typographer: true, Preview: true}},
}

// goldenMeta is what else a render returns, kept beside the HTML golden.
type goldenMeta struct {
	Title          string
	Summary        string
	TOC            []Heading
	Words          int
	ReadingMinutes int
	Warnings       []string
}

func TestGolden(t *testing.T) {
	for _, in := range goldenInputs(t) {
		src, err := os.ReadFile(in)
		if err != nil {
			t.Fatal(err)
		}
		base := filepath.Join("testdata", strings.TrimSuffix(filepath.Base(in), ".md"))
		for _, m := range goldenModes {
			t.Run(filepath.Base(base)+m.suffix, func(t *testing.T) {
				res, err := New(m.s).Render(src)
				if err != nil {
					t.Fatal(err)
				}
				checkGolden(t, base+m.suffix, []byte(res.HTML))
				if m.s.Preview {
					return
				}
				meta := goldenMeta{
					Title: res.Title, Summary: res.Summary, TOC: res.TOC,
					Words: res.Words, ReadingMinutes: res.ReadingMinutes,
				}
				for _, w := range res.Warnings {
					meta.Warnings = append(meta.Warnings, w.String())
				}
				var j bytes.Buffer
				enc := json.NewEncoder(&j)
				enc.SetEscapeHTML(false) // readable diffs
				enc.SetIndent("", "  ")
				if err := enc.Encode(meta); err != nil {
					t.Fatal(err)
				}
				checkGolden(t, base+".json", j.Bytes())
			})
		}
	}
}

func checkGolden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
		for i := 0; i < len(gl) || i < len(wl); i++ {
			var g, w string
			if i < len(gl) {
				g = gl[i]
			}
			if i < len(wl) {
				w = wl[i]
			}
			if g != w {
				t.Fatalf("%s differs at line %d (run go test -update if the change is meant):\ngot:  %q\nwant: %q", path, i+1, g, w)
			}
		}
	}
}

// TestSample checks what the goldens show for the sample post, so that an
// -update cannot quietly accept its loss.
func TestSample(t *testing.T) {
	src, err := os.ReadFile(samplePath)
	if err != nil {
		t.Fatal(err)
	}
	srcLines := strings.Split(string(src), "\n")

	export, err := New(Settings{}).Render(src)
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(export.HTML, `<iframe width="560" height="315" src="https://www.youtube.com/embed/`); n != 3 {
		t.Errorf("export has %d YouTube iframes as written, want 3", n)
	}
	if strings.Contains(export.HTML, "data-line") || strings.Contains(export.HTML, "embed-card") {
		t.Errorf("export carries preview markup")
	}
	if export.Title != "KubeCon 2017 Austin Summary" {
		t.Errorf("Title = %q", export.Title)
	}
	if fm := export.FrontMatter; fm == nil || fm.Date.Year() != 2018 || len(fm.Categories) != 5 || fm.Layout != "post" {
		t.Errorf("FrontMatter = %+v", export.FrontMatter)
	}
	// ~1,000 words of prose: 1,027 by this count, and wc(1) on the body says 1,070
	// (it also counts "-", "=" and "==" standing alone).
	if export.Words < 950 || export.Words > 1100 || export.ReadingMinutes != 5 {
		t.Errorf("Words = %d, ReadingMinutes = %d", export.Words, export.ReadingMinutes)
	}
	if len(export.TOC) != 3 || export.TOC[0].ID != "keynote-summaries" || len(export.TOC[1].Children) != 3 {
		t.Errorf("TOC = %+v", export.TOC)
	}

	preview, err := New(Settings{Preview: true}).Render(src)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(preview.HTML, "<iframe") {
		t.Errorf("preview still has an iframe")
	}
	nodes := parseFragment(t, preview.HTML)
	cards := 0
	for _, n := range nodes {
		if n.Type != html.ElementNode {
			continue
		}
		line, err := strconv.Atoi(attr(n, "data-line"))
		if err != nil || line < 1 || line > len(srcLines) {
			t.Errorf("top-level <%s> has data-line %q", n.Data, attr(n, "data-line"))
			continue
		}
		// data-line is the line in the file, front matter included.
		text := srcLines[line-1]
		var ok bool
		switch n.Data {
		case "h1", "h2", "h3", "h4", "h5", "h6":
			ok = strings.HasPrefix(text, strings.Repeat("#", int(n.Data[1]-'0'))+" ")
		case "ul":
			ok = strings.HasPrefix(text, "- ") || strings.HasPrefix(text, "* ")
		case "blockquote":
			ok = strings.HasPrefix(text, ">")
		case "div":
			cards++
			ok = attr(n, "class") == "embed-card" && strings.HasPrefix(text, "<iframe")
			if a := n.LastChild; a == nil || a.DataAtom != atom.A || !strings.HasPrefix(attr(a, "href"), "https://www.youtube.com/embed/") {
				t.Errorf("card at line %d has no link to the video", line)
			}
		default:
			ok = strings.TrimSpace(text) != ""
		}
		if !ok {
			t.Errorf("<%s data-line=%d>, but line %d is %q", n.Data, line, line, text)
		}
	}
	if cards != 3 {
		t.Errorf("preview has %d embed cards, want 3", cards)
	}
}

func parseFragment(t testing.TB, s string) []*html.Node {
	t.Helper()
	body := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	nodes, err := html.ParseFragment(strings.NewReader(s), body)
	if err != nil {
		t.Fatal(err)
	}
	return nodes
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

type specExample struct {
	Markdown string `json:"markdown"`
	HTML     string `json:"html"`
	Example  int    `json:"example"`
	Section  string `json:"section"`
}

// TestCommonMarkSpec runs the spec's examples through a Renderer with the
// extensions off, comparing as goldmark's own spec test does.
func TestCommonMarkSpec(t *testing.T) {
	b, err := os.ReadFile("testdata/commonmark/spec.json")
	if err != nil {
		t.Fatal(err)
	}
	var examples []specExample
	if err := json.Unmarshal(b, &examples); err != nil {
		t.Fatal(err)
	}
	if len(examples) != 652 {
		t.Fatalf("%d examples, want the 652 of spec 0.31.2", len(examples))
	}
	r := New(Settings{CommonMark: true, XHTML: true})
	failed := 0
	for _, ex := range examples {
		res, err := r.RenderBody([]byte(ex.Markdown), 1)
		if err != nil {
			t.Errorf("example %d: %v", ex.Example, err)
			continue
		}
		if strings.TrimSpace(res.HTML) != strings.TrimSpace(ex.HTML) {
			failed++
			t.Errorf("example %d (%s):\nmarkdown: %q\nwant: %q\ngot:  %q", ex.Example, ex.Section, ex.Markdown, ex.HTML, res.HTML)
		}
	}
	t.Logf("%d of %d examples pass", len(examples)-failed, len(examples))
}

func TestSummary(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"OK", "Intro *here*.\n\n<!--more-->\n\nRest.\n", "<p>Intro <em>here</em>.</p>\n"},
		{"Spaced", "Intro.\n\n<!-- More -->\n\nRest.\n", "<p>Intro.</p>\n"},
		{"None", "Intro.\n\nRest.\n", ""},
		{"InParagraph", "Intro <!--more--> inline.\n", ""},
		{"Nested", "> quote\n>\n> <!--more-->\n\nRest.\n", ""},
		{"FirstOnly", "A\n\n<!--more-->\n\nB\n\n<!--more-->\n\nC\n", "<p>A</p>\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := New(Settings{}).RenderBody([]byte(tt.src), 1)
			if err != nil {
				t.Fatal(err)
			}
			if res.Summary != tt.want {
				t.Errorf("Summary = %q, want %q", res.Summary, tt.want)
			}
			if !strings.Contains(res.HTML, "Rest.") && strings.Contains(tt.src, "Rest.") {
				t.Errorf("HTML lost the text after the divider: %q", res.HTML)
			}
		})
	}
}

func TestTOCAndIDs(t *testing.T) {
	src := "# Title\n\n## Über uns\n\n### Deep `code`\n\n## Über uns\n\n## [Link](http://x.test) & *more*\n\n> ## Quoted\n\n#\n\n# Second\n"
	res, err := New(Settings{}).RenderBody([]byte(src), 10)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := json.Marshal(res.TOC)
	want := `[{"level":1,"id":"title","text":"Title","line":10,"children":[` +
		`{"level":2,"id":"über-uns","text":"Über uns","line":12,"children":[{"level":3,"id":"deep-code","text":"Deep code","line":14}]},` +
		`{"level":2,"id":"über-uns-1","text":"Über uns","line":16},` +
		`{"level":2,"id":"link--more","text":"Link \u0026 more","line":18}]},` +
		`{"level":1,"id":"section","text":"","line":22},` +
		`{"level":1,"id":"second","text":"Second","line":24}]`
	if string(got) != want {
		t.Errorf("TOC =\n%s\nwant\n%s", got, want)
	}
	if res.Title != "Title" {
		t.Errorf("Title = %q (the first h1)", res.Title)
	}
	if !strings.Contains(res.HTML, `<h2 id="quoted">Quoted</h2>`) {
		t.Errorf("a heading in a blockquote has no id: %s", res.HTML)
	}
}

func TestWords(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want int
	}{
		{"Plain", "one two three", 3},
		{"AcrossEmphasis", "foo**bar** baz", 2},
		{"SoftBreak", "one\ntwo", 2},
		{"Punctuation", "a - b -- c ... d", 4},
		{"Markup", "[link text](http://example.com/a/b/c) <span class=x>raw</span>", 3},
		{"CodeBlockSkipped", "word\n\n```go\nfunc main() { lots of code }\n```\n", 1},
		{"CodeSpanCounted", "run `go test` now", 4},
		{"Typographer", "it's \"quoted\" -- yes", 3},
		{"CJK", "日本語の文章", 6},
		{"Blocks", "# Head\n\n- a\n- b\n\n> q\n", 4},
		{"Empty", "", 0},
	}
	r := New(Settings{Typographer: true})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := r.RenderBody([]byte(tt.src), 1)
			if err != nil {
				t.Fatal(err)
			}
			if res.Words != tt.want {
				t.Errorf("Words = %d, want %d", res.Words, tt.want)
			}
		})
	}
	res, _ := r.RenderBody([]byte(strings.Repeat("word ", 221)), 1)
	if res.ReadingMinutes != 2 {
		t.Errorf("221 words: ReadingMinutes = %d, want 2 at 220 wpm", res.ReadingMinutes)
	}
}

func TestSourceLines(t *testing.T) {
	src := "---\ntitle: T\n---\n# H\n\npara\nlazy\n\n- a\n- b\n\n> q\n\n```go\nx := 1\n```\n\n    code\n\n| a |\n|---|\n| 1 |\n\n***\n\n<div>\n<p>raw</p>\n</div>\n\n<!-- comment -->\n\nTerm\n: def\n\n1. one\n\n   two\n"
	res, err := New(Settings{SourceLines: true}).Render([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`<h1 id="h" data-line="4">`, `<p data-line="6">para`, `<ul data-line="9">`, `<li data-line="10">`,
		`<blockquote data-line="12">`, `<div class="highlight" data-line="14">`, `<pre data-line="18"><code>`,
		`<table data-line="20">`, `<tr data-line="22">`, `<hr data-line="24">`, `<div data-line="26">`,
		`<dl data-line="32">`, `<dd data-line="33">`, `<ol data-line="35">`, `<p data-line="37">two`,
	} {
		if !strings.Contains(res.HTML, want) {
			t.Errorf("no %s in\n%s", want, res.HTML)
		}
	}
	// A comment block has no tag to carry the line; it is left as written.
	if !strings.Contains(res.HTML, "<!-- comment -->") {
		t.Errorf("comment block changed")
	}
}

func TestByteOrderMark(t *testing.T) {
	for _, src := range []string{"\xef\xbb\xbf# H\n", "\xef\xbb\xbf---\ntitle: T\n---\n\n# H\n", "---\r\ntitle: T\r\n---\r\n\r\n# H\r\n"} {
		res, err := New(Settings{SourceLines: true}).Render([]byte(src))
		if err != nil {
			t.Fatal(err)
		}
		want := `<h1 id="h" data-line="1">H</h1>`
		if len(src) > 10 {
			want = `<h1 id="h" data-line="5">H</h1>`
		}
		if !strings.Contains(res.HTML, want) {
			t.Errorf("Render(%q) = %q, want %s", src, res.HTML, want)
		}
	}
}

func TestFrontMatterError(t *testing.T) {
	tests := []struct {
		name    string
		src     string
		err     string // from the export
		warning string // from the preview, which renders the body anyway
		html    string
	}{
		{
			name:    "Unclosed",
			src:     "---\ntitle: x\n\n# Body\n",
			err:     "post.md:1: front matter opened with --- is never closed",
			warning: "line 1: front matter: front matter opened with --- is never closed",
			html:    `<h1 id="body" data-line="4">Body</h1>`,
		},
		{
			name:    "BadYAML",
			src:     "---\ntitle: \"Half typed\n---\n\n# Body\n",
			err:     "post.md:3: invalid YAML front matter",
			warning: "line 3: front matter: invalid YAML",
			html:    `<h1 id="body" data-line="5">Body</h1>`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := New(Settings{}).RenderFile("post.md", []byte(tt.src))
			var pe *post.ParseError
			if err == nil || !strings.HasPrefix(err.Error(), tt.err) || !errors.As(err, &pe) {
				t.Errorf("export: err = %v, want a *post.ParseError starting %q", err, tt.err)
			}
			res, err := New(Settings{Preview: true}).RenderFile("post.md", []byte(tt.src))
			if err != nil {
				t.Fatalf("preview: %v", err)
			}
			if len(res.Warnings) == 0 || !strings.HasPrefix(res.Warnings[0].String(), tt.warning) {
				t.Errorf("preview warnings = %v, want one starting %q", res.Warnings, tt.warning)
			}
			if !strings.Contains(res.HTML, tt.html) {
				t.Errorf("preview HTML = %q, want %s", res.HTML, tt.html)
			}
		})
	}
}

func TestHighlightCSS(t *testing.T) {
	css := HighlightCSS()
	light, dark, ok := strings.Cut(css, "@media (prefers-color-scheme: dark) {")
	if !ok {
		t.Fatalf("no dark media query in\n%s", css)
	}
	for _, part := range []string{light, dark} {
		if !strings.Contains(part, ".chroma .k {") || !strings.Contains(part, ".chroma {") {
			t.Errorf("a half lacks keyword or wrapper rules:\n%s", part)
		}
	}
	if strings.Contains(css, ".bg ") {
		t.Errorf("unscoped .bg rule in highlight CSS")
	}
	if _, err := HighlightCSSFor("github", "no-such-style"); err == nil {
		t.Errorf("HighlightCSSFor accepted an unknown style")
	}
}

// TestConcurrent renders from many goroutines with one Renderer; run with -race.
func TestConcurrent(t *testing.T) {
	var srcs [][]byte
	for _, p := range []string{samplePath, "testdata/features.md", "testdata/hostile.md"} {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		srcs = append(srcs, src)
	}
	for _, s := range []Settings{{}, {Preview: true, Typographer: true}} {
		r := New(s)
		var want []string
		for _, src := range srcs {
			res, err := r.Render(src)
			if err != nil {
				t.Fatal(err)
			}
			want = append(want, res.HTML)
		}
		var wg sync.WaitGroup
		for i := 0; i < 8; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for j := 0; j < 5; j++ {
					k := (i + j) % len(srcs)
					got, err := r.Render(srcs[k])
					if err != nil || got.HTML != want[k] {
						t.Errorf("concurrent render of input %d differs (err %v)", k, err)
						return
					}
				}
			}()
		}
		wg.Wait()
	}
}

var dataLineRE = regexp.MustCompile(` data-line="\d+"`)

// TestPreviewMatchesExport: apart from data-line, embeds and removed author
// HTML, the preview is the export.
func TestPreviewMatchesExport(t *testing.T) {
	src := "# T\n\nPara with *em*, `code` and [a link](https://example.com).\n\n- [ ] task\n- [x] done\n\n| a | b |\n|:--|--:|\n| 1 | 2 |\n\n```go {hl_lines=[1]}\nfunc main() {}\n```\n\nfoo[^1]\n\n[^1]: note\n"
	export, err := New(Settings{}).RenderBody([]byte(src), 1)
	if err != nil {
		t.Fatal(err)
	}
	preview, err := New(Settings{Preview: true}).RenderBody([]byte(src), 1)
	if err != nil {
		t.Fatal(err)
	}
	if got := dataLineRE.ReplaceAllString(preview.HTML, ""); got != export.HTML {
		t.Errorf("preview without data-line differs from export:\n%s\n---\n%s", got, export.HTML)
	}
	if !strings.Contains(export.HTML, `<span class="line hl">`) {
		t.Errorf("hl_lines from the info string not applied:\n%s", export.HTML)
	}
}

// TestFrontMatterRemembered: the preview renders the same front matter on
// every keystroke and parses it once; the render that reuses the parse is
// the render that made it, and a caller that changes its result changes
// nothing in the next.
func TestFrontMatterRemembered(t *testing.T) {
	src := []byte("---\ntitle: \"Kept\"\ntags: [a, b]\ncategories: []\nextra: {k: [1, 2]}\n---\n\n# Body\n")
	r := New(Settings{Preview: true})
	first, err := r.RenderFile("posts/kept.md", src)
	if err != nil {
		t.Fatal(err)
	}
	want, err := json.Marshal(first)
	if err != nil {
		t.Fatal(err)
	}
	first.FrontMatter.Tags[0] = "changed"
	first.FrontMatter.Title = "changed"
	first.FrontMatter.Extra[0].Value = "changed"
	for i := 0; i < 2; i++ {
		again, err := r.RenderFile("posts/kept.md", src)
		if err != nil {
			t.Fatal(err)
		}
		got, err := json.Marshal(again)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Fatalf("render %d from the remembered front matter:\n got %s\nwant %s", i+2, got, want)
		}
		again.FrontMatter.Tags = append(again.FrontMatter.Tags[:0], "x")
	}
	// Another file name is another parse (the slug comes from it).
	other, err := r.RenderFile("posts/other.md", src)
	if err != nil {
		t.Fatal(err)
	}
	if other.FrontMatter.Slug == first.FrontMatter.Slug && first.FrontMatter.Slug != "" {
		t.Errorf("slug %q from the other file's name", other.FrontMatter.Slug)
	}
	// A changed front matter is parsed again.
	changed, err := r.RenderFile("posts/kept.md", bytes.Replace(src, []byte("Kept"), []byte("New"), 1))
	if err != nil {
		t.Fatal(err)
	}
	if changed.Title != "New" {
		t.Errorf("title %q after the front matter changed, want New", changed.Title)
	}
}

// TestPreviewRemembersSanitized: the preview reuses the previous render's
// sanitized raw HTML; every render is still the one a new renderer makes,
// however the post changes between keystrokes.
func TestPreviewRemembersSanitized(t *testing.T) {
	hostile, err := os.ReadFile("testdata/hostile.md")
	if err != nil {
		t.Fatal(err)
	}
	features, err := os.ReadFile("testdata/features.md")
	if err != nil {
		t.Fatal(err)
	}
	edited := bytes.Replace(hostile, []byte("<"), []byte("<b>x</b> <"), 3)
	cut := hostile[:len(hostile)/2]
	s := Settings{Typographer: true, Preview: true}
	r := New(s)
	for i, src := range [][]byte{hostile, hostile, edited, features, hostile, cut, edited, hostile} {
		got, err := r.Render(src)
		if err != nil {
			t.Fatal(err)
		}
		want, err := New(s).Render(src)
		if err != nil {
			t.Fatal(err)
		}
		if got.HTML != want.HTML || got.Summary != want.Summary {
			t.Fatalf("render %d differs from a new renderer's:\n got %s\nwant %s", i, got.HTML, want.HTML)
		}
	}
	if m := r.sanitized.Load(); m == nil || len(m.next) == 0 || len(m.nextScan) == 0 {
		t.Error("nothing remembered after rendering raw HTML")
	}
}

// TestRenderFileJSONFrontMatter: Hugo's JSON front matter (no fences) is
// front matter in the preview too: the title comes from it and the body's
// lines keep their numbers in the file; a half-typed object shows as text
// with the error.
func TestRenderFileJSONFrontMatter(t *testing.T) {
	src := []byte("{\n  \"title\": \"A JSON post\",\n  \"date\": \"2024-01-01\"\n}\n\nBody text.\n")
	for _, preview := range []bool{false, true} {
		res, err := New(Settings{Preview: preview}).RenderFile("j.md", src)
		if err != nil {
			t.Fatal(err)
		}
		if res.Title != "A JSON post" || strings.Contains(string(res.HTML), "title") || !strings.Contains(string(res.HTML), "Body text.") {
			t.Errorf("preview %t: title %q, HTML %s", preview, res.Title, res.HTML)
		}
		if preview && !strings.Contains(string(res.HTML), `<p data-line="6">Body text.</p>`) {
			t.Errorf("the body's line is not the file's: %s", res.HTML)
		}
	}
	res, err := New(Settings{Preview: true}).RenderFile("j.md", []byte("{\n  \"title\": \"Half\n\nBody.\n"))
	if err != nil || len(res.Warnings) == 0 || !strings.Contains(res.Warnings[0].Message, "JSON front matter") {
		t.Errorf("half-typed JSON: %+v %v", res, err)
	}
}
