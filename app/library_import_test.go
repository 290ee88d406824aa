package app

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
)

// emitFunc is an Emitter made of a function.
type emitFunc func(name string, data ...any)

func (f emitFunc) Emit(name string, data ...any) { f(name, data...) }

func writePosts(t *testing.T, n int) string {
	t.Helper()
	dir := t.TempDir()
	for i := 0; i < n; i++ {
		body := fmt.Sprintf("---\ntitle: Post %d\ndate: 2020-01-02\n---\n\nText %d.\n", i, i)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("post-%04d.md", i)), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestImportReportsProgress(t *testing.T) {
	l := NewLibrary(mustOpen(t))
	var mu sync.Mutex
	var got []ImportProgress
	l.events = emitFunc(func(name string, data ...any) {
		mu.Lock()
		defer mu.Unlock()
		if name == EventImportProgress {
			got = append(got, data[0].(ImportProgress))
		}
	})
	r, err := l.Import([]string{writePosts(t, 30)})
	if err != nil {
		t.Fatal(err)
	}
	if r.Imported != 30 || r.Cancelled {
		t.Fatalf("report %+v, want 30 imported", r)
	}
	if len(got) == 0 || got[len(got)-1] != (ImportProgress{Done: 30, Total: 30}) {
		t.Fatalf("progress %v, want it to end at 30 of 30", got)
	}
}

func TestCancelImportKeepsWhatWasStored(t *testing.T) {
	l := NewLibrary(mustOpen(t))
	// The writer presses Cancel as soon as the first progress shows.
	var once sync.Once
	l.events = emitFunc(func(name string, data ...any) {
		if name == EventImportProgress {
			once.Do(l.CancelImport)
		}
	})
	dir := writePosts(t, 1200)
	r, err := l.Import([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	if !r.Cancelled {
		t.Fatalf("report %+v, want cancelled", r)
	}
	if r.Imported >= 1200 {
		t.Fatalf("imported %d of 1200 after a cancel", r.Imported)
	}
	// Importing again picks up the rest and adds nothing twice.
	l.events = nil
	again, err := l.Import([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	if again.Imported+again.Unchanged != 1200 || again.Imported != 1200-r.Imported {
		t.Fatalf("second import %+v after %d imported, want the other %d", again, r.Imported, 1200-r.Imported)
	}
}
