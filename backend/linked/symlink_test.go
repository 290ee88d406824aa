package linked_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"quire/backend/linked"
	"quire/backend/post"
	"quire/backend/store"
)

func isLink(path string) bool {
	fi, err := os.Lstat(path)
	return err == nil && fi.Mode()&os.ModeSymlink != 0
}

// TestSymlinkedFileRefused: a linked folder's Markdown file that is a
// symbolic link is never replaced by a plain file. A folder holding one is
// refused at link time with the reason; one that comes later is left out
// with an error event, and a write-back to it is refused.
func TestSymlinkedFileRefused(t *testing.T) {
	ctx := context.Background()
	root := t.TempDir()
	elsewhere := filepath.Join(root, "elsewhere")
	write(t, filepath.Join(elsewhere, "victim.md"), head+"the target\n")
	write(t, filepath.Join(elsewhere, "later.md"), head+"later target\n")

	// At link time.
	st := mustOpen(t)
	dir := filepath.Join(root, "linked")
	write(t, filepath.Join(dir, "own.md"), head+"own\n")
	if err := os.Symlink(filepath.Join(elsewhere, "victim.md"), filepath.Join(dir, "victim.md")); err != nil {
		t.Fatal(err)
	}
	s, err := linked.New(st, linked.Options{PollInterval: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	_, err = s.Link(ctx, dir)
	if !errors.Is(err, post.ErrInvalid) || !strings.Contains(err.Error(), "victim.md is a symbolic link") {
		t.Fatalf("link: %v, want a refusal naming victim.md", err)
	}
	if links, _ := st.Links(ctx); len(links) != 0 {
		t.Errorf("the folder was linked: %v", links)
	}

	// After: a synced file replaced by a link, edited in Quire.
	os.Remove(filepath.Join(dir, "victim.md"))
	s2, log := started(t, st, dir)
	own := filepath.Join(dir, "own.md")
	p, err := st.GetPostBySource(ctx, own)
	if err != nil {
		t.Fatal(err)
	}
	os.Remove(own)
	if err := os.Symlink(filepath.Join(elsewhere, "later.md"), own); err != nil {
		t.Fatal(err)
	}
	e := log.wait(t, linked.EventError, own)
	if !strings.Contains(e.Error, "symbolic link") {
		t.Errorf("event: %v", e)
	}
	p, _ = st.GetPost(ctx, p.ID)
	p.Body = "edited in Quire\n"
	if err := st.SavePost(ctx, p, store.KindSave); err != nil {
		t.Fatal(err)
	}
	if err := s2.WritePost(ctx, p.ID); err != nil {
		t.Fatal(err)
	}
	if !isLink(own) {
		t.Errorf("the link was replaced by a plain file")
	}
	if b, _ := os.ReadFile(filepath.Join(elsewhere, "later.md")); !strings.Contains(string(b), "later target") {
		t.Errorf("the link's target was changed:\n%s", b)
	}
	if _, err := st.GetPostBySource(ctx, filepath.Join(elsewhere, "later.md")); err == nil {
		t.Errorf("the target became a post")
	}
}
