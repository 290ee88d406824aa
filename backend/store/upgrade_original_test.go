package store

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"quire/backend/post"
)

// TestUpgradeKeepsOriginalText opens testdata/old/quire-v4-linked.db, a
// database an older Quire (schema version 4, before posts.original) wrote
// when it imported a small Jekyll blog, with the blog's files in place
// (make_v4_test.go.txt says how it was made). After the upgrade, the posts
// whose files are still there show and write their front matter as the
// file has it, comments and quotes included, and the draft of _drafts/
// stays a draft without a status key written; the post whose file is gone
// is written afresh, as before.
func TestUpgradeKeepsOriginalText(t *testing.T) {
	root := t.TempDir()
	sample, err := os.ReadFile("../../testdata/kubecon-2017-austin-summary.md")
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		"blog/_posts/2018-01-05-kubecon-2017-austin-summary.md": string(sample),
		"blog/_drafts/dated-draft.md":                           "---\n# a dated draft: a draft by its folder\ntitle: 'Dated draft'\ndate: 2017-12-06   # typed by hand\n---\nText.\n",
	}
	for name, text := range files {
		p := filepath.Join(root, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(t.TempDir(), "quire.db")
	b, err := os.ReadFile("testdata/old/quire-v4-linked.db")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	db := mustOpenRaw(t, path)
	if _, err := db.Exec(`UPDATE posts SET source = replace(source, '/FIXTURE', ?)`, root); err != nil {
		t.Fatal(err)
	}
	db.Close()

	s, _ := MustOpenAt(t, path, migrationsFS)
	ctx := context.Background()
	for name, text := range files {
		t.Run(filepath.Base(name), func(t *testing.T) {
			p, err := s.GetPostBySource(ctx, filepath.Join(root, name))
			if err != nil {
				t.Fatal(err)
			}
			got, err := p.MarshalEditable()
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != text {
				t.Errorf("the post reads\n%s\nwant its file\n%s", got, text)
			}
			if strings.Contains(name, "_drafts") && p.Status != post.StatusDraft {
				t.Errorf("status %s, want draft", p.Status)
			}
			// A change writes that key's line alone, in the file's style.
			p.Title = "Renamed"
			got, err = p.MarshalEditable()
			if err != nil {
				t.Fatal(err)
			}
			if n := strings.Count(string(got), "\n"); n != strings.Count(text, "\n") || strings.Contains(string(got), "status:") {
				t.Errorf("a new title gives\n%s", got)
			}
		})
	}
	gone, err := s.GetPostBySource(ctx, filepath.Join(root, "blog/_posts/2017-01-01-gone.md"))
	if err != nil {
		t.Fatal(err)
	}
	if gone.Original != nil {
		t.Errorf("a post whose file is gone has an original text: %+v", gone.Original)
	}
	if got, err := gone.MarshalEditable(); err != nil || !strings.HasPrefix(string(got), "---\ntitle: Gone\n") {
		t.Errorf("the post whose file is gone reads %q (%v)", got, err)
	}
}
