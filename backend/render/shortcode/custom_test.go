package shortcode_test

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	"quire/backend/render"
	"quire/backend/render/shortcode"
)

// siteRenderer is the export's renderer with the given site templates.
func siteRenderer(src shortcode.Sources) *render.Renderer {
	return render.New(render.Settings{Shortcodes: shortcode.Config{Template: src.Compile().Lookup}})
}

// The import's report names each template that will not run, with its
// file and line, in a stable order.
func TestTemplateProblems(t *testing.T) {
	got := shortcode.Sources{
		"ok":      {File: "layouts/shortcodes/ok.html", Text: `<b>{{ .Get 0 }}</b>`},
		"partial": {File: "layouts/shortcodes/partial.html", Text: "<div>\n{{ partial \"x\" . }}</div>"},
		"res":     {File: "themes/t/layouts/shortcodes/res.html", Text: "{{ $img := resources.Get \"a.png\" }}"},
		"site":    {File: "layouts/shortcodes/site.html", Text: "\n\n{{ .Site.Params.color }}"},
		"page":    {File: "layouts/shortcodes/page.html", Text: "{{ .Page.Resources }}"},
		"rootvar": {File: "layouts/shortcodes/rootvar.html", Text: "{{ range .Params }}{{ $.Site.Title }}{{ end }}"},
		"unclose": {File: "layouts/shortcodes/unclose.html", Text: "{{ if .Inner }}"},
		"attr":    {File: "layouts/shortcodes/attr.html", Text: "<p>\n<div class=\"{{ .Get 0 }}"},
	}.Compile().Problems()
	want := []string{
		`layouts/shortcodes/attr.html: the template ends in a non-text context`,
		`layouts/shortcodes/page.html:1:8: .Page.Resources is not available in Quire`,
		`layouts/shortcodes/partial.html:2: function "partial" not defined`,
		`layouts/shortcodes/rootvar.html:1:23: .Site is not available in Quire`,
		`layouts/shortcodes/site.html:3:8: .Site is not available in Quire`,
		`layouts/shortcodes/unclose.html:1: unexpected EOF`,
		`themes/t/layouts/shortcodes/res.html:1: function "resources" not defined`,
	}
	if len(got) != len(want) {
		t.Fatalf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) || !strings.HasSuffix(got[i], "will show as a placeholder") {
			t.Errorf("problem %d: %q, want %q…", i, got[i], want[i])
		}
	}
}

// A template that writes without end, or loops in nested ranges, stops at
// the bounds: the render returns, with a warning and the placeholder, and
// the text between the pair is still on the page.
func TestTemplateBounds(t *testing.T) {
	r := siteRenderer(shortcode.Sources{
		"big":  {File: "layouts/shortcodes/big.html", Text: `{{ range .Params }}{{ $.Inner }}{{ end }}`},
		"deep": {File: "layouts/shortcodes/deep.html", Text: `{{ range .Params }}{{ range $.Params }}{{ range $.Params }}{{ range $.Params }}{{ range $.Params }}{{ range $.Params }}.{{ end }}{{ end }}{{ end }}{{ end }}{{ end }}{{ end }}`},
	})
	args := strings.Repeat(" a", 20)
	inner := strings.Repeat("x", 100<<10)
	src := fmt.Sprintf("{{< big%s >}}\n%s\n{{< /big >}}\n\n{{< deep%s >}}\n", args, inner, args)
	res, err := r.Render([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	var warns []string
	for _, w := range res.Warnings {
		warns = append(warns, w.String())
	}
	want := []string{
		"line 1: shortcode 'big' is not rendered: layouts/shortcodes/big.html: it writes more than 1024 KB",
		"line 5: shortcode 'deep' is not rendered: layouts/shortcodes/deep.html: it loops more than 10000 times",
	}
	if strings.Join(warns, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(warns, "\n"), strings.Join(want, "\n"))
	}
	if !strings.Contains(res.HTML, "<code>big</code><p>"+inner+"</p>") || !strings.Contains(res.HTML, "<code>deep</code>") {
		t.Errorf("the placeholders or the inner text are missing: %.300s", res.HTML)
	}
	if len(res.HTML) > len(inner)+4<<10 {
		t.Errorf("the page is %d bytes: the output was not cut", len(res.HTML))
	}
}

// One set of templates serves the export's workers at once (run with
// -race): each use counts its own loop turns and writes its own output.
func TestTemplatesConcurrent(t *testing.T) {
	r := siteRenderer(shortcode.Sources{
		"list": {File: "layouts/shortcodes/list.html", Text: `<ul>{{ range .Params }}<li>{{ . }}</li>{{ end }}</ul>`},
	})
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range 50 {
				want := fmt.Sprintf("<ul><li>w%d</li><li>%d</li></ul>", i, j)
				res, err := r.Render(fmt.Appendf(nil, "{{< list w%d %d >}}\n", i, j))
				if err != nil || !strings.Contains(res.HTML, want) || len(res.Warnings) != 0 {
					errs <- fmt.Sprintf("render %d/%d: %v %q %v", i, j, err, res.HTML, res.Warnings)
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

// Hugo's context as far as Quire offers it: .Get by index and by name
// (missing ones empty), .Params, .IsNamedParams, .Name, .Page.Title, and
// safeHTML against the escaping of everything else.
func TestTemplateContext(t *testing.T) {
	r := siteRenderer(shortcode.Sources{
		"ctx": {File: "layouts/shortcodes/ctx.html", Text: `[{{ .Name }}|{{ .Get 0 }}|{{ .Get 5 }}|{{ .Get "k" }}|{{ .IsNamedParams }}|{{ len .Params }}|{{ .Page.Title }}|{{ .Get "h" }}|{{ .Get "h" | safeHTML }}]`},
	})
	res, err := r.Render([]byte("---\ntitle: A <T>\n---\n{{< ctx k=v h=\"<i>x</i>\" >}}\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := `[ctx|||v|true|2|A &lt;T&gt;|&lt;i&gt;x&lt;/i&gt;|<i>x</i>]`
	if !strings.Contains(res.HTML, want) {
		t.Errorf("html %s, want %s", res.HTML, want)
	}
}

// BenchmarkTemplateLoopBound is the cost of a template that runs to the
// loop bound: what one such shortcode adds to a render.
func BenchmarkTemplateLoopBound(b *testing.B) {
	r := siteRenderer(shortcode.Sources{"loop": {File: "layouts/shortcodes/loop.html", Text: "{{ range 100000000 }}{{ end }}"}})
	src := []byte("{{< loop >}}\n")
	for b.Loop() {
		if _, err := r.Render(src); err != nil {
			b.Fatal(err)
		}
	}
}

// printf pads as asked, up to a bound: a width of a billion would build
// the string before the output bound could stop it.
func TestTemplatePrintfWidth(t *testing.T) {
	r := siteRenderer(shortcode.Sources{
		"pad":  {File: "layouts/shortcodes/pad.html", Text: `<i>{{ printf "%05d|%.2f|%-4s|Year 2024 100%%" 42 3.14159 "ab" }}</i>`},
		"huge": {File: "layouts/shortcodes/huge.html", Text: `{{ printf "%0999999999d" 1 }}`},
		"star": {File: "layouts/shortcodes/star.html", Text: `{{ printf "%*d" 999999999 1 }}`},
	})
	res, err := r.Render([]byte("{{< pad >}}\n\n{{< huge >}}\n\n{{< star >}}\n"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(res.HTML, "<i>00042|3.14|ab  |Year 2024 100%</i>") {
		t.Errorf("html %s", res.HTML)
	}
	if len(res.Warnings) != 2 || !strings.Contains(res.Warnings[0].Message, "a width past 1000") || !strings.Contains(res.Warnings[1].Message, "(*) is not allowed") {
		t.Errorf("warnings %v", res.Warnings)
	}
}

// Pairs of one name nest, as in Hugo; site shortcodes inside the text a
// site shortcode renders run too, down to a depth, past which they are
// placeholders: nesting cannot make a render recurse without bound.
func TestTemplatesNested(t *testing.T) {
	r := siteRenderer(shortcode.Sources{
		"box": {File: "layouts/shortcodes/box.html", Text: `<div class="box">{{ .Inner }}</div>`},
	})
	var src strings.Builder
	for range 5 {
		src.WriteString("{{% box %}}\n")
	}
	src.WriteString("core\n")
	for range 5 {
		src.WriteString("{{% /box %}}\n")
	}
	res, err := r.Render([]byte(src.String()))
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Count(res.HTML, `<div class="box">`); got != 3 {
		t.Errorf("%d boxes rendered, want 3 (the depth bound):\n%s", got, res.HTML)
	}
	if !strings.Contains(res.HTML, "core") || strings.Contains(res.HTML, "{{%") || strings.Contains(res.HTML, "/box") {
		t.Errorf("text lost or raw syntax shown:\n%s", res.HTML)
	}
	if len(res.Warnings) != 0 {
		t.Errorf("warnings %v", res.Warnings)
	}
}

// Many uses of a looping shortcode share one bound for the post: past it,
// the rest are placeholders with a warning, and the render stays short.
func TestTemplateLoopsBoundedPerPost(t *testing.T) {
	r := siteRenderer(shortcode.Sources{
		"loop": {File: "layouts/shortcodes/loop.html", Text: `{{ range 9000 }}{{ end }}<b>done</b>`},
	})
	res, err := r.Render([]byte(strings.Repeat("{{< loop >}}\n\n", 8)))
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Count(res.HTML, "<b>done</b>"); got != 5 {
		t.Errorf("%d uses rendered, want 5:\n%s", got, res.HTML)
	}
	if len(res.Warnings) != 3 || !strings.Contains(res.Warnings[0].Message, "the post's shortcodes loop more than 50000 times in all") {
		t.Errorf("warnings %v", res.Warnings)
	}
}
