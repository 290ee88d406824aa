package shortcode_test

import (
	"strings"
	"testing"

	"quire/backend/render"
	"quire/backend/render/shortcode"
)

func TestShortcodes(t *testing.T) {
	r := render.New(render.Settings{Shortcodes: shortcode.Config{
		BaseURL: "/blog", SiteURL: "https://example.org",
		Resolve: func(s string) (string, bool) { return "/p/" + s + "/", s == "other.md" || s == "2020-01-01-first-post" },
	}})
	tests := []struct {
		name, src string
		want      []string // substrings of the HTML
		warn      string   // substring of the only warning, or ""
	}{
		{"YouTube", "{{< youtube w7Ft2ymGmfc >}}\n", []string{`<iframe src="https://www.youtube.com/embed/w7Ft2ymGmfc" title="YouTube video"`}, ""},
		{"Vimeo", "{{< vimeo 146022717 >}}\n", []string{`src="https://player.vimeo.com/video/146022717"`}, ""},
		{"Figure", `{{< figure src="/a.png" caption="Cap" alt="Alt" link="https://x.org" title="T" >}}` + "\n", []string{`<figure><a href="https://x.org"><img src="/a.png" alt="Alt"></a><figcaption><h4>T</h4><p>Cap</p></figcaption></figure>`}, ""},
		{"Highlight", "{{< highlight go \"linenos=table,hl_lines=2\" >}}\npackage main\nfunc f() {}\n{{< /highlight >}}\n", []string{`<div class="highlight">`, `class="lntable"`, `line hl`}, ""},
		{"Ref", `[o]({{< ref "other.md" >}})` + "\n", []string{`<a href="/p/other.md/">o</a>`}, ""},
		{"RefMissing", `[o]({{< ref "gone.md" >}})` + "\n", []string{`<a href="#">o</a>`}, `no post "gone.md"`},
		{"Gist", "{{< gist spf13 7896402 >}}\n", []string{`class="link-card"`, `https://gist.github.com/spf13/7896402`}, ""},
		{"X", `{{< x user="SanDiegoZoo" id="1453110110599868418" >}}` + "\n", []string{`https://x.com/SanDiegoZoo/status/1453110110599868418`}, ""},
		{"Instagram", "{{< instagram BWNjjyYFxVx >}}\n", []string{`https://www.instagram.com/p/BWNjjyYFxVx/`}, ""},
		{"JekyllHighlight", "{% highlight ruby linenos %}\nputs 1\n{% endhighlight %}\n", []string{`<div class="highlight">`, `class="lntable"`}, ""},
		{"PostURL", "[f]({% post_url 2020-01-01-first-post %})\n", []string{`<a href="/p/2020-01-01-first-post/">f</a>`}, ""},
		{"RawBlock", "{% raw %}\n{{ page.title }} {% if x %}\n{% endraw %}\n", []string{`<p>{{ page.title }} {% if x %}</p>`}, ""},
		{"RawInline", "a {% raw %}{{ x }}{% endraw %} b\n", []string{`<p>a {{ x }} b</p>`}, ""},
		{"SiteVars", "{{ site.baseurl }} {{ site.url }} ![i]({{ \"/x.png\" | relative_url }}) [a]({{ \"/y\" | absolute_url }})\n", []string{`/blog https://example.org`, `<img src="/blog/x.png" alt="i">`, `<a href="https://example.org/blog/y">a</a>`}, ""},
		{"CodeLeftAlone", "`{{< youtube x >}}`\n\n```\n{% raw %}\n```\n", []string{`<code>{{&lt; youtube x &gt;}}</code>`, "<pre><code>{% raw %}\n</code></pre>"}, ""},
		{"Unknown", "{{< mysterious a >}}\n", []string{`<div class="shortcode-unknown">`, `<code>mysterious</code>`}, "unknown shortcode 'mysterious'"},
		{"UnknownInline", "x {{< mysterious >}} y\n", []string{`<span class="shortcode-unknown"`}, "unknown shortcode 'mysterious'"},
		{"UnclosedHighlight", "{{< highlight go >}}\nkeep me\n", []string{`{{&lt; highlight go &gt;}}`, `keep me`}, "not closed"},
		{"UnclosedRaw", "{% raw %}\nkeep {{ x }}\n", []string{`{% raw %}`, `keep`}, "not closed"},
		{"StrayCloser", "a {{< /foo >}} b\n", []string{`a {{&lt; /foo &gt;}} b`}, "closes nothing"},
		{"Malformed", "a {{< foo b\n", []string{`a {{&lt; foo b`}, "not complete"},
		{"HugoEscape", "{{</* youtube x */>}}\n", []string{`{{&lt; youtube x &gt;}}`}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := r.RenderBody([]byte(tt.src), 1)
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tt.want {
				if !strings.Contains(res.HTML, w) {
					t.Errorf("HTML lacks %q:\n%s", w, res.HTML)
				}
			}
			if tt.warn == "" && len(res.Warnings) > 0 || tt.warn != "" && (len(res.Warnings) == 0 || !strings.Contains(res.Warnings[0].Message, tt.warn)) {
				t.Errorf("warnings %+v, want %q", res.Warnings, tt.warn)
			}
			if tt.warn != "" && len(res.Warnings) > 0 && res.Warnings[0].Line != 1 {
				t.Errorf("warning line %d, want 1", res.Warnings[0].Line)
			}
		})
	}
}

// The preview shows a YouTube shortcode as the same card as a raw iframe.
func TestPreviewEmbedCard(t *testing.T) {
	r := render.New(render.Settings{Preview: true})
	a, err := r.RenderBody([]byte("{{< youtube w7Ft2ymGmfc >}}\n"), 1)
	if err != nil {
		t.Fatal(err)
	}
	b, err := r.RenderBody([]byte(`<iframe src="https://www.youtube.com/embed/w7Ft2ymGmfc" title="YouTube video"></iframe>`+"\n"), 1)
	if err != nil {
		t.Fatal(err)
	}
	if a.HTML != b.HTML || !strings.Contains(a.HTML, "embed-card") {
		t.Errorf("shortcode:\n%s\niframe:\n%s", a.HTML, b.HTML)
	}
}

func FuzzShortcodes(f *testing.F) {
	for _, s := range []string{
		"{{< highlight go >}}\nx", "{% raw %}\n{% raw %}\n{% endraw %}", "{{< a >}}{{< a >}}{{< /a >}}",
		"[x]({{< ref \"a\" >}} \"t\")", "{{% x %}}\n> {{% /x %}}", "{{ \"a\" | relative_url | bogus }}",
		"- {% highlight %}\n  a\n{% endhighlight %}", "{{</* x */>}}", "{{< x />}}", "![a]({{ site.url }}{{ site.baseurl }}/x)",
		"{{< callout >}}x{{< /callout >}}", "{{% box %}}\n{{< callout >}}\n{{% /box %}}", "{{< box >}}{{< box >}}{{< /box >}}",
		"> {{< callout title=\"t\" >}}\n> *x*\n> {{< /callout >}}", "{{< about {{< box >}} >}}", "{{< loop >}}{{< /loop >}}",
	} {
		f.Add(s)
	}
	r := render.New(render.Settings{Shortcodes: shortcode.Config{Resolve: func(string) (string, bool) { return "/x/", true }}})
	p := render.New(render.Settings{Preview: true})
	site := render.New(render.Settings{Preview: true, Shortcodes: goldenSite})
	f.Fuzz(func(t *testing.T, s string) {
		for _, rr := range []*render.Renderer{r, p, site} {
			if _, err := rr.RenderBody([]byte(s), 1); err != nil {
				t.Fatal(err)
			}
		}
	})
}
