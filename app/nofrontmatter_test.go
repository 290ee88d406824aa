package app

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"quire/backend/importer"
)

// TestOpenNoteWithoutFrontMatter is a Typora or Obsidian note, Markdown
// alone, in Quire's editor: the editor's text is the file's (no slug or
// status Quire derived), a save of an edited body keeps it without a block,
// and a title set in the Post settings panel adds a block with that key
// alone.
func TestOpenNoteWithoutFrontMatter(t *testing.T) {
	st := mustOpen(t)
	ps := NewPosts(st)
	const note = "# Groceries\n\nMilk, eggs.\n"
	path := filepath.Join(t.TempDir(), "notes", "groceries.md")
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(note), 0o644); err != nil {
		t.Fatal(err)
	}
	if rep, err := importer.Import(context.Background(), st, []string{path}); err != nil || rep.Failed() {
		t.Fatalf("import: %v %s", err, rep.Summary())
	}
	p, err := st.GetPostBySource(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	if p.Title != "Groceries" || p.Slug != "groceries" {
		t.Errorf("derived title %q slug %q, want Groceries groceries", p.Title, p.Slug)
	}
	open, err := ps.Open(p.ID)
	if err != nil {
		t.Fatal(err)
	}
	if open.Text != note {
		t.Errorf("the editor shows\n%q\nwant the file\n%q", open.Text, note)
	}

	// An edit of the body: still no block, and what was derived holds.
	edited := note + "Bread.\n"
	res, err := ps.Save(SaveRequest{ID: p.ID, Revision: open.Revision, Text: edited, Explicit: true})
	if err != nil || res.Conflict != nil {
		t.Fatalf("save: %v %+v", err, res.Conflict)
	}
	open, err = ps.Open(p.ID)
	if err != nil {
		t.Fatal(err)
	}
	if open.Text != edited {
		t.Errorf("after a body edit the editor shows\n%q\nwant\n%q", open.Text, edited)
	}
	if open.Slug != p.Slug || open.Title != "Groceries" || open.Status != p.EffectiveStatus(ps.now()) {
		t.Errorf("after a body edit: slug %q title %q status %s, want %q Groceries %s", open.Slug, open.Title, open.Status, p.Slug, p.EffectiveStatus(ps.now()))
	}

	// The panel sets a title: a block with title alone.
	head, err := ps.EditField("", FieldEdit{PostID: p.ID, Field: "title", Value: "Shopping"})
	if err != nil {
		t.Fatal(err)
	}
	if want := "---\ntitle: Shopping\n---\n"; head != want {
		t.Errorf("the panel's title gives the block\n%q\nwant\n%q", head, want)
	}
	res, err = ps.Save(SaveRequest{ID: p.ID, Revision: res.Revision, Text: head + edited, Explicit: true})
	if err != nil || res.Conflict != nil {
		t.Fatalf("save: %v %+v", err, res.Conflict)
	}
	open, err = ps.Open(p.ID)
	if err != nil {
		t.Fatal(err)
	}
	if open.Text != head+edited || open.Title != "Shopping" || open.Slug != p.Slug {
		t.Errorf("after the title: %q %q\n%q", open.Title, open.Slug, open.Text)
	}
}
