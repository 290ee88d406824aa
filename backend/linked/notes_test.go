package linked_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"quire/backend/linked"
	"quire/backend/store"
	"quire/internal/gittest"
)

// notes is a folder of Obsidian or Typora notes: Markdown alone, without
// front matter.
var notes = map[string]string{
	"groceries.md":          "# Groceries\n\nMilk, eggs.\n",
	"journal/2024-05-01.md": "Rain all day.\n",
	"plain note.md":         "No heading, Windows line ends.\r\nSecond line.\r\n",
}

// TestNotesWithoutFrontMatterStayAsWritten links a folder of notes kept
// in git: the link writes nothing, the editor's text is each file's, a body
// edit written back changes that line alone and its undo gives the file
// back; a title the writer sets adds a block with title alone.
func TestNotesWithoutFrontMatterStayAsWritten(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	for rel, s := range notes {
		write(t, filepath.Join(dir, filepath.FromSlash(rel)), s)
	}
	gittest.InitCommit(t, dir, "notes")

	st := mustOpen(t)
	s, err := linked.New(st, linked.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	if _, err := s.Link(ctx, dir); err != nil {
		t.Fatal(err)
	}
	gitClean(t, dir, "after the link")
	for rel, src := range notes {
		t.Run(strings.ReplaceAll(rel, "/", "_"), func(t *testing.T) {
			path := filepath.Join(dir, filepath.FromSlash(rel))
			p, err := st.GetPostBySource(ctx, path)
			if err != nil {
				t.Fatal(err)
			}
			if text, err := p.MarshalEditable(); err != nil || string(text) != src {
				t.Errorf("the editor shows (%v)\n%q\nwant the file\n%q", err, text, src)
			}
			slug, title := p.Slug, p.Title

			// A body edit written back adds its line alone.
			p.Body += "Added.\n"
			if err := st.SavePost(ctx, p, store.KindSave); err != nil {
				t.Fatal(err)
			}
			if err := s.WritePost(ctx, p.ID); err != nil {
				t.Fatal(err)
			}
			if b, err := os.ReadFile(path); err != nil || string(b) != src+"Added.\n" {
				t.Errorf("after a body edit the file holds (%v)\n%q\nwant\n%q", err, b, src+"Added.\n")
			}

			// Its undo gives the file back.
			if _, err := st.RestoreRevision(ctx, p.ID, 1); err != nil {
				t.Fatal(err)
			}
			if err := s.WritePost(ctx, p.ID); err != nil {
				t.Fatal(err)
			}
			if out := gittest.Run(t, dir, "diff", "--no-color", "--", rel); out != "" {
				t.Errorf("after the edit and its undo git diff says\n%s", out)
			}
			back, err := st.GetPost(ctx, p.ID)
			if err != nil {
				t.Fatal(err)
			}
			if back.Slug != slug || back.Title != title {
				t.Errorf("after the undo: %q %q, want %q %q", back.Slug, back.Title, slug, title)
			}

			// A title the writer sets: a block with that key alone.
			back.Title = "Set by the writer"
			if err := st.SavePost(ctx, back, store.KindSave); err != nil {
				t.Fatal(err)
			}
			if err := s.WritePost(ctx, back.ID); err != nil {
				t.Fatal(err)
			}
			want := "---\ntitle: Set by the writer\n---\n" + src
			if b, err := os.ReadFile(path); err != nil || string(b) != want {
				t.Errorf("after a title the file holds (%v)\n%q\nwant\n%q", err, b, want)
			}
			if _, err := st.RestoreRevision(ctx, p.ID, 1); err != nil {
				t.Fatal(err)
			}
			if err := s.WritePost(ctx, p.ID); err != nil {
				t.Fatal(err)
			}
		})
	}
	gitClean(t, dir, "after every undo")

	// A second link of the folder (another machine) writes nothing.
	if err := s.Unlink(ctx, dir); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Link(ctx, dir); err != nil {
		t.Fatal(err)
	}
	gitClean(t, dir, "after a second link")
}
