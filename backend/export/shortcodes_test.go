package export

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"quire/backend/post"
	"quire/backend/site"
)

// An imported blog's shortcodes and Liquid tags publish as their generators
// would; what Quire cannot render is a styled placeholder on the page and
// a warning with the post and the line.
func TestExportShortcodes(t *testing.T) {
	st := mustOpen(t)
	mustCreate(t, st, &post.Post{Slug: "first-post", Title: "First post", Date: date(2020, 1, 1), Status: post.StatusPublished, Body: "Hello.\n"})
	mustCreate(t, st, &post.Post{Slug: "recap", Title: "Recap", Date: date(2021, 5, 6), Status: post.StatusPublished, Body: strings.Join([]string{
		"{{< youtube w7Ft2ymGmfc >}}", // 1
		"",                            // 2
		`See [the first]({{< ref "first-post.md" >}}).`, // 3
		"", // 4
		"And [the Jekyll way]({% post_url 2020-01-01-first-post %}).", // 5
		"",                                  // 6
		"{{< mysterious color=\"blue\" >}}", // 7
		"",                                  // 8
		"[gone]({{< ref \"gone.md\" >}})",   // 9
		"",                                  // 10
		"{{< gist spf13 7896402 >}}",        // 11
		"",                                  // 12
		"{% raw %}",                         // 13
		"never closed",                      // 14
	}, "\n") + "\n"})
	s := site.Default()
	s.Title, s.BaseURL = "Shortcodes", "https://example.org/blog/"
	if err := site.Save(context.Background(), st, s); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "site")
	rep := export(t, st, dir, Options{})
	var ws []string
	for _, w := range rep.Warnings {
		ws = append(ws, w.String())
	}
	// Lines of the post as the editor shows it: six lines of front matter
	// before the body.
	want := []string{
		"recap:13: unknown shortcode 'mysterious'",
		`recap:15: ref: no post "gone.md" in the site`,
		"recap:19: {% raw %} is not closed by {% endraw %}: shown as text",
	}
	if strings.Join(ws, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(ws, "\n"), strings.Join(want, "\n"))
	}
	page, err := os.ReadFile(filepath.Join(dir, "2021/05/06/recap/index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{
		`<iframe src="https://www.youtube.com/embed/w7Ft2ymGmfc"`,
		`<a href="/blog/2020/01/01/first-post/">the first</a>`,
		`<a href="/blog/2020/01/01/first-post/">the Jekyll way</a>`,
		`<div class="shortcode-unknown"><span class="shortcode-unknown-label">Shortcode not rendered</span> <code>mysterious</code></div>`,
		`<a class="link-card-link" href="https://gist.github.com/spf13/7896402">`,
		`{% raw %}`, `never closed`,
	} {
		if !bytes.Contains(page, []byte(w)) {
			t.Errorf("recap page lacks %s", w)
		}
	}
	if bytes.Contains(page, []byte("{{&lt;")) || bytes.Contains(page, []byte("<script")) {
		t.Errorf("raw shortcode or a script on the page:\n%s", page)
	}
	// The placeholder and the cards are styled by the theme's stylesheet.
	css := readTree(t, dir)
	styled := false
	for name, b := range css {
		if strings.HasSuffix(name, ".css") && bytes.Contains(b, []byte(".shortcode-unknown {")) && bytes.Contains(b, []byte(".link-card {")) {
			styled = true
		}
	}
	if !styled {
		t.Errorf("no exported stylesheet styles .shortcode-unknown and .link-card")
	}
}
