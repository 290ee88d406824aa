package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"quire/backend/post"
)

// TestSaveDetectsChange checks the comparison a save makes with the current
// revision (in SQL, sizes first): every change of the file is a new
// revision, and only an identical file is none.
func TestSaveDetectsChange(t *testing.T) {
	s, _ := MustOpen(t)
	ctx := context.Background()
	base := strings.Repeat("fifty kilobytes of words ", 2048)
	tests := []struct {
		name   string
		edit   func(p *post.Post)
		newRev bool
	}{
		{"Identical", func(p *post.Post) {}, false},
		{"SameSizeLastByte", func(p *post.Post) { p.Body = p.Body[:len(p.Body)-1] + "!" }, true},
		{"SameSizeFirstByte", func(p *post.Post) { p.Body = "F" + p.Body[1:] }, true},
		{"SameSizeMiddle", func(p *post.Post) { p.Body = p.Body[:25000] + "12345678" + p.Body[25008:] }, true},
		{"Longer", func(p *post.Post) { p.Body += "x" }, true},
		{"Shorter", func(p *post.Post) { p.Body = p.Body[:len(p.Body)-1] }, true},
		{"SameSizeTitle", func(p *post.Post) { p.Title = "Fifty kilobytez" }, true},
		{"Slug", func(p *post.Post) { p.Slug = "fifty-" + p.Slug }, true},
		{"SameSizeTag", func(p *post.Post) { p.Tags = []string{"b"} }, true},
		{"Category", func(p *post.Post) { p.Categories = []string{"notes"} }, true},
		{"Status", func(p *post.Post) { p.Status = post.StatusPublished }, true},
		{"Date", func(p *post.Post) { p.Date = p.Date.Add(time.Hour) }, true},
		{"DateCleared", func(p *post.Post) { p.Date = time.Time{} }, true},
		{"Summary", func(p *post.Post) { p.Summary = "In short." }, true},
		{"Layout", func(p *post.Post) { p.Layout = "wide" }, true},
		{"Extra", func(p *post.Post) { p.Extra = post.Map{{Key: "author", Value: "Ann"}} }, true},
		{"SourceOnly", func(p *post.Post) { p.Source = "/tmp/fifty.md" }, true},
		{"SourceRemoved", func(p *post.Post) { p.Source = "" }, true},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := MustCreate(t, s, &post.Post{Title: "Fifty kilobytes", Body: base, Tags: []string{"a"},
				Date: time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC), Source: fmt.Sprintf("/tmp/%d.md", i)})
			tt.edit(p)
			want := p.Clone()
			if err := s.SavePost(ctx, p, KindSave); err != nil {
				t.Fatal(err)
			}
			if got := p.Revision != 1; got != tt.newRev {
				t.Fatalf("new revision = %v (revision %d), want %v", got, p.Revision, tt.newRev)
			}
			got, err := s.GetPost(ctx, p.ID)
			if err != nil {
				t.Fatal(err)
			}
			a, _ := got.MarshalEditable()
			b, _ := want.MarshalEditable()
			if string(a) != string(b) || got.Source != want.Source {
				t.Error("the stored post is not the saved one")
			}
			var dateUnix sql.NullInt64
			var excerpt string
			s.db.QueryRow(`SELECT date_unix, excerpt FROM posts WHERE id = ?`, p.ID).Scan(&dateUnix, &excerpt)
			if dateUnix.Valid != !want.Date.IsZero() || (dateUnix.Valid && dateUnix.Int64 != want.Date.Unix()) {
				t.Errorf("date_unix = %v, want the date %v", dateUnix, want.Date)
			}
			if wantCols, _ := postColumns(want); excerpt != wantCols.excerpt {
				t.Errorf("excerpt = %q, want %q", excerpt, wantCols.excerpt)
			}
			r, err := s.Revision(ctx, p.ID, p.Revision)
			if err != nil {
				t.Fatal(err)
			}
			c, _ := r.Post.MarshalEditable()
			if string(c) != string(b) || r.Size != len(b) || !r.Current {
				t.Errorf("current revision %d (%d bytes, current %v) is not the saved file (%d bytes)", r.Rev, r.Size, r.Current, len(b))
			}
		})
	}
}

// TestSaveNumbersAfterConflict checks that a save's revision number follows
// the newest revision of the post, a conflict revision included, not the
// current one.
func TestSaveNumbersAfterConflict(t *testing.T) {
	s, _ := MustOpen(t)
	ctx := context.Background()
	p := MustCreate(t, s, &post.Post{Title: "Numbers", Body: "one"})
	stale := p.Clone()
	p.Body = "two"
	if err := s.SavePost(ctx, p, KindSave); err != nil {
		t.Fatal(err)
	}
	stale.Body = "refused"
	if err := s.SavePost(ctx, stale, KindSave); err == nil {
		t.Fatal("stale save accepted")
	}
	p.Body = "three"
	if err := s.SavePost(ctx, p, KindSave); err != nil {
		t.Fatal(err)
	}
	if p.Revision != 4 {
		t.Errorf("revision = %d, want 4 (after the conflict revision 3)", p.Revision)
	}
	if got := kinds(t, s, p.ID); got != "save,conflict,save,create" {
		t.Errorf("kinds = %s", got)
	}
}

// TestSaveTerms checks that categories and tags follow every save, rewritten
// only when they change.
func TestSaveTerms(t *testing.T) {
	s, _ := MustOpen(t)
	ctx := context.Background()
	p := MustCreate(t, s, &post.Post{Title: "Terms", Body: "v1", Tags: []string{"go", "sqlite"}, Categories: []string{"code"}})
	terms := func() string {
		t.Helper()
		rows, err := s.db.Query(`SELECT kind || ':' || term FROM post_terms WHERE post_id = ? ORDER BY 1`, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var out []string
		for rows.Next() {
			var x string
			rows.Scan(&x)
			out = append(out, x)
		}
		return strings.Join(out, ",")
	}
	steps := []struct {
		name string
		edit func(p *post.Post)
		want string
	}{
		{"BodyOnly", func(p *post.Post) { p.Body = "v2" }, "category:code,tag:go,tag:sqlite"},
		{"TagAdded", func(p *post.Post) { p.Tags = append(p.Tags, "wal") }, "category:code,tag:go,tag:sqlite,tag:wal"},
		{"TagsReordered", func(p *post.Post) { p.Tags = []string{"wal", "go", "sqlite"} }, "category:code,tag:go,tag:sqlite,tag:wal"},
		{"CategoryChanged", func(p *post.Post) { p.Categories = []string{"notes"} }, "category:notes,tag:go,tag:sqlite,tag:wal"},
		{"AllRemoved", func(p *post.Post) { p.Tags, p.Categories = nil, nil }, ""},
		{"BodyOnlyAgain", func(p *post.Post) { p.Body = "v3" }, ""},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			st.edit(p)
			if err := s.SavePost(ctx, p, KindSave); err != nil {
				t.Fatal(err)
			}
			if got := terms(); got != st.want {
				t.Errorf("terms = %q, want %q", got, st.want)
			}
		})
	}
}

// TestSaveWithoutSlug checks that a copy without a slug keeps the stored one,
// in the post and in its revision's file.
func TestSaveWithoutSlug(t *testing.T) {
	s, _ := MustOpen(t)
	ctx := context.Background()
	p := MustCreate(t, s, &post.Post{Title: "Keep my slug", Slug: "kept", Body: "v1"})
	c := p.Clone()
	c.Slug, c.Body = "", "v2"
	if err := s.SavePost(ctx, c, KindSave); err != nil {
		t.Fatal(err)
	}
	if c.Slug != "kept" || c.Revision != 2 {
		t.Errorf("slug %q revision %d, want kept 2", c.Slug, c.Revision)
	}
	r, err := s.Revision(ctx, p.ID, 2)
	if err != nil {
		t.Fatal(err)
	}
	if r.Post.Slug != "kept" || r.Post.Body != "v2" {
		t.Errorf("revision 2: slug %q body %q", r.Post.Slug, r.Post.Body)
	}
	// The same text without a slug is no change.
	c2 := c.Clone()
	c2.Slug = ""
	if err := s.SavePost(ctx, c2, KindSave); err != nil || c2.Revision != 2 {
		t.Errorf("unchanged save without a slug: revision %d, %v", c2.Revision, err)
	}
	missing := &post.Post{ID: 999, Title: "Gone", Status: post.StatusDraft, Revision: 1}
	if err := s.SavePost(ctx, missing, KindSave); !errors.Is(err, post.ErrNotFound) {
		t.Errorf("save of a missing post without a slug: %v", err)
	}
}
