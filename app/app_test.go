package app

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"quire/backend/post"
	"quire/backend/store"
)

func mustOpen(t *testing.T) *store.Store {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "quire.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

type recorder struct {
	mu     sync.Mutex
	events []string
}

func (r *recorder) Emit(name string, data ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.events = append(r.events, name)
}

func TestStartCreatesWelcomePostOnce(t *testing.T) {
	st := mustOpen(t)
	s := NewSettings(st)
	first, err := s.Start()
	if err != nil {
		t.Fatal(err)
	}
	if first.Post == 0 {
		t.Fatal("no welcome post")
	}
	p, err := NewPosts(st).Open(first.Post)
	if err != nil {
		t.Fatal(err)
	}
	if p.Title != "Welcome to Quire" || !strings.Contains(p.Text, "## Headings") {
		t.Fatalf("welcome post: %+v", p)
	}
	// Deleting it does not bring it back.
	if err := NewPosts(st).Trash(first.Post); err != nil {
		t.Fatal(err)
	}
	again, err := s.Start()
	if err != nil {
		t.Fatal(err)
	}
	if again.Post != 0 {
		t.Fatalf("Start after trashing the only post = %d, want 0", again.Post)
	}
}

func TestStartReopensLastPostAndLayout(t *testing.T) {
	st := mustOpen(t)
	s := NewSettings(st)
	ps := NewPosts(st)
	a, _ := ps.Create("A")
	if _, err := ps.Create("B"); err != nil {
		t.Fatal(err)
	}
	if err := s.Set("last-post", itoa(a.ID)); err != nil {
		t.Fatal(err)
	}
	if err := s.Set("layout", `{"mode":"editor"}`); err != nil {
		t.Fatal(err)
	}
	got, err := s.Start()
	if err != nil {
		t.Fatal(err)
	}
	if got.Post != a.ID || got.Layout != `{"mode":"editor"}` {
		t.Fatalf("Start = %+v, want post %d and the layout", got, a.ID)
	}
	if err := s.Set("", "x"); !errors.Is(err, post.ErrInvalid) {
		t.Fatalf("Set with an empty key: %v", err)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func TestSave(t *testing.T) {
	tests := []struct {
		name     string
		text     string
		explicit bool
		wantErr  string
		check    func(t *testing.T, res SaveResult, p *post.Post)
	}{
		{"OK", "---\ntitle: Hello\ntags: [a, b]\n---\nBody text\n", false, "", func(t *testing.T, res SaveResult, p *post.Post) {
			if p.Title != "Hello" || p.Body != "Body text\n" || len(p.Tags) != 2 {
				t.Fatalf("stored %+v", p)
			}
		}},
		{"Explicit", "---\ntitle: Saved\n---\nx\n", true, "", func(t *testing.T, res SaveResult, p *post.Post) {
			if p.Title != "Saved" {
				t.Fatalf("stored %+v", p)
			}
		}},
		{"ErrInvalidFrontMatter", "---\ntitle: [unclosed\n---\nBody\n", false, "line", nil},
		{"ErrInvalidStatus", "---\nstatus: maybe\n---\nBody\n", false, "status", nil},
		{"ErrUnclosed", "---\ntitle: x\nBody\n", false, "never closed", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := mustOpen(t)
			ps := NewPosts(st)
			o, err := ps.Create("First")
			if err != nil {
				t.Fatal(err)
			}
			res, err := ps.Save(SaveRequest{ID: o.ID, Revision: o.Revision, Text: tt.text, Explicit: tt.explicit})
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("Save error = %v, want one mentioning %q", err, tt.wantErr)
				}
				// The saved version stays, the text is kept for recovery.
				again, err := ps.Open(o.ID)
				if err != nil {
					t.Fatal(err)
				}
				if again.Title != "First" || again.Recovery != tt.text {
					t.Fatalf("after a refused save: title %q recovery %q", again.Title, again.Recovery)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if res.Revision <= o.Revision || res.Conflict != nil {
				t.Fatalf("result %+v", res)
			}
			p, err := st.GetPost(context.Background(), o.ID)
			if err != nil {
				t.Fatal(err)
			}
			// A draft's slug follows its title.
			if p.Slug != res.Slug || p.Slug != post.Slugify(p.Title) {
				t.Fatalf("slug %q (result %q) for title %q", p.Slug, res.Slug, p.Title)
			}
			tt.check(t, res, p)
		})
	}
}

func TestSaveDraftSlugFollowsTitle(t *testing.T) {
	st := mustOpen(t)
	ps := NewPosts(st)
	o, _ := ps.Create("")
	// Text without a slug key (pasted in whole): the slug follows the new title.
	res, err := ps.Save(SaveRequest{ID: o.ID, Revision: o.Revision, Text: "---\ntitle: Pasted Post\n---\nx\n"})
	if err != nil || res.Slug != "pasted-post" {
		t.Fatalf("slug %q, %v", res.Slug, err)
	}
	// A slug set by hand stays.
	res, err = ps.Save(SaveRequest{ID: o.ID, Revision: res.Revision, Text: "---\ntitle: Pasted Post\nslug: mine\n---\nx\n"})
	if err != nil || res.Slug != "mine" {
		t.Fatalf("slug %q, %v", res.Slug, err)
	}
	res, err = ps.Save(SaveRequest{ID: o.ID, Revision: res.Revision, Text: "---\ntitle: Renamed\n---\nx\n"})
	if err != nil || res.Slug != "mine" {
		t.Fatalf("slug %q after a rename, want mine, %v", res.Slug, err)
	}
}

func TestSaveConflictKeepsBoth(t *testing.T) {
	st := mustOpen(t)
	ps := NewPosts(st)
	o, _ := ps.Create("Shared")
	mine := strings.Replace(o.Text, "title: Shared", "title: Mine", 1)
	theirs := strings.Replace(o.Text, "title: Shared", "title: Theirs", 1)
	if _, err := ps.Save(SaveRequest{ID: o.ID, Revision: o.Revision, Text: theirs, Explicit: true}); err != nil {
		t.Fatal(err)
	}
	res, err := ps.Save(SaveRequest{ID: o.ID, Revision: o.Revision, Text: mine})
	if err != nil {
		t.Fatal(err)
	}
	if res.Conflict == nil {
		t.Fatal("no conflict reported")
	}
	kept, err := ps.RevisionText(o.ID, res.Conflict.Saved)
	if err != nil {
		t.Fatal(err)
	}
	cur, _ := ps.Open(o.ID)
	if !strings.Contains(kept, "title: Mine") || cur.Title != "Theirs" {
		t.Fatalf("kept %q, current %q", kept, cur.Title)
	}
	// Keeping mine: save again based on the current revision.
	if _, err := ps.Save(SaveRequest{ID: o.ID, Revision: cur.Revision, Text: mine}); err != nil {
		t.Fatal(err)
	}
	if cur, _ = ps.Open(o.ID); cur.Title != "Mine" {
		t.Fatalf("title %q after keeping mine", cur.Title)
	}
}

func TestRevisionsAndRestore(t *testing.T) {
	st := mustOpen(t)
	ps := NewPosts(st)
	o, _ := ps.Create("One")
	text2 := strings.Replace(o.Text, "title: One", "title: Two", 1)
	r, err := ps.Save(SaveRequest{ID: o.ID, Revision: o.Revision, Text: text2, Explicit: true})
	if err != nil {
		t.Fatal(err)
	}
	revs, err := ps.Revisions(o.ID)
	if err != nil || len(revs) != 2 || !revs[0].Current || revs[0].Rev != r.Revision {
		t.Fatalf("revisions %+v, %v", revs, err)
	}
	back, err := ps.RestoreRevision(o.ID, o.Revision)
	if err != nil {
		t.Fatal(err)
	}
	if back.Title != "One" || back.Revision <= r.Revision {
		t.Fatalf("restored %+v", back)
	}
}

func TestTrashAndLibrary(t *testing.T) {
	st := mustOpen(t)
	ps := NewPosts(st)
	lib := NewLibrary(st)
	a, _ := ps.Create("Kubernetes in Austin")
	if _, err := ps.Save(SaveRequest{ID: a.ID, Revision: a.Revision, Text: "---\ntitle: Kubernetes in Austin\ncategories: [Events]\n---\nA conference about containers.\n"}); err != nil {
		t.Fatal(err)
	}
	b, _ := ps.Create("Other")
	res, err := lib.List(store.ListOptions{Query: "contain"})
	if err != nil || res.Total != 1 || res.Posts[0].ID != a.ID || !strings.Contains(res.Posts[0].Match, "<mark>") {
		t.Fatalf("search: %+v %v", res, err)
	}
	if err := ps.Trash(b.ID); err != nil {
		t.Fatal(err)
	}
	trash, _ := lib.Trash(store.ListOptions{})
	if trash.Total != 1 || trash.Posts[0].ID != b.ID {
		t.Fatalf("trash %+v", trash)
	}
	if err := ps.Restore(b.ID); err != nil {
		t.Fatal(err)
	}
	all, _ := lib.List(store.ListOptions{})
	if all.Total != 2 {
		t.Fatalf("after restore %d posts", all.Total)
	}
	c, err := lib.Counts()
	if err != nil || len(c.Categories) != 1 || c.Categories[0].Name != "Events" {
		t.Fatalf("counts %+v %v", c, err)
	}
	dup, err := ps.Duplicate(a.ID)
	if err != nil || dup.ID == a.ID || dup.Title != "Kubernetes in Austin (copy)" || dup.Slug == a.Slug {
		t.Fatalf("duplicate %+v %v", dup, err)
	}
}

func TestEditField(t *testing.T) {
	st := mustOpen(t)
	ps := NewPosts(st)
	other, _ := ps.Create("Taken")
	self, _ := ps.Create("Mine")
	head := "---\ntitle: Mine\nslug: mine\nstatus: draft\nweird: 1\n---\n"
	tests := []struct {
		name    string
		edit    FieldEdit
		want    []string
		wantErr string
	}{
		{"Title", FieldEdit{Field: "title", Value: "New title"}, []string{"title: New title", "slug: mine"}, ""},
		{"TitleFollowedBySlug", FieldEdit{Field: "title", Value: "Crème brûlée", FollowTitle: true}, []string{"slug: creme-brulee"}, ""},
		{"TitleFollowedBySlugTaken", FieldEdit{Field: "title", Value: "Taken", FollowTitle: true}, []string{"slug: taken-2"}, ""},
		{"Status", FieldEdit{Field: "status", Value: "published"}, []string{"status: published"}, ""},
		{"Date", FieldEdit{Field: "date", Value: "2017-12-06T09:30"}, []string{"date: 2017-12-06T09:30:00"}, ""},
		{"Tags", FieldEdit{Field: "tags", List: []string{"go", " Go ", "", "sqlite"}}, []string{"tags: [go, sqlite]"}, ""},
		{"Extra", FieldEdit{Field: "extra", Key: "weird", Value: "[1, 2]"}, []string{"weird: [1, 2]"}, ""},
		{"ExtraRename", FieldEdit{Field: "extra", Key: "odd", OldKey: "weird", Value: "yes"}, []string{"odd: yes"}, ""},
		{"ExtraRemove", FieldEdit{Field: "extra-remove", Key: "weird"}, []string{"title: Mine"}, ""},
		{"ErrInvalidDate", FieldEdit{Field: "date", Value: "next tuesday"}, nil, "not a date"},
		{"ErrInvalidStatus", FieldEdit{Field: "status", Value: "gone"}, nil, "not one of"},
		{"ErrSlugTaken", FieldEdit{Field: "slug", Value: other.Slug}, nil, "already the slug"},
		{"ErrSlugBad", FieldEdit{Field: "slug", Value: "a/b"}, nil, "slash"},
		{"ErrExtraKnownKey", FieldEdit{Field: "extra", Key: "title", Value: "x"}, nil, "own field"},
		{"ErrExtraYAML", FieldEdit{Field: "extra", Key: "k", Value: "[1, 2"}, nil, "not valid YAML"},
		{"ErrUnknownField", FieldEdit{Field: "colour", Value: "red"}, nil, "unknown field"},
		{"ErrAliasNotAField", FieldEdit{Field: "draft", Value: "true"}, nil, "unknown field"},
		{"ErrNotInPanel", FieldEdit{Field: "updated", Value: "2017-12-06"}, nil, "unknown field"},
		{"ErrLayoutTwoLines", FieldEdit{Field: "layout", Value: "post\npage"}, nil, "one line"},
		{"Summary", FieldEdit{Field: "summary", Value: "Two\nlines"}, []string{"summary: |-\n  Two\n  lines"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.edit.PostID = self.ID
			got, err := ps.EditField(head, tt.edit)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("%q lacks %q", got, w)
				}
			}
			if tt.name == "ExtraRemove" && strings.Contains(got, "weird") {
				t.Errorf("%q still has weird", got)
			}
			if _, err := ps.Fields(got, 0); err != nil {
				t.Errorf("result does not parse: %v", err)
			}
		})
	}
}

func TestFields(t *testing.T) {
	ps := NewPosts(mustOpen(t))
	f, err := ps.Fields("---\ntitle: T\ndate: 2017-12-06\ncategories: Events, Travel\nlayout: post\nhero: {image: a.png}\n---\n", 0)
	if err != nil {
		t.Fatal(err)
	}
	if f.Values["title"] != "T" || f.Values["date"] != "2017-12-06T00:00" || len(f.Values["categories"].([]string)) != 2 ||
		f.Values["status"] != string(post.StatusPublished) || len(f.Warnings) != 1 {
		t.Fatalf("fields %+v", f)
	}
	if len(f.Extra) != 1 || f.Extra[0].Key != "hero" || !strings.Contains(f.Extra[0].Value, "a.png") {
		t.Fatalf("extra %+v", f.Extra)
	}
	empty, err := ps.Fields("", 0)
	if err != nil || empty.Values["title"] != "" || empty.Values["status"] != string(post.StatusDraft) {
		t.Fatalf("no front matter: %+v %v", empty, err)
	}
}

func TestCloseAsksTheWindowToSaveFirst(t *testing.T) {
	rec := &recorder{}
	w := NewWindow(rec, time.Now())
	quits := 0
	w.quit = func() { quits++ }
	if !w.beforeClose(context.Background()) {
		t.Fatal("the first close was not held back")
	}
	if len(rec.events) != 1 || rec.events[0] != EventCloseRequested {
		t.Fatalf("events %v", rec.events)
	}
	w.Quit()
	if quits != 1 || w.beforeClose(context.Background()) {
		t.Fatalf("after Quit: quits %d, close still prevented", quits)
	}
}

func TestRecovery(t *testing.T) {
	st := mustOpen(t)
	ps := NewPosts(st)
	o, _ := ps.Create("R")
	if err := ps.KeepRecovery(o.ID, o.Text+"typed\n"); err != nil {
		t.Fatal(err)
	}
	again, _ := ps.Open(o.ID)
	if again.Recovery != o.Text+"typed\n" {
		t.Fatalf("recovery %q", again.Recovery)
	}
	if _, err := ps.Save(SaveRequest{ID: o.ID, Revision: o.Revision, Text: again.Recovery}); err != nil {
		t.Fatal(err)
	}
	if again, _ = ps.Open(o.ID); again.Recovery != "" {
		t.Fatal("recovery not cleared by a good save")
	}
}

func TestImportFolder(t *testing.T) {
	st := mustOpen(t)
	lib := NewLibrary(st)
	dir := t.TempDir()
	write := func(name, text string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("good.md", "---\ntitle: Good one\ndate: 2017-12-06\n---\nBody\n")
	write("bad.md", "---\ntitle: [broken\n---\nBody\n")
	write("notes.txt", "not markdown")
	rep, err := lib.Import([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Imported != 1 || rep.Failed != 1 || rep.FirstPost == 0 || len(rep.Errors) != 1 || !strings.Contains(rep.Errors[0], "bad.md") {
		t.Fatalf("report %+v", rep)
	}
	again, err := lib.Import([]string{dir})
	if err != nil || again.Unchanged != 1 || again.Imported != 0 {
		t.Fatalf("second import %+v %v", again, err)
	}
	if _, err := lib.Import([]string{"relative/path"}); !errors.Is(err, post.ErrInvalid) {
		t.Fatalf("relative path: %v", err)
	}
}
