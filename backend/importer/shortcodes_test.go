package importer_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"quire/backend/export"
	"quire/backend/importer"
	"quire/backend/render/shortcode"
	"quire/backend/store"
)

// importSite imports a copy of testdata/NAME, a site as its generator
// would have it.
func importSite(t *testing.T, name string) (*importer.Report, *store.Store, string) {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(filepath.Join("testdata", name))); err != nil {
		t.Fatal(err)
	}
	st := mustOpen(t)
	rep, err := importer.Import(context.Background(), st, []string{dir})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Count(importer.Failed) != 0 {
		t.Fatalf("report: %s %+v", rep.Summary(), rep.Results)
	}
	return rep, st, dir
}

// warningsOf is a result's warnings as "line N: message".
func warningsOf(r importer.Result) []string {
	var out []string
	for _, w := range r.Warnings {
		out = append(out, w.String())
	}
	return out
}

func checkWarnings(t *testing.T, rep *importer.Report, file string, want []string) {
	t.Helper()
	got := warningsOf(result(t, rep, file))
	if len(got) != len(want) {
		t.Errorf("%s: warnings\n%s\nwant\n%s", file, strings.Join(got, "\n"), strings.Join(want, "\n"))
		return
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("%s: warning %d is %q, want %q", file, i, got[i], want[i])
		}
	}
}

// The import says which shortcodes will not render, with the post and the
// line, and keeps every post's text as its author wrote it.
func TestImportHugoSiteShortcodes(t *testing.T) {
	rep, st, dir := importSite(t, "hugo-site")
	if rep.Count(importer.Imported) != 3 {
		t.Errorf("report: %s %+v", rep.Summary(), rep.Results)
	}
	checkWarnings(t, rep, "first-post.md", nil)
	checkWarnings(t, rep, "kubecon-recap.md", []string{"line 36: unknown shortcode 'mysterious'"})
	checkWarnings(t, rep, "broken.md", []string{"line 9: {{< highlight python >}} is not closed by {{< /highlight >}}: shown as text"})
	checkBodyKept(t, st, dir, "content/posts/kubecon-recap.md", "kubecon-recap")
}

func TestImportJekyllSiteLiquid(t *testing.T) {
	rep, st, dir := importSite(t, "jekyll-site")
	if rep.Count(importer.Imported) != 3 {
		t.Errorf("report: %s %+v", rep.Summary(), rep.Results)
	}
	checkWarnings(t, rep, "2020-01-01-first-post.md", nil)
	checkWarnings(t, rep, "2021-03-04-ruby-tips.md", []string{
		"line 28: unknown Liquid tag 'mysterious'",
	})
	checkWarnings(t, rep, "2021-04-01-unclosed.md", []string{
		"line 5: {% raw %} is not closed by {% endraw %}: shown as text",
	})
	checkBodyKept(t, st, dir, "_posts/2021-03-04-ruby-tips.md", "ruby-tips")
}

// checkBodyKept checks that the stored post is the file's text after its
// front matter: the tags as written, not rendered.
func checkBodyKept(t *testing.T, st *store.Store, dir, file, slug string) {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(file)))
	if err != nil {
		t.Fatal(err)
	}
	p, err := st.GetPostBySlug(context.Background(), slug)
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	_, body, _ := strings.Cut(strings.TrimPrefix(string(src), "---\n"), "\n---\n")
	body = strings.TrimPrefix(body, "\n")
	if !strings.Contains(body, "{{<") && !strings.Contains(body, "{%") {
		t.Fatalf("%s has no tags to keep", file)
	}
	if strings.TrimSpace(p.Body) != strings.TrimSpace(body) {
		t.Errorf("%s: stored body\n%s\nwant the file's\n%s", file, p.Body, body)
	}
}

// A Jekyll site's _includes files are kept at import, and the export renders
// {% include %} with them and its parameters, as Jekyll would.
func TestJekyllIncludeExported(t *testing.T) {
	_, st, _ := importSite(t, "jekyll-site")
	out := filepath.Join(t.TempDir(), "out")
	rep, err := export.Export(context.Background(), st, out, export.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range rep.Warnings {
		if strings.Contains(w.Message, "include") {
			t.Errorf("export warning: %s", w)
		}
	}
	var page []byte
	err = filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err == nil && strings.Contains(p, "ruby-tips") && d.Name() == "index.html" {
			page, err = os.ReadFile(p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(filepath.Join("testdata", "golden", "jekyll-include.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(page), strings.TrimSpace(string(want))) {
		t.Errorf("ruby-tips page lacks the rendered include\n%s\npage:\n%s", want, page)
	}
	if strings.Contains(string(page), "{% include") || strings.Contains(string(page), "<code>include") {
		t.Errorf("include not rendered:\n%s", page)
	}
}

// Only small text files inside _includes are kept: a link to a file
// elsewhere on the disk, or a file past the size bound, is a warning and
// never read.
func TestJekyllIncludesRefused(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(filepath.Join("testdata", "jekyll-site"))); err != nil {
		t.Fatal(err)
	}
	secret := filepath.Join(t.TempDir(), "secret.txt")
	if err := os.WriteFile(secret, []byte("SECRET"), 0o644); err != nil {
		t.Fatal(err)
	}
	inc := filepath.Join(dir, "_includes")
	if err := os.Symlink(secret, filepath.Join(inc, "leak.html")); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(inc, "big.html"), []byte(strings.Repeat("x", shortcode.MaxIncludeSize+1)), 0o644); err != nil {
		t.Fatal(err)
	}
	st := mustOpen(t)
	rep, err := importer.Import(context.Background(), st, []string{dir})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Sites) != 1 {
		t.Fatalf("sites %+v", rep.Sites)
	}
	warns := strings.Join(rep.Sites[0].Warnings, "\n")
	for _, w := range []string{"_includes/leak.html is not a regular file", "_includes/big.html is larger than"} {
		if !strings.Contains(warns, w) {
			t.Errorf("site warnings lack %q:\n%s", w, warns)
		}
	}
	v, ok, err := st.GetSetting(context.Background(), shortcode.IncludesSetting)
	if err != nil || !ok {
		t.Fatalf("includes setting: %v %v", ok, err)
	}
	in, err := shortcode.DecodeIncludes(v)
	if err != nil {
		t.Fatal(err)
	}
	if len(in) != 1 || in["note.html"] == "" {
		t.Errorf("kept includes %v, want only note.html", in)
	}
}

// The export skips pages whose content is unchanged; an include is part of
// that content, so a site imported again with a changed include re-renders.
func TestJekyllIncludeChangeReexported(t *testing.T) {
	_, st, dir := importSite(t, "jekyll-site")
	out := filepath.Join(t.TempDir(), "out")
	exportPage := func() string {
		t.Helper()
		// A feed of one: the post is not in it, so its page is kept when
		// its key is unchanged.
		if _, err := export.Export(context.Background(), st, out, export.Options{FeedSize: 1}); err != nil {
			t.Fatal(err)
		}
		var page []byte
		err := filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
			if err == nil && strings.Contains(p, "ruby-tips") && d.Name() == "index.html" {
				page, err = os.ReadFile(p)
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return string(page)
	}
	if p := exportPage(); !strings.Contains(p, `<aside class="note">Ruby 3 only</aside>`) {
		t.Fatalf("first export lacks the include:\n%s", p)
	}
	if err := os.WriteFile(filepath.Join(dir, "_includes", "note.html"), []byte(`<p class="changed">{{ include.text }}</p>`), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := importer.Import(context.Background(), st, []string{dir}); err != nil {
		t.Fatal(err)
	}
	if p := exportPage(); !strings.Contains(p, `<p class="changed">Ruby 3 only</p>`) {
		t.Errorf("second export kept the old include:\n%s", p)
	}
}
