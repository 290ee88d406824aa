package importer_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"quire/backend/importer"
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
		`line 26: include "note.html": the site's _includes folder is not available`,
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
