package app

import (
	"os"
	"path/filepath"
	"testing"

	"quire/backend/post"
)

// TestFieldsShowDerivedStatus: a dated post in Jekyll's _drafts folder is a
// draft by its place, though its text alone reads as published; the panel
// shows it as the library does, a draft, and a change of another field
// leaves it one.
func TestFieldsShowDerivedStatus(t *testing.T) {
	st := mustOpen(t)
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "_drafts"), 0o755); err != nil {
		t.Fatal(err)
	}
	src := "---\ntitle: Dated draft\ndate: 2017-12-06\n---\nText.\n"
	if err := os.WriteFile(filepath.Join(dir, "_drafts", "dated-draft.md"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	r, err := NewLibrary(st).Import([]string{dir})
	if err != nil || r.Imported != 1 {
		t.Fatalf("import %+v %v", r, err)
	}
	ps := NewPosts(st)
	o, err := ps.Open(r.FirstPost)
	if err != nil {
		t.Fatal(err)
	}
	if o.Status != post.StatusDraft {
		t.Fatalf("the import made it %s, want draft", o.Status)
	}
	head := "---\ntitle: Dated draft\ndate: 2017-12-06\n---\n"
	f, err := ps.Fields(head, o.ID)
	if err != nil {
		t.Fatal(err)
	}
	if f.Values["status"] != string(post.StatusDraft) {
		t.Errorf("the panel shows %s, want draft (from _drafts/)", f.Values["status"])
	}
	// The panel follows the title with the slug, but the text names no
	// slug (its file's name gives it): none is written.
	out, err := ps.EditField(head, FieldEdit{Field: "title", Value: "Renamed", PostID: o.ID, FollowTitle: true})
	if err != nil {
		t.Fatal(err)
	}
	if want := "---\ntitle: Renamed\ndate: 2017-12-06\n---\n"; out != want {
		t.Errorf("title edit gives %q, want %q", out, want)
	}
	// Publishing it from the panel says so in the text, which alone would
	// not (the place says draft).
	out, err = ps.EditField(head, FieldEdit{Field: "status", Value: "published", PostID: o.ID})
	if err != nil {
		t.Fatal(err)
	}
	if want := "---\ntitle: Dated draft\ndate: 2017-12-06\nstatus: published\n---\n"; out != want {
		t.Errorf("publish gives %q, want %q", out, want)
	}
	// Without a post (a head the panel shows before any is open) the text alone decides.
	if f, err := ps.Fields(head, 0); err != nil || f.Values["status"] != string(post.StatusPublished) {
		t.Errorf("no post: %s %v, want published", f.Values["status"], err)
	}
}

// TestEditFieldNoFrontMatter: a post without front matter that is given a
// field gets a block with that key alone, not every field Quire knows
// (a status, a slug) written out.
func TestEditFieldNoFrontMatter(t *testing.T) {
	ps := NewPosts(mustOpen(t))
	tests := []struct {
		name string
		edit FieldEdit
		want string
	}{
		{"Title", FieldEdit{Field: "title", Value: "Hello"}, "---\ntitle: Hello\n---\n"},
		{"TitleFollowedBySlug", FieldEdit{Field: "title", Value: "Hello", FollowTitle: true}, "---\ntitle: Hello\n---\n"},
		{"Tags", FieldEdit{Field: "tags", List: []string{"go"}}, "---\ntags: [go]\n---\n"},
		{"Extra", FieldEdit{Field: "extra", Key: "hero", Value: "a.png"}, "---\nhero: a.png\n---\n"},
		{"StatusDraftUnchanged", FieldEdit{Field: "status", Value: "draft"}, ""},
		{"StatusPublished", FieldEdit{Field: "status", Value: "published"}, "---\nstatus: published\n---\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ps.EditField("", tt.edit)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}
