package app

import (
	"context"
	"errors"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"quire/backend/hosting"
	"quire/backend/post"
	"quire/backend/site"
)

type progressRecorder struct {
	mu   sync.Mutex
	last ExportProgress
	n    int
	hook func()
}

func (r *progressRecorder) Emit(name string, data ...any) {
	if name != EventExportProgress {
		return
	}
	r.mu.Lock()
	r.last = data[0].(ExportProgress)
	r.n++
	hook := r.hook
	r.mu.Unlock()
	if hook != nil {
		hook()
	}
}

func addPosts(t *testing.T, e *Export, n int) {
	t.Helper()
	for i := 0; i < n; i++ {
		p := &post.Post{Title: "Post " + string(rune('A'+i%26)), Date: time.Date(2020, 1, 1+i%28, 0, 0, 0, 0, time.UTC),
			Status: post.StatusPublished, Body: "Hello, *world*.\n"}
		if err := e.st.CreatePost(context.Background(), p); err != nil {
			t.Fatal(err)
		}
	}
}

func TestExportRunSettingsServe(t *testing.T) {
	st := mustOpen(t)
	rec := &progressRecorder{}
	e := NewExport(st, rec)
	defer e.Close()
	s, err := e.Settings()
	if err != nil {
		t.Fatal(err)
	}
	if s.Permalink != site.PermalinkDate || s.Drafts || s.Future {
		t.Errorf("default settings: %+v", s)
	}
	s.Title, s.BaseURL = "Test site", "https://example.org/blog"
	if err := e.SaveSettings(s); err != nil {
		t.Fatal(err)
	}
	bad := s
	bad.Permalink = "/:year/"
	if err := e.SaveSettings(bad); !errors.Is(err, post.ErrInvalid) {
		t.Errorf("permalink without slug saved: %v", err)
	}
	if s, _ = e.Settings(); s.BaseURL != "https://example.org/blog/" || s.Title != "Test site" {
		t.Errorf("settings read back: %+v", s)
	}
	addPosts(t, e, 5)
	dir := filepath.Join(t.TempDir(), "site")
	rep, err := e.Run(dir, false, "")
	if err != nil {
		t.Fatal(err)
	}
	if rep.Posts != 5 || rep.Written == 0 || len(rep.Failed) != 0 {
		t.Errorf("report: %+v", rep)
	}
	if rec.last.Done != rec.last.Total || rec.last.Total == 0 {
		t.Errorf("last progress %+v", rec.last)
	}
	url, err := e.Serve(dir)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(url, "http://127.0.0.1:") || !strings.HasSuffix(url, "/blog/") {
		t.Errorf("serve URL %q", url)
	}
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), "Test site") {
		t.Errorf("home page: %s\n%s", resp.Status, body)
	}
	resp, err = http.Get(url + "css/quire.css")
	if err != nil || resp.StatusCode != 200 {
		t.Errorf("stylesheet: %v %v", resp, err)
	}
}

func TestExportRefusesForeignFolderAndCancels(t *testing.T) {
	st := mustOpen(t)
	rec := &progressRecorder{}
	e := NewExport(st, rec)
	defer e.Close()
	addPosts(t, e, 40)
	dir := filepath.Join(t.TempDir(), "site")
	os.MkdirAll(dir, 0o755)
	os.WriteFile(filepath.Join(dir, "CNAME"), []byte("example.org\n"), 0o644)
	if _, err := e.Run(dir, false, ""); !errors.Is(err, hosting.ErrForeignFolder) {
		t.Fatalf("foreign folder: %v", err)
	}
	rec.mu.Lock()
	rec.hook = e.Cancel // cancel at the first progress event
	rec.mu.Unlock()
	_, err := e.Run(dir, true, "")
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled export: %v", err)
	}
	ents, _ := os.ReadDir(dir)
	if len(ents) != 1 {
		t.Errorf("a cancelled export changed the folder: %d entries", len(ents))
	}
	rec.mu.Lock()
	rec.hook = nil
	rec.mu.Unlock()
	rep, err := e.Run(dir, true, "")
	if err != nil || rep.Posts != 40 {
		t.Fatalf("export after cancel: %+v %v", rep, err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "CNAME")); string(b) != "example.org\n" {
		t.Errorf("CNAME touched: %q", b)
	}
}
