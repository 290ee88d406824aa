package store

import (
	"context"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"quire/backend/post"
)

// TestMigrateLinkedToTables opens a schema-5 database whose linked folders,
// files' sync state and unsaved texts are settings keys, as Quire kept them
// before 006, and checks they arrive in their tables with nothing else
// touched, and that the settings keys are gone.
func TestMigrateLinkedToTables(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "quire.db")
	old, _ := MustOpenAt(t, path, oldMigrations(t, 5))
	p := MustCreate(t, old, &post.Post{Title: "Linked", Body: "b"})
	rows := [][2]string{
		{"link:/home/me/blog", `{"created":1733400000}`},
		{"linkfile:/home/me/blog/_posts/a.md", fmt.Sprintf(`{"dir":"/home/me/blog","post":%d,"hash":"h1","rev":3,"size":120,"mtime":1733400000123456789,"conflict":""}`, p.ID)},
		{"linkfile:/home/me/blog/_posts/b.md", `{"dir":"/home/me/blog","post":99,"hash":"h2","rev":1,"size":7,"mtime":5,"conflict":"h3"}`},
		{"linkfile:/home/me/blog/_posts/bad.md", `not json`},
		{fmt.Sprintf("recovery:%d", p.ID), "typed, never saved"},
		{"recovery:424242", "of a post deleted long ago"},
		{"layout", "split"},
	}
	for _, r := range rows {
		if err := old.SetSetting(ctx, r[0], r[1]); err != nil {
			t.Fatal(err)
		}
	}
	old.Close()

	s, _ := MustOpenAt(t, path, migrationsFS)
	links, err := s.Links(ctx)
	if err != nil || len(links) != 1 || links[0].Dir != "/home/me/blog" || links[0].Created.Unix() != 1733400000 {
		t.Errorf("links = %+v %v", links, err)
	}
	files, err := s.LinkFiles(ctx, "/home/me/blog")
	want := []LinkFile{
		{Path: "/home/me/blog/_posts/a.md", Dir: "/home/me/blog", PostID: p.ID, Hash: "h1", Revision: 3, Size: 120, ModTime: 1733400000123456789},
		{Path: "/home/me/blog/_posts/b.md", Dir: "/home/me/blog", PostID: 99, Hash: "h2", Revision: 1, Size: 7, ModTime: 5, Conflict: "h3"},
	}
	if err != nil || !reflect.DeepEqual(files, want) {
		t.Errorf("link files =\n%+v %v\nwant\n%+v", files, err, want)
	}
	if lf, err := s.LinkFileOfPost(ctx, p.ID); err == nil {
		t.Errorf("post %d has no source, yet a linked file: %+v", p.ID, lf)
	}
	if text, ok, err := s.Recovery(ctx, p.ID); !ok || err != nil || text != "typed, never saved" {
		t.Errorf("recovery = %q %v %v", text, ok, err)
	}
	if _, ok, _ := s.Recovery(ctx, 424242); ok {
		t.Error("the unsaved text of a post that is gone was kept")
	}
	var left int
	s.db.QueryRow(`SELECT count(*) FROM settings WHERE key LIKE 'link%' OR key LIKE 'recovery:%'`).Scan(&left)
	if v, ok, _ := s.GetSetting(ctx, "layout"); left != 0 || !ok || v != "split" {
		t.Errorf("settings after the move: %d keys left, layout %q %v", left, v, ok)
	}
	if backups, _ := filepath.Glob(path + ".v5-*.bak"); len(backups) != 1 {
		t.Errorf("backups = %v, want one", backups)
	}

	// A post deleted for good takes its unsaved text along.
	if err := s.KeepRecovery(ctx, p.ID, "again"); err != nil {
		t.Fatal(err)
	}
	if err := s.TrashPost(ctx, p.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.PurgePost(ctx, p.ID); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := s.Recovery(ctx, p.ID); ok {
		t.Error("the purged post's unsaved text is still kept")
	}
}

// TestMigrateImportFilesToTable: what an import recorded of each file, kept
// as settings keys before 007, is read back from import_files as it was.
func TestMigrateImportFilesToTable(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "quire.db")
	old, _ := MustOpenAt(t, path, oldMigrations(t, 6))
	p := MustCreate(t, old, &post.Post{Title: "Imported", Body: "b"})
	rows := [][2]string{
		{"importfile:/home/me/posts/a.md", fmt.Sprintf(`{"post":%d,"rev":1,"size":42,"mtime":7,"hash":"h","ctx":"v1 kind=hugo",`+
			`"mtimeDate":true,"deps":[{"path":"/home/me/posts/a.png","size":-1,"mtime":0}],"warnings":[{"line":3,"message":"w"}]}`, p.ID)},
		{"importfile:/home/me/posts/gone.md", `{"post":4242,"rev":1,"size":1,"mtime":1,"hash":"x"}`},
	}
	for _, r := range rows {
		if err := old.SetSetting(ctx, r[0], r[1]); err != nil {
			t.Fatal(err)
		}
	}
	old.Close()

	s, _ := MustOpenAt(t, path, migrationsFS)
	got, err := s.ImportedFiles(ctx, []string{"/home/me/posts/a.md", "/home/me/posts/gone.md"})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]ImportedFile{"/home/me/posts/a.md": {Path: "/home/me/posts/a.md", PostID: p.ID, Revision: 1, Size: 42,
		ModTime: 7, Hash: "h", Context: "v1 kind=hugo", DateFromTime: true,
		Deps:     []FileStamp{{Path: "/home/me/posts/a.png", Size: -1}},
		Warnings: []post.Warning{{Line: 3, Message: "w"}}, Slug: p.Slug, PostCurrent: p.Revision}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("imported files =\n%+v\nwant\n%+v", got, want)
	}
	var left int
	s.db.QueryRow(`SELECT count(*) FROM settings WHERE key LIKE 'importfile:%'`).Scan(&left)
	if left != 0 {
		t.Errorf("%d importfile: keys left in settings", left)
	}
}

// TestUpgradeRefreshesSnippets: a snippet an older Quire cut with a
// shortcode as written reads as text after the upgrade.
func TestUpgradeRefreshesSnippets(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "quire.db")
	old, _ := MustOpenAt(t, path, oldMigrations(t, 6))
	p := MustCreate(t, old, &post.Post{Title: "Talk", Body: "{{< youtube w7Ft2ymGmfc >}}\n\nThe talk, and my notes on it."})
	plain := MustCreate(t, old, &post.Post{Title: "Plain", Body: "Just text."})
	if _, err := old.db.Exec(`UPDATE posts SET excerpt = '{{< youtube w7Ft2ymGmfc >}} The talk, and my notes on it.' WHERE id = ?`, p.ID); err != nil {
		t.Fatal(err)
	}
	old.Close()

	s, _ := MustOpenAt(t, path, migrationsFS)
	list, err := s.ListPosts(ctx, ListOptions{Sort: SortTitle})
	if err != nil || len(list.Posts) != 2 {
		t.Fatalf("list: %+v %v", list, err)
	}
	for _, sm := range list.Posts {
		switch sm.ID {
		case p.ID:
			if strings.Contains(sm.Snippet, "{{") || !strings.Contains(sm.Snippet, "The talk, and my notes on it.") {
				t.Errorf("snippet after the upgrade: %q", sm.Snippet)
			}
		case plain.ID:
			if sm.Snippet != "Just text." {
				t.Errorf("an untouched snippet changed: %q", sm.Snippet)
			}
		}
	}
}
