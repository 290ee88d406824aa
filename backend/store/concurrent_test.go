package store

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sync"
	"testing"

	"quire/backend/post"
)

// The window and a command line (two Stores on one file) save the same post:
// writers wait for each other instead of failing with "database is locked",
// and every save is either stored or refused as a conflict with its text kept.
func TestTwoStoresOneFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "quire.db")
	a, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	ctx := context.Background()
	p := &post.Post{Title: "Shared", Body: "start"}
	if err := a.CreatePost(ctx, p); err != nil {
		t.Fatal(err)
	}

	var wg sync.WaitGroup
	var mu sync.Mutex
	saved, conflicts := 0, 0
	for w, s := range []*Store{a, b, a, b} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 25; i++ {
				cur, err := s.GetPost(ctx, p.ID)
				if err != nil {
					t.Error(err)
					return
				}
				cur.Body = fmt.Sprintf("writer %d save %d", w, i)
				err = s.SavePost(ctx, cur, KindSave)
				mu.Lock()
				switch {
				case err == nil:
					saved++
				case errors.Is(err, post.ErrConflict):
					conflicts++
				default:
					t.Errorf("writer %d: %v", w, err)
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	revs, err := a.Revisions(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	var kept, conflictRevs int
	for _, r := range revs {
		switch r.Kind {
		case KindSave:
			kept++
		case KindConflict:
			conflictRevs++
		}
	}
	if saved+conflicts != 100 || kept != saved || conflictRevs != conflicts {
		t.Errorf("%d saved, %d conflicts; revisions: %d saves, %d conflicts", saved, conflicts, kept, conflictRevs)
	}
	if problems, err := b.IntegrityCheck(ctx); err != nil || problems != nil {
		t.Errorf("integrity: %v %v", problems, err)
	}
}
