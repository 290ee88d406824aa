package store

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"quire/backend/post"
)

// roundTripFiles are posts whose front matter must come back byte for byte:
// the sample post (quoted strings, a Jekyll categories string) and posts
// with comments, flow maps, multi-line strings, TOML and JSON.
var roundTripFiles = []string{
	"../../testdata/kubecon-2017-austin-summary.md",
	"../../testdata/frontmatter/yaml-styled.md",
	"../../testdata/frontmatter/toml-post.md",
	"../../testdata/frontmatter/json-post.md",
}

// saysStatus: the TOML post writes draft = false, so making it a draft is
// the writer's change, not a derived value.
var saysStatus = map[string]bool{"toml-post.md": true}

// TestOriginalKept checks that the store keeps a post's front matter as its
// file wrote it: read back from the database file after a reopen, the post
// and its first revision write the file again byte for byte, and a draft
// whose text says nothing of its status (a file of _drafts/) stays one
// without a status key being written.
func TestOriginalKept(t *testing.T) {
	ctx := context.Background()
	for _, name := range roundTripFiles {
		t.Run(filepath.Base(name), func(t *testing.T) {
			src, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			for _, draft := range []bool{false, true} {
				if draft && saysStatus[filepath.Base(name)] {
					continue
				}
				path := filepath.Join(t.TempDir(), "quire.db")
				s, _ := MustOpenAt(t, path, migrationsFS)
				p, _, err := post.ParseFile(name, src)
				if err != nil {
					t.Fatal(err)
				}
				p.Slug = "" // from the title, as a file's name would give it
				if draft {
					p.Status = post.StatusDraft // as the importer makes a file of _drafts/
					p.NoteDerived()
				}
				if err := s.CreatePost(ctx, p); err != nil {
					t.Fatal(err)
				}
				s.Close()
				s, _ = MustOpenAt(t, path, migrationsFS)
				got, err := s.GetPost(ctx, p.ID)
				if err != nil {
					t.Fatal(err)
				}
				if want := map[bool]post.Status{true: post.StatusDraft, false: p.Status}[draft]; got.Status != want {
					t.Errorf("draft=%t: status %s, want %s", draft, got.Status, want)
				}
				assertFile(t, "stored post", got, src)
				r, err := s.Revision(ctx, p.ID, 1)
				if err != nil {
					t.Fatal(err)
				}
				assertFile(t, "first revision", r.Post, src)

				// A change and its undo: the file comes back as it was.
				got.Title = "Another title"
				if err := s.SavePost(ctx, got, KindSave); err != nil {
					t.Fatal(err)
				}
				restored, err := s.RestoreRevision(ctx, p.ID, 1)
				if err != nil {
					t.Fatal(err)
				}
				back, err := s.GetPost(ctx, restored.ID)
				if err != nil {
					t.Fatal(err)
				}
				assertFile(t, "restored revision", back, src)
				if back.Status != got.Status || back.Slug != got.Slug {
					t.Errorf("draft=%t: restored %s %q, want %s %q", draft, back.Status, back.Slug, got.Status, got.Slug)
				}

				// The text as the editor shows it, saved again, is no change.
				text, err := back.MarshalEditable()
				if err != nil {
					t.Fatal(err)
				}
				again, _, err := post.ParseFile("", text)
				if err != nil {
					t.Fatal(err)
				}
				again.ID, again.Revision = back.ID, back.Revision
				again.InheritDerived(back)
				if err := s.SavePost(ctx, again, KindSave); err != nil || again.Revision != back.Revision {
					t.Errorf("draft=%t: saving the text unchanged made revision %d (was %d): %v", draft, again.Revision, back.Revision, err)
				}

				// A draft published by a command says so in its text.
				if draft {
					back.Status = post.StatusPublished
					if err := s.SavePost(ctx, back, KindSave); err != nil {
						t.Fatal(err)
					}
					pub, err := s.GetPost(ctx, back.ID)
					if err != nil {
						t.Fatal(err)
					}
					b, _ := pub.MarshalEditable()
					if pub.Status != post.StatusPublished || !strings.Contains(string(b), "status: published") && !strings.Contains(string(b), `"status": "published"`) {
						t.Errorf("published draft: %s\n%s", pub.Status, b)
					}
				}
			}
		})
	}
}

func assertFile(t *testing.T, what string, p *post.Post, want []byte) {
	t.Helper()
	b, err := p.MarshalEditable()
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	if string(b) != string(want) {
		t.Errorf("%s writes\n%s\nwant\n%s", what, b, want)
	}
}

// TestMigrateOriginal checks migration 005 on a database of an older Quire:
// it is backed up and upgraded in place, its posts have no original text
// (none was kept) and are written afresh as before, and a save keeps the
// text it is given.
func TestMigrateOriginal(t *testing.T) {
	ctx := context.Background()
	s, path := openOld(t, 3)
	if backups, _ := filepath.Glob(path + ".v3-*.bak"); len(backups) != 1 {
		t.Errorf("backups = %v, want one", backups)
	}
	a, err := s.GetPostBySlug(ctx, "a")
	if err != nil {
		t.Fatal(err)
	}
	if a.Original != nil {
		t.Errorf("an old post has original text %+v", a.Original)
	}
	src := "---\ntitle: \"A\"   # kept\nslug: a\n---\nnew body\n"
	p, _, err := post.ParseFile("a.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	p.ID, p.Revision = a.ID, a.Revision
	if err := s.SavePost(ctx, p, KindSave); err != nil {
		t.Fatal(err)
	}
	got, err := s.GetPost(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	assertFile(t, "saved post", got, []byte(src))
}
