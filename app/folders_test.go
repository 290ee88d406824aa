package app

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// eventually polls cond until it holds or the deadline passes.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// A linked folder through the app's services: its file becomes a post, a
// save in the window goes back to the file, an edit in another editor comes
// into the post.
func TestFoldersKeepALinkedFileInStep(t *testing.T) {
	st := mustOpen(t)
	dir := t.TempDir()
	file := filepath.Join(dir, "2018-01-05-austin.md")
	if err := os.WriteFile(file, []byte("---\ntitle: Austin\ndate: 2018-01-05\n---\n\nFirst words.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	ev := &recorder{}
	s := NewServices(st, time.Now())
	s.Folders.events = ev
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	s.Folders.start(ctx)
	defer s.Folders.close()

	stats, err := s.Folders.Link(dir)
	if err != nil {
		t.Fatal(err)
	}
	if stats.Created != 1 {
		t.Fatalf("Link made %d posts, want 1 (%+v)", stats.Created, stats)
	}
	links, err := s.Folders.List()
	if err != nil || len(links) != 1 {
		t.Fatalf("List() = %v, %v; want the one folder", links, err)
	}
	p, err := st.GetPostBySlug(ctx, "austin")
	if err != nil {
		t.Fatal(err)
	}

	// A save in the window is written back to the file.
	open, err := s.Posts.Open(p.ID)
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Replace(open.Text, "First words.", "Edited in Quire.", 1)
	if _, err := s.Posts.Save(SaveRequest{ID: p.ID, Revision: open.Revision, Text: text, Explicit: true}); err != nil {
		t.Fatal(err)
	}
	eventually(t, "the file to get the edit", func() bool {
		b, _ := os.ReadFile(file)
		return strings.Contains(string(b), "Edited in Quire.")
	})

	// An edit in another editor reaches the post.
	b, _ := os.ReadFile(file)
	if err := os.WriteFile(file, []byte(strings.Replace(string(b), "Edited in Quire.", "Edited elsewhere.", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	eventually(t, "the post to get the outside edit", func() bool {
		p, err := st.GetPost(ctx, p.ID)
		return err == nil && strings.Contains(p.Body, "Edited elsewhere.")
	})
	eventually(t, "a sync event for the window", func() bool {
		ev.mu.Lock()
		defer ev.mu.Unlock()
		for _, e := range ev.events {
			if e == EventSync {
				return true
			}
		}
		return false
	})
}

func TestFoldersLinkRefusesNoFolder(t *testing.T) {
	s := NewServices(mustOpen(t), time.Now())
	s.Folders.events = &recorder{}
	s.Folders.start(context.Background())
	defer s.Folders.close()
	if _, err := s.Folders.Link("  "); err == nil {
		t.Fatal("Link with no folder succeeded")
	}
}
