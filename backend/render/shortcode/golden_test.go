package shortcode_test

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"quire/backend/render"
	"quire/backend/render/shortcode"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// goldenSite is the site the goldens render in: two posts to link to, a base
// path and an _includes folder of real files.
var goldenSite = shortcode.Config{
	BaseURL: "/blog",
	SiteURL: "https://example.org",
	Resolve: func(target string) (string, bool) {
		switch target {
		case "other.md":
			return "/blog/2020/other/", true
		case "2020-01-01-first-post":
			return "/blog/2020/01/01/first-post/", true
		case "about.md":
			return "/blog/about/", true
		}
		return "", false
	},
	Include: func(name string) ([]byte, bool) {
		b, err := os.ReadFile(filepath.Join("testdata", "golden", "_includes", filepath.Base(name)))
		return b, err == nil
	},
	Template: readTemplates(filepath.Join("testdata", "golden")).Compile().Lookup,
}

// readTemplates reads a site's layouts/shortcodes/*.html as the import
// keeps them.
func readTemplates(site string) shortcode.Sources {
	out := shortcode.Sources{}
	files, _ := filepath.Glob(filepath.Join(site, "layouts", "shortcodes", "*.html"))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			panic(err)
		}
		rel, _ := filepath.Rel(site, f)
		out[strings.TrimSuffix(filepath.Base(f), ".html")] = shortcode.Source{File: filepath.ToSlash(rel), Text: string(b)}
	}
	return out
}

// TestGoldenShortcodes renders testdata/golden/NAME.md through the real
// renderer, for the export and for the preview, and compares the HTML and
// the warnings with NAME.html, NAME.preview.html and NAME.warnings. Each
// case also names what its golden must hold, so that an -update cannot
// quietly accept a loss.
func TestGoldenShortcodes(t *testing.T) {
	export := render.New(render.Settings{Typographer: true, Shortcodes: goldenSite})
	preview := render.New(render.Settings{Typographer: true, Preview: true, Shortcodes: goldenSite})
	tests := []struct {
		name string
		want []string // in the export HTML
		warn []string // in the warnings, in this order
	}{
		{"youtube", []string{
			`<iframe src="https://www.youtube.com/embed/w7Ft2ymGmfc" title="YouTube video"`,
			`src="https://www.youtube.com/embed/w7Ft2ymGmfc?start=30" title="KubeCon keynote"`,
		}, []string{"line 7: shortcode 'youtube' needs an id"}},
		{"vimeo", []string{`src="https://player.vimeo.com/video/146022717" title="Vimeo video"`, `title="A film"`}, nil},
		{"figure", []string{
			`<figure><img src="/img/a.png" alt=""></figure>`,
			`<figure class="wide"><a href="https://example.com/cat"><img src="/img/a.png" alt="A cat" width="640" height="480"></a><figcaption><h4>Cat</h4><p>The cat, asleep</p></figcaption></figure>`,
		}, []string{`line 5: dropped the URL "javascript:alert(1)"`, "line 7: figure needs a src"}},
		{"highlight-hugo", []string{`<div class="highlight">`, `class="lntable"`, `<span class="lnt">10`, `class="line hl"`, `<code class="language-nosuchlanguage">&lt;keep&gt; &amp; escape`}, nil},
		{"ref", []string{`<a href="/blog/2020/other/">the other post</a>`, `<a href="/blog/2020/other/#part">its part</a>`, `<a href="#">gone</a>`, `Bare: /blog/2020/other/`}, []string{`line 3: ref: no post "gone.md"`, "line 7: ref needs the post it links to"}},
		{"gist", []string{`https://gist.github.com/spf13/7896402"`, `https://gist.github.com/spf13/7896402#file-img-html`, `https://gist.github.com/parkr/931c1c8d465a04042403"`, `https://gist.github.com/931c1c8d465a04042403#file-jekyll-private-gist-markdown`}, nil},
		{"x-tweet", []string{`https://x.com/SanDiegoZoo/status/1453110110599868418`, `https://x.com/i/status/1453110110599868418`, `https://twitter.com/jekyllrb/status/392047872003223552`}, nil},
		{"instagram", []string{`https://www.instagram.com/p/BWNjjyYFxVx/`}, nil},
		{"param", []string{`By Ada, titled &ldquo;Param test&rdquo;.`, `Known fields: layout note, description &ldquo;What params read.&rdquo;.`},
			[]string{`line 12: param "nothere" is not in the post's front matter`, `line 12: param "tags" is not in the post's front matter`}},
		{"highlight-jekyll", []string{`<div class="highlight">`, `class="lntable"`, `class="line hl"`}, nil},
		{"raw", []string{`{{ page.title }} and {% if x %} stay <em>as written</em>.`, `Inline: {{ site.title }} stays.`}, nil},
		{"post-url-link", []string{`<a href="/blog/2020/01/01/first-post/">First</a>`, `<a href="/blog/about/">about</a>`, `<a href="#">x</a>`}, []string{`line 3: post_url: no post "2019-01-01-gone"`}},
		{"site-vars", []string{`Base /blog, site https://example.org.`, `<span class="shortcode-unknown" title="Liquid variable not rendered">site.nothing</span>`, `<img src="/blog/img/logo.png" alt="logo">`, `<a href="https://example.org/blog/feed.xml">feed</a>`, `<a href="/blog/">home</a>`, `<a href="https://example.org/blog/about/">abs</a>`, `LOUD`}, []string{"line 9: Liquid filter 'bogus' is not supported", "line 11: unknown Liquid variable 'site.nothing'"}},
		{"include", []string{`<aside class="note note-warning">Mind the gap</aside>`, `<p class="plain">Served from /blog</p>`}, []string{`line 5: include "missing.html": no such file in _includes`, `line 7: include "logic.html" uses Liquid tags`}},
		{"unknown", []string{`<div class="shortcode-unknown">`, `<code>mysterious</code>`, `<span class="shortcode-unknown" title="Shortcode not rendered">mysterious</span>`, `<span class="shortcode-unknown" title="Liquid tag not rendered">mystery</span>`, `Markdown <strong>inside</strong> stays.`}, []string{"line 1: unknown shortcode 'mysterious'", "line 3: unknown shortcode 'mysterious'", "line 3: unknown Liquid tag 'mystery'", "line 5: unknown shortcode 'notice'", "line 9: unknown Liquid tag 'mystery'"}},
		{"bad-input", []string{`Stray {{&lt; /foo &gt;}} closer and {% endfoo %}.`, `A broken {{&lt; foo b`, `{{&lt; highlight go &gt;}}`, `keep me`, `and me`}, []string{"line 1: {{< /foo >}} closes nothing", "line 1: {% endfoo %} closes nothing", "line 3: a malformed shortcode", "line 6: {{< highlight go >}} is not closed"}},
		{"bad-raw", []string{"{% raw %}\nkeep {{ x }}</p>"}, []string{"line 3: {% raw %} is not closed"}},
		{"site-templates", []string{
			`Positional: <span class="badge badge-positional">go v1.22</span> and named: <span class="badge badge-named">stable</span>.`,
			"<div class=\"callout callout-warning\"><p class=\"callout-title\">Mind the gap</p>Stand <strong>behind</strong> the line.\n</div>",
			"<div class=\"callout callout-info\">Plain <em>inline</em> pair\n</div>",
			`<div class="box"><p>A <em>Markdown</em> box with a <a href="https://example.org">link</a>.</p></div>`,
			`<div class="box"><em>as written</em> & raw</div>`,
			`<p class="about">On “Custom shortcodes” (about): one, two words</p>`,
			`<b>kept as written</b> and &lt;b&gt;escaped&lt;/b&gt;`,
			`src="https://www.youtube.com/embed/w7Ft2ymGmfc"`,
		}, nil},
		{"site-bad", []string{`<code>with-partial</code>`, `<code>site-title</code>`, `<p>Kept <strong>inside</strong> a pair whose run fails.</p>`, `The text of a pair that is not run stays.`, `<code>deep-field</code><p>Kept`, `Inline, <span class="shortcode-unknown" title="Shortcode not rendered">deep-field</span> kept <em>as text</em> when it fails.`}, []string{
			`line 1: shortcode 'with-partial' is not rendered: layouts/shortcodes/with-partial.html:2: function "partial" not defined`,
			`line 3: shortcode 'site-title' is not rendered: layouts/shortcodes/site-title.html:2:8: .Site is not available in Quire`,
			`line 5: shortcode 'broken' is not rendered: layouts/shortcodes/broken.html:2: unexpected EOF`,
			`line 7: shortcode 'deep-field' is not rendered: layouts/shortcodes/deep-field.html:2:6: executing`,
			`line 9: shortcode 'loop' is not rendered: layouts/shortcodes/loop.html: it loops more than`,
			`line 11: shortcode 'nested' is not rendered: layouts/shortcodes/nested.html:1:12: it calls the template "other"`,
			`line 13: shortcode 'deep-field' is not rendered: layouts/shortcodes/deep-field.html:2:6: executing`,
			`line 17: shortcode 'with-partial' is not rendered: layouts/shortcodes/with-partial.html:2: function "partial" not defined`,
			`line 21: shortcode 'deep-field' is not rendered: layouts/shortcodes/deep-field.html:2:6: executing`,
		}},
		{"nested", []string{`outer`, `inner`, `{{&lt; youtube {{&lt; param id &gt;}} &gt;}}`, `{{&lt; youtube escaped &gt;}}`, `<code>{{&lt; youtube code &gt;}}</code>`, "{% highlight ruby %}\n</code></pre>"}, []string{"line 1: unknown shortcode 'notice'", "line 3: unknown shortcode 'notice'", "line 8: a malformed shortcode"}},
	}
	seen := map[string]bool{}
	for _, tt := range tests {
		seen[tt.name] = true
		t.Run(tt.name, func(t *testing.T) {
			base := filepath.Join("testdata", "golden", tt.name)
			src, err := os.ReadFile(base + ".md")
			if err != nil {
				t.Fatal(err)
			}
			ex, err := export.Render(src)
			if err != nil {
				t.Fatal(err)
			}
			pv, err := preview.Render(src)
			if err != nil {
				t.Fatal(err)
			}
			var warns []string
			for _, w := range ex.Warnings {
				warns = append(warns, w.String())
			}
			var pwarns []string
			for _, w := range pv.Warnings {
				pwarns = append(pwarns, w.String())
			}
			if strings.Join(warns, "\n") != strings.Join(pwarns, "\n") {
				t.Errorf("the preview warns otherwise than the export:\nexport:  %q\npreview: %q", warns, pwarns)
			}
			checkGolden(t, base+".html", ex.HTML)
			checkGolden(t, base+".preview.html", pv.HTML)
			checkGolden(t, base+".warnings", strings.Join(warns, "\n")+"\n")
			for _, w := range tt.want {
				if !strings.Contains(ex.HTML, w) {
					t.Errorf("export HTML lacks %q:\n%s", w, ex.HTML)
				}
			}
			i := 0
			for _, w := range warns {
				if i < len(tt.warn) && strings.HasPrefix(w, tt.warn[i]) {
					i++
				}
			}
			if i < len(tt.warn) || len(warns) != len(tt.warn) {
				t.Errorf("warnings:\n%s\nwant, in order:\n%s", strings.Join(warns, "\n"), strings.Join(tt.warn, "\n"))
			}
			for _, raw := range []string{"{{&lt;", "{{%"} {
				if len(tt.warn) == 0 && strings.Contains(ex.HTML, raw) {
					t.Errorf("raw shortcode syntax %q reached the page:\n%s", raw, ex.HTML)
				}
			}
		})
	}
	mds, _ := filepath.Glob(filepath.Join("testdata", "golden", "*.md"))
	for _, md := range mds {
		if name := strings.TrimSuffix(filepath.Base(md), ".md"); !seen[name] {
			t.Errorf("%s has no case in the table", md)
		}
	}
}

func checkGolden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
		for i := range max(len(gl), len(wl)) {
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
