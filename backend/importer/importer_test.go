package importer_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"quire/backend/importer"
	"quire/backend/post"
	"quire/backend/store"
)

func mustOpen(t *testing.T) *store.Store {
	t.Helper()
	s, err := store.Open(filepath.Join(t.TempDir(), "quire.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func outcomes(rep *importer.Report) map[string]string {
	m := map[string]string{}
	for _, r := range rep.Results {
		m[filepath.Base(r.Path)] = string(r.Outcome)
	}
	return m
}

func TestImport(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	dir := t.TempDir()
	kubecon, err := os.ReadFile("../../testdata/kubecon-2017-austin-summary.md")
	if err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(dir, "_posts", "2018-01-05-kubecon-2017-austin-summary.md"), string(kubecon))
	write(t, filepath.Join(dir, "_posts", "2019-02-03-dated-by-name.markdown"), "---\ntitle: Dated by name\n---\nHi.\n")
	write(t, filepath.Join(dir, "bad-yaml.md"), "---\ntitle: [unclosed\n---\n")
	write(t, filepath.Join(dir, "unclosed.md"), "---\ntitle: x\n")
	write(t, filepath.Join(dir, "bad-date.md"), "---\ndate: someday\n---\n")
	write(t, filepath.Join(dir, "slug-list.md"), "---\nslug: [a, b]\n---\n")
	write(t, filepath.Join(dir, "latin1.md"), "---\ntitle: caf\xe9\n---\n")
	write(t, filepath.Join(dir, "notes.txt"), "not markdown, not walked")
	write(t, filepath.Join(dir, ".git", "x.md"), "---\ntitle: hidden\n---\n")
	missing := filepath.Join(dir, "missing.md")

	rep, err := importer.Import(ctx, s, []string{dir, missing})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"2018-01-05-kubecon-2017-austin-summary.md": "imported",
		"2019-02-03-dated-by-name.markdown":         "imported",
		"bad-yaml.md":                               "failed", "unclosed.md": "failed", "bad-date.md": "failed",
		"slug-list.md": "failed", "latin1.md": "failed", "missing.md": "failed",
	}
	got := outcomes(rep)
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: %s, want %s", k, got[k], v)
		}
	}
	if len(got) != len(want) {
		t.Errorf("imported %v, want exactly %v", got, want)
	}
	for _, r := range rep.Results {
		if r.Outcome == importer.Failed && (!strings.Contains(r.Error, filepath.Base(r.Path))) {
			t.Errorf("error %q does not name the file", r.Error)
		}
	}
	// Nothing of the failed files is in the database.
	res, _ := s.ListPosts(ctx, store.ListOptions{})
	if res.Total != 2 {
		t.Errorf("%d posts, want 2", res.Total)
	}
	p, err := s.GetPostBySlug(ctx, "kubecon-2017-austin-summary")
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Categories) != 5 || p.Layout != "post" {
		t.Errorf("kubecon post: %+v", p)
	}
	for _, r := range rep.Results {
		if strings.HasPrefix(filepath.Base(r.Path), "2018") && len(r.Warnings) != 1 {
			t.Errorf("kubecon warnings = %v, want the categories split", r.Warnings)
		}
	}
	d, err := s.GetPostBySlug(ctx, "dated-by-name")
	if err != nil || d.Date.Format("2006-01-02") != "2019-02-03" {
		t.Errorf("date from the file name: %v %v", d, err)
	}

	// Again: nothing changes.
	rep, _ = importer.Import(ctx, s, []string{filepath.Join(dir, "_posts")})
	if rep.Count(importer.Unchanged) != 2 || len(rep.Results) != 2 {
		t.Errorf("re-import: %v", outcomes(rep))
	}
	// Edit one: it is updated, as a new revision of the same post.
	write(t, filepath.Join(dir, "_posts", "2019-02-03-dated-by-name.markdown"), "---\ntitle: Dated by name\n---\nHi again.\n")
	rep, _ = importer.Import(ctx, s, []string{filepath.Join(dir, "_posts")})
	if got := outcomes(rep); got["2019-02-03-dated-by-name.markdown"] != "updated" || got["2018-01-05-kubecon-2017-austin-summary.md"] != "unchanged" {
		t.Errorf("after an edit: %v", got)
	}
	revs, _ := s.Revisions(ctx, d.ID)
	if len(revs) != 2 || revs[0].Kind != store.KindImport {
		t.Errorf("revisions after update: %+v", revs)
	}
	res, _ = s.ListPosts(ctx, store.ListOptions{})
	if res.Total != 2 {
		t.Errorf("%d posts after re-import, want 2", res.Total)
	}
}

func TestImportAliasBomb(t *testing.T) {
	s := mustOpen(t)
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("---\na: &a [x,x,x,x,x,x,x,x,x,x]\n")
	prev := "a"
	for _, n := range []string{"b", "c", "d", "e", "f", "g", "h", "i", "j"} {
		b.WriteString(n + ": &" + n + " [" + strings.Repeat("*"+prev+",", 9) + "*" + prev + "]\n")
		prev = n
	}
	b.WriteString("---\n")
	write(t, filepath.Join(dir, "bomb.md"), b.String())
	rep, _ := importer.Import(context.Background(), s, []string{dir})
	if len(rep.Results) != 1 || rep.Results[0].Outcome != importer.Failed || !strings.Contains(rep.Results[0].Error, "bomb.md") {
		t.Fatalf("bomb: %+v", rep.Results)
	}
	if _, err := s.GetPostBySource(context.Background(), filepath.Join(dir, "bomb.md")); err == nil {
		t.Error("the bomb was saved")
	}
	_ = post.ErrInvalid
}
