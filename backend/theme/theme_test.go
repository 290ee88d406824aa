package theme

import (
	"html/template"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"golang.org/x/net/html"
)

func TestRenderPost(t *testing.T) {
	page := PostPage{
		Site:           Site{Title: "Field Notes", Lang: "en-GB"},
		Title:          `KubeCon <2017> & "Austin"`,
		Date:           time.Date(2018, 1, 5, 0, 0, 0, 0, time.UTC),
		Categories:     []string{"kubernetes", "k8s"},
		Tags:           []string{"<b>conf</b>"},
		Content:        template.HTML(`<p data-line="8">Hello <iframe src="https://www.youtube.com/embed/x"></iframe></p>`),
		ReadingMinutes: 5,
	}
	var b strings.Builder
	if err := RenderPost(&b, page); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		"<!DOCTYPE html>",
		`<html lang="en-GB">`,
		`<title>KubeCon &lt;2017&gt; &amp; &#34;Austin&#34; · Field Notes</title>`,
		`<h1 class="post-title">KubeCon &lt;2017&gt; &amp; &#34;Austin&#34;</h1>`,
		`<time datetime="2018-01-05T00:00:00Z">January 5, 2018</time>`,
		`<span>5 min read</span>`,
		`<li>kubernetes</li><li>k8s</li>`,
		`<li>&lt;b&gt;conf&lt;/b&gt;</li>`,
		// The content is the author's HTML, published as written.
		`<p data-line="8">Hello <iframe src="https://www.youtube.com/embed/x"></iframe></p>`,
		"max-width", // the site CSS is inlined
		"@media (prefers-color-scheme: dark)",
		".chroma .k", // and the highlight CSS
	} {
		if !strings.Contains(out, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	if _, err := html.Parse(strings.NewReader(out)); err != nil {
		t.Errorf("page does not parse: %v", err)
	}
}

func TestRenderPostLinkedStylesheet(t *testing.T) {
	var b strings.Builder
	err := RenderPost(&b, PostPage{Site: Site{Title: "S"}, Title: "T", StylesheetURL: "/css/site.css"})
	if err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if !strings.Contains(out, `<link rel="stylesheet" href="/css/site.css">`) {
		t.Errorf("no stylesheet link in\n%s", out)
	}
	if strings.Contains(out, "<style>") {
		t.Errorf("stylesheet inlined although linked")
	}
	if strings.Contains(out, "<time") || strings.Contains(out, "min read") {
		t.Errorf("undated post shows a date or reading time:\n%s", out)
	}
}

func TestCSS(t *testing.T) {
	css := CSS()
	for _, want := range []string{
		"max-width", "prefers-color-scheme: dark", "@media print", ".embed-card", ".link-card", ".shortcode-unknown",
		"blockquote", "table", ".footnotes", `input[type="checkbox"]`, "pre", "img",
	} {
		if !strings.Contains(css, want) {
			t.Errorf("CSS lacks %q", want)
		}
	}
	if strings.Contains(css, ".chroma .k") {
		t.Errorf("CSS() includes the highlight styles; StyleSheet() is for both")
	}
	if got := StyleSheet(); !strings.HasPrefix(got, css) || !strings.Contains(got, ".chroma .k") {
		t.Errorf("StyleSheet() is not the site CSS followed by the highlight CSS")
	}
}

func TestNew(t *testing.T) {
	base := `{{define "base"}}<html>{{block "main" .}}{{end}}</html>{{end}}`
	tests := []struct {
		name    string
		fs      fstest.MapFS
		want    string // in the rendered page, or in the error
		wantErr bool
	}{
		{
			name: "OverrideTheme",
			fs: fstest.MapFS{
				"static/site.css":      {Data: []byte("body{}")},
				"templates/_base.html": {Data: []byte(base)},
				"templates/post.html":  {Data: []byte(`{{define "main"}}<h1>{{.Title}}</h1>{{end}}`)},
				"templates/index.html": {Data: []byte(`{{define "main"}}index{{end}}`)},
			},
			want: "<html><h1>Mine</h1></html>",
		},
		{
			name:    "ErrNoCSS",
			fs:      fstest.MapFS{"templates/post.html": {Data: []byte(base)}},
			want:    "static/site.css",
			wantErr: true,
		},
		{
			name: "ErrNoPost",
			fs: fstest.MapFS{
				"static/site.css":      {Data: []byte("")},
				"templates/_base.html": {Data: []byte(base)},
			},
			want:    "post.html",
			wantErr: true,
		},
		{
			name: "ErrNoBase",
			fs: fstest.MapFS{
				"static/site.css":     {Data: []byte("")},
				"templates/post.html": {Data: []byte(`{{define "main"}}x{{end}}`)},
			},
			want:    `no "base" layout`,
			wantErr: true,
		},
		{
			name: "ErrSyntax",
			fs: fstest.MapFS{
				"static/site.css":     {Data: []byte("")},
				"templates/post.html": {Data: []byte(`{{define "main"}}{{.Title}{{end}}`)},
			},
			want:    "post.html",
			wantErr: true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			th, err := New(tt.fs)
			if tt.wantErr {
				if err == nil || !strings.Contains(err.Error(), tt.want) {
					t.Fatalf("New() error = %v, want one mentioning %q", err, tt.want)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var b strings.Builder
			if err := th.RenderPost(&b, PostPage{Title: "Mine", StylesheetURL: "/s.css"}); err != nil {
				t.Fatal(err)
			}
			if b.String() != tt.want {
				t.Errorf("page = %q, want %q", b.String(), tt.want)
			}
			if th.CSS() != "body{}" {
				t.Errorf("CSS() = %q", th.CSS())
			}
		})
	}
}

func TestRenderListKinds(t *testing.T) {
	site := Site{Title: "Field <Notes>", BaseURL: "/blog/", Archive: "/blog/archive/", Categories: "/blog/categories/", Tags: "/blog/tags/"}
	head := Head{Canonical: "https://example.org/blog/", OGType: "website", AtomURL: "/blog/feed.xml", RSSURL: "/blog/index.xml"}
	posts := []PostRef{{Title: "A <post>", URL: "/blog/a/", Date: time.Date(2020, 1, 2, 0, 0, 0, 0, time.UTC), Summary: "Start & more"}}
	for _, kind := range []string{"index", "list", "archive", "404"} {
		var b strings.Builder
		err := Default().RenderList(&b, ListPage{Site: site, Head: head, Kind: kind, Title: "T", Heading: "Tag: go", Posts: posts,
			Links: []Link{{Name: "go", URL: "/blog/tags/go/", Count: 3}}, Pager: Pager{Number: 2, Total: 3, Prev: "/blog/", Next: "/blog/page/3/"},
			StylesheetURL: "/blog/css/quire.css"})
		if err != nil {
			t.Fatalf("%s: %v", kind, err)
		}
		out := b.String()
		for _, want := range []string{`<link rel="canonical" href="https://example.org/blog/">`, `<meta property="og:type" content="website">`,
			`<link rel="alternate" type="application/atom+xml" title="Field &lt;Notes&gt; (Atom)" href="/blog/feed.xml">`,
			`<a href="/blog/archive/">Archive</a>`} {
			if !strings.Contains(out, want) {
				t.Errorf("%s page lacks %s", kind, want)
			}
		}
		if kind != "404" && !strings.Contains(out, `<a href="/blog/a/">A &lt;post&gt;</a>`) {
			t.Errorf("%s page does not list the post:\n%s", kind, out)
		}
		if kind == "index" && !strings.Contains(out, `<a rel="next" href="/blog/page/3/">`) {
			t.Errorf("index page has no pager:\n%s", out)
		}
		if _, err := html.Parse(strings.NewReader(out)); err != nil {
			t.Errorf("%s page does not parse: %v", kind, err)
		}
	}
}

func TestOverReplacesOnlyWhatTheFolderHas(t *testing.T) {
	th, err := Over(fstest.MapFS{
		"templates/404.html": {Data: []byte(`{{define "main"}}<p class="mine">gone</p>{{end}}`)},
	})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := th.RenderList(&b, ListPage{Kind: "404", Site: Site{Title: "S"}}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), `<p class="mine">gone</p>`) {
		t.Errorf("override not used:\n%s", b.String())
	}
	if th.CSS() != CSS() || !th.Has("post") || !th.Has("index") {
		t.Errorf("what the folder lacks does not come from the default theme")
	}
	if th.Hash() == Default().Hash() {
		t.Errorf("the override does not change the theme's hash")
	}
	if _, err := Over(fstest.MapFS{"templates/post.html": {Data: []byte(`{{define "main"}}{{.Nope}}{{end`)}}); err == nil {
		t.Errorf("a broken template was accepted")
	}
}

// TestRenderPostMeta: the preview's header part is the post page's own,
// byte for byte, so the two cannot drift apart.
func TestRenderPostMeta(t *testing.T) {
	page := PostPage{
		Title:          "T",
		Date:           time.Date(2018, 1, 5, 0, 0, 0, 0, time.UTC),
		Categories:     []string{"kubernetes"},
		Tags:           []string{"conf", "go"},
		ReadingMinutes: 3,
	}
	var meta, full strings.Builder
	if err := Default().RenderPostMeta(&meta, page); err != nil {
		t.Fatal(err)
	}
	if err := RenderPost(&full, page); err != nil {
		t.Fatal(err)
	}
	m := meta.String()
	for _, want := range []string{`<time datetime="2018-01-05T00:00:00Z">January 5, 2018</time>`, `<span>3 min read</span>`,
		`<ul class="post-terms post-categories" aria-label="Categories"><li>kubernetes</li>`, `<li>conf</li><li>go</li>`} {
		if !strings.Contains(m, want) {
			t.Errorf("meta lacks %q:\n%s", want, m)
		}
	}
	if !strings.Contains(full.String(), `<h1 class="post-title">T</h1>`+m+"\n</header>") {
		t.Errorf("the page's header is not the title then the meta:\n%s\n---\n%s", m, full.String())
	}
	// Without a date, reading time or terms, nothing.
	meta.Reset()
	if err := Default().RenderPostMeta(&meta, PostPage{Title: "T"}); err != nil || meta.String() != "" {
		t.Errorf("empty meta: %q, %v", meta.String(), err)
	}
}
