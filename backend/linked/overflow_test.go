package linked

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"quire/backend/store"
)

// When the kernel's event queue overflows, events are lost: the next batch
// compares every linked folder again, so edits, deletes and new files made
// meanwhile are all taken in.
func TestOverflowRescan(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(filepath.Join(t.TempDir(), "quire.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	dir := t.TempDir()
	put := func(name, body string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("---\ntitle: T\n---\n"+body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	put("a.md", "a")
	put("b.md", "b")
	s, err := New(st, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Link(ctx, dir); err != nil {
		t.Fatal(err)
	}
	// Changes whose events were lost.
	put("a.md", "a, edited with a longer body")
	os.Remove(filepath.Join(dir, "b.md"))
	put("c.md", "c")

	// As the batcher hands it over after fsnotify.ErrEventOverflow.
	s.batch(ctx, fileBatch{overflow: true})

	a, err := st.GetPostBySource(ctx, filepath.Join(dir, "a.md"))
	if err != nil || a.Body != "a, edited with a longer body" {
		t.Errorf("a.md: %+v %v", a, err)
	}
	b, err := st.GetPostBySource(ctx, filepath.Join(dir, "b.md"))
	if err != nil {
		t.Fatal(err)
	}
	if tr, _ := st.IsTrashed(ctx, b.ID); !tr {
		t.Error("b.md's post is not in the trash")
	}
	if _, err := st.GetPostBySource(ctx, filepath.Join(dir, "c.md")); err != nil {
		t.Errorf("c.md: %v", err)
	}
	var sawRescan bool
	for len(s.events) > 0 {
		if e := <-s.events; e.Kind == EventRescan {
			sawRescan = true
		}
	}
	if !sawRescan {
		t.Error("no rescan event")
	}
}
