package store

import (
	"context"
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestOpenNotifiesUpgrades checks that OpenNotify says when it upgrades a
// database, and only then.
func TestOpenNotifiesUpgrades(t *testing.T) {
	path := copyOld(t, 3)
	var said []string
	note := func(from, to int) { said = append(said, fmt.Sprintf("%d->%d", from, to)) }
	for range 2 { // the second time there is nothing to upgrade
		s, err := OpenNotify(path, note)
		if err != nil {
			t.Fatal(err)
		}
		s.Close()
	}
	s, err := OpenNotify(filepath.Join(t.TempDir(), "new.db"), note)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if want := fmt.Sprintf("[3->%s]", schemaVersion(t)); fmt.Sprint(said) != want {
		t.Errorf("notified %v, want %s", said, want)
	}
	var line strings.Builder
	UpgradeNotice(&line, "/x/quire.db")(3, 4)
	if !strings.Contains(line.String(), "/x/quire.db from version 3 to 4") {
		t.Errorf("notice %q", line.String())
	}
}

// copyOld copies testdata/old/quire-vN.db, a database an older Quire wrote
// at schema version N (testdata/old/make_test.go.txt says how), into a
// temporary folder and returns the copy's path.
func copyOld(t *testing.T, from int) string {
	t.Helper()
	b, err := os.ReadFile(fmt.Sprintf("testdata/old/quire-v%d.db", from))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "quire.db")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// openOld opens a copy of testdata/old/quire-vN.db with this Quire, which
// migrates it.
func openOld(t *testing.T, from int) (*Store, string) {
	t.Helper()
	path := copyOld(t, from)
	s, _ := MustOpenAt(t, path, migrationsFS)
	return s, path
}

// historyOf lists the revisions of posts 1 to 4 in the format of
// testdata/old/quire-vN.history.
func historyOf(t *testing.T, s *Store) string {
	t.Helper()
	ctx := context.Background()
	var out []string
	for id := int64(1); id <= 4; id++ {
		revs, err := s.Revisions(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range revs {
			full, err := s.Revision(ctx, id, r.Rev)
			if err != nil {
				t.Fatal(err)
			}
			file, _ := full.Post.MarshalEditable()
			out = append(out, fmt.Sprintf("%d/%d %s based on %d at %s %q size %d current %v file %x",
				id, r.Rev, r.Kind, r.BasedOn, r.Created.Format("15:04:05.000"), r.Title, r.Size, r.Current, sha256.Sum256(file)))
		}
	}
	return strings.Join(out, "\n") + "\n"
}

// TestMigrateKeepsHistory opens databases from schema versions 1 to 3 and
// checks that the migrations keep every revision as the older Quire listed
// it (revisions became a rowid table in 003), back the file up, and that
// saving, numbering and deleting go on.
func TestMigrateKeepsHistory(t *testing.T) {
	for _, from := range []int{1, 2, 3} {
		t.Run(fmt.Sprintf("FromVersion%d", from), func(t *testing.T) {
			ctx := context.Background()
			s, path := openOld(t, from)
			want := readFile(t, fmt.Sprintf("testdata/old/quire-v%d.history", from))
			if got := historyOf(t, s); got != want {
				t.Errorf("history changed by the migration:\n%s\nwant\n%s", got, want)
			}
			var ddl string
			s.db.QueryRow(`SELECT sql FROM sqlite_schema WHERE name = 'revisions'`).Scan(&ddl)
			if strings.Contains(strings.ToUpper(ddl), "WITHOUT ROWID") || !strings.Contains(ddl, "UNIQUE (post_id, rev)") {
				t.Errorf("revisions after the migration:\n%s", ddl)
			}
			if bad, err := s.IntegrityCheck(ctx); err != nil || len(bad) > 0 {
				t.Errorf("integrity: %v %v", bad, err)
			}
			if backups, _ := filepath.Glob(path + fmt.Sprintf(".v%d-*.bak", from)); len(backups) != 1 {
				t.Errorf("backups = %v, want one", backups)
			}
			if _, err := s.ListMedia(ctx); err != nil {
				t.Errorf("ListMedia after the upgrade: %v", err)
			}
			// Numbering goes on after the conflict revision (5), and the
			// unique index still refuses a second revision of one number.
			a, err := s.GetPostBySlug(ctx, "a")
			if err != nil {
				t.Fatal(err)
			}
			a.Body = "a5"
			if err := s.SavePost(ctx, a, KindSave); err != nil || a.Revision != 6 {
				t.Errorf("save after the migration: revision %d, %v", a.Revision, err)
			}
			if _, err := s.db.Exec(`INSERT INTO revisions (post_id, rev, kind, started_unix, created_unix, title, file)
				VALUES (?, 6, 'save', 0, 0, '', '')`, a.ID); err == nil {
				t.Error("a duplicate revision number was accepted")
			}
			// Deleting a post still deletes its revisions and index rows.
			if err := s.TrashPost(ctx, 2); err != nil {
				t.Fatal(err)
			}
			if _, err := s.EmptyTrash(ctx); err != nil {
				t.Fatal(err)
			}
			var n int
			s.db.QueryRow(`SELECT count(*) FROM revisions WHERE post_id = 2`).Scan(&n)
			if n != 0 {
				t.Errorf("%d revisions of a deleted post left", n)
			}
			res, err := s.ListPosts(ctx, ListOptions{Query: "a5"})
			if err != nil || res.Total != 1 {
				t.Errorf("search after the migration: %+v %v", res, err)
			}
		})
	}
}

// TestMigrateIndex checks migration 004: the search index, built by
// triggers before, is built again by the store, the long post in pieces,
// and finds what it found before, but nothing in the trash.
func TestMigrateIndex(t *testing.T) {
	ctx := context.Background()
	s, _ := openOld(t, 3)
	var stale int
	s.db.QueryRow(`SELECT count(*) FROM posts WHERE fts_stale = 1`).Scan(&stale)
	if stale != 0 {
		t.Errorf("%d posts left unindexed after opening", stale)
	}
	for _, tt := range []struct {
		query string
		want  []string
	}{
		{"alpha", []string{"long"}},           // the start of the long post; the trashed one is left out
		{"omega", []string{"long"}},           // its end, in another piece
		{"alpha omega", []string{"long"}},     // both, in two pieces
		{"filler96 notes", []string{"long"}},  // a piece and the post's category
		{"a4", []string{"a"}},                 // a short post, indexed whole
		{"bbbb*", []string{"b"}},              // the autosave was indexed too
		{"alpha nothinglikethis", []string{}}, // every word must be found
	} {
		res, err := s.ListPosts(ctx, ListOptions{Query: tt.query})
		if err != nil {
			t.Fatal(err)
		}
		got := []string{}
		for _, p := range res.Posts {
			got = append(got, p.Slug)
		}
		if fmt.Sprint(got) != fmt.Sprint(tt.want) || res.Total != len(tt.want) {
			t.Errorf("search %q: %v (total %d), want %v", tt.query, got, res.Total, tt.want)
		}
	}
	var layout string
	s.db.QueryRow(`SELECT substr(rows, 1, 1) FROM posts_fts_rows WHERE post_id = 3`).Scan(&layout)
	if layout != "P" {
		t.Errorf("the long post's index layout is %q, want pieces (P)", layout)
	}
	// Restored from the trash, a post is found again.
	if err := s.RestorePost(ctx, 4); err != nil {
		t.Fatal(err)
	}
	if res, err := s.ListPosts(ctx, ListOptions{Query: "alpha omega"}); err != nil || res.Total != 2 {
		t.Errorf("after restoring from the trash: %+v %v", res, err)
	}
}
