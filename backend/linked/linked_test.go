package linked_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"quire/backend/importer"
	"quire/backend/linked"
	"quire/backend/post"
	"quire/backend/store"
)

func mustOpen(t testing.TB) *store.Store {
	t.Helper()
	s, err := store.Open(filepath.Join(t.TempDir(), "quire.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func write(t testing.TB, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// eventually polls check until it returns nil or the deadline passes.
func eventually(t testing.TB, what string, check func() error) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		err := check()
		if err == nil {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: still %v after 10 s", what, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// started links dir and starts a syncer on it, with events drained into a log.
func started(t testing.TB, st *store.Store, dir string) (*linked.Syncer, *eventLog) {
	t.Helper()
	s, err := linked.New(st, linked.Options{PollInterval: 100 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	log := &eventLog{ch: make(chan linked.Event, 1<<16)}
	go func() {
		for e := range s.Events() {
			log.ch <- e
		}
	}()
	if _, err := s.Link(context.Background(), dir); err != nil {
		t.Fatal(err)
	}
	if err := s.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Stop)
	return s, log
}

type eventLog struct{ ch chan linked.Event }

// wait waits for an event of kind about path.
func (l *eventLog) wait(t testing.TB, kind linked.EventKind, path string) linked.Event {
	t.Helper()
	timeout := time.After(10 * time.Second)
	for {
		select {
		case e := <-l.ch:
			if e.Kind == kind && (path == "" || e.Path == path) {
				return e
			}
		case <-timeout:
			t.Fatalf("no %s event for %s within 10 s", kind, path)
		}
	}
}

// sameAsFile checks that the post from path has the file's content.
func sameAsFile(st *store.Store, dir, path string) error {
	site, _, err := importer.Walk(dir)
	if err != nil {
		return err
	}
	f, ok := site.Classify(path)
	if !ok {
		return fmt.Errorf("%s is not a post file", path)
	}
	want, _, res := f.Read()
	if want == nil {
		return res.Err
	}
	got, err := st.GetPostBySource(context.Background(), path)
	if err != nil {
		return err
	}
	if got.Title != want.Title || got.Body != want.Body || !got.Date.Equal(want.Date) || got.Status != want.Status {
		return fmt.Errorf("post %q/%q differs from file %q/%q", got.Title, abbrev(got.Body), want.Title, abbrev(want.Body))
	}
	return nil
}

func abbrev(s string) string {
	if len(s) > 40 {
		return s[:40] + "…"
	}
	return s
}

func bodyIs(st *store.Store, path, body string) func() error {
	return func() error {
		p, err := st.GetPostBySource(context.Background(), path)
		if err != nil {
			return err
		}
		if p.Body != body {
			return fmt.Errorf("body %q, want %q", abbrev(p.Body), abbrev(body))
		}
		return nil
	}
}

const head = "---\ntitle: Note\ndate: 2020-01-02\n---\n"

func TestLinkImportsAndPersists(t *testing.T) {
	ctx := context.Background()
	dbPath := filepath.Join(t.TempDir(), "quire.db")
	st, err := store.Open(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	write(t, filepath.Join(dir, "a.md"), head+"A\n")
	write(t, filepath.Join(dir, "sub", "b.md"), head+"B\n")
	write(t, filepath.Join(dir, ".hidden", "c.md"), head+"C\n")
	s, _ := linked.New(st, linked.Options{})
	stats, err := s.Link(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	if stats.Created != 2 || stats.Errors != 0 {
		t.Errorf("link: %s", stats)
	}
	if _, err := s.Link(ctx, filepath.Join(dir, "sub")); !errors.Is(err, post.ErrInvalid) {
		t.Errorf("a folder inside a linked one: %v", err)
	}
	// Changes while Quire is closed: an edit, a delete, a new file.
	write(t, filepath.Join(dir, "a.md"), head+"A, edited while closed\n")
	os.Remove(filepath.Join(dir, "sub", "b.md"))
	write(t, filepath.Join(dir, "new.md"), head+"New\n")
	st.Close()

	st2, err := store.Open(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer st2.Close()
	s2, _ := linked.New(st2, linked.Options{})
	links, err := s2.Links(ctx)
	if err != nil || len(links) != 1 || links[0].Dir != dir {
		t.Fatalf("links after a restart: %+v %v", links, err)
	}
	if err := s2.Start(ctx); err != nil {
		t.Fatal(err)
	}
	defer s2.Stop()
	if err := bodyIs(st2, filepath.Join(dir, "a.md"), "A, edited while closed\n")(); err != nil {
		t.Error(err)
	}
	b, err := st2.GetPostBySource(ctx, filepath.Join(dir, "sub", "b.md"))
	if err != nil {
		t.Fatal(err)
	}
	if tr, _ := st2.IsTrashed(ctx, b.ID); !tr {
		t.Error("the deleted file's post is not in the trash")
	}
	if err := sameAsFile(st2, dir, filepath.Join(dir, "new.md")); err != nil {
		t.Error(err)
	}
	p, _ := st2.GetPostBySource(ctx, filepath.Join(dir, "a.md"))
	revs, _ := st2.Revisions(ctx, p.ID)
	if revs[0].Kind != store.KindExternal {
		t.Errorf("an outside edit is a %s revision", revs[0].Kind)
	}
	if err := s2.Unlink(ctx, dir); err != nil {
		t.Fatal(err)
	}
	if links, _ := s2.Links(ctx); len(links) != 0 {
		t.Errorf("links after unlink: %+v", links)
	}
}

func TestWatchEdits(t *testing.T) {
	st := mustOpen(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "note.md")
	write(t, path, head+"one\n")
	_, log := started(t, st, dir)

	t.Run("append", func(t *testing.T) {
		f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
		if err != nil {
			t.Fatal(err)
		}
		f.WriteString("two\n")
		f.Close()
		eventually(t, "append", bodyIs(st, path, "one\ntwo\n"))
	})
	t.Run("rewrite", func(t *testing.T) {
		write(t, path, head+"rewritten\n")
		eventually(t, "rewrite", bodyIs(st, path, "rewritten\n"))
	})
	t.Run("vim", func(t *testing.T) {
		// vim: rename the file to a backup, write a new one, remove the backup.
		if err := os.Rename(path, path+"~"); err != nil {
			t.Fatal(err)
		}
		write(t, path, head+"saved by vim\n")
		os.Remove(path + "~")
		eventually(t, "vim", bodyIs(st, path, "saved by vim\n"))
	})
	t.Run("vscode", func(t *testing.T) {
		// VS Code and sed -i: write a temporary file, rename it over.
		tmp := filepath.Join(dir, ".note.md.tmp123")
		write(t, tmp, head+"saved by rename\n")
		if err := os.Rename(tmp, path); err != nil {
			t.Fatal(err)
		}
		eventually(t, "rename over", bodyIs(st, path, "saved by rename\n"))
	})
	t.Run("sed -i", func(t *testing.T) {
		sed, err := exec.LookPath("sed")
		if err != nil {
			t.Skip("no sed")
		}
		if out, err := exec.Command(sed, "-i", "s/saved by rename/edited by sed/", path).CombinedOutput(); err != nil {
			t.Fatalf("sed: %v %s", err, out)
		}
		eventually(t, "sed -i", bodyIs(st, path, "edited by sed\n"))
	})
	t.Run("new folder", func(t *testing.T) {
		sub := filepath.Join(dir, "2021", "jan")
		write(t, filepath.Join(sub, "fresh.md"), head+"fresh\n")
		eventually(t, "new folder", bodyIs(st, filepath.Join(sub, "fresh.md"), "fresh\n"))
		write(t, filepath.Join(sub, "fresh.md"), head+"fresh, edited\n")
		eventually(t, "file in a new folder", bodyIs(st, filepath.Join(sub, "fresh.md"), "fresh, edited\n"))
	})
	t.Run("delete", func(t *testing.T) {
		p, err := st.GetPostBySource(context.Background(), path)
		if err != nil {
			t.Fatal(err)
		}
		os.Remove(path)
		log.wait(t, linked.EventTrashed, path)
		if tr, _ := st.IsTrashed(context.Background(), p.ID); !tr {
			t.Error("not in the trash")
		}
		// It comes back.
		write(t, path, head+"back\n")
		eventually(t, "restore", func() error {
			if tr, _ := st.IsTrashed(context.Background(), p.ID); tr {
				return errors.New("still in the trash")
			}
			return bodyIs(st, path, "back\n")()
		})
	})
	t.Run("all equal", func(t *testing.T) {
		for _, p := range []string{path, filepath.Join(dir, "2021", "jan", "fresh.md")} {
			if err := sameAsFile(st, dir, p); err != nil {
				t.Error(err)
			}
		}
	})
	t.Run("bad file", func(t *testing.T) {
		write(t, path, "---\ntitle: half-typed\n")
		e := log.wait(t, linked.EventError, path)
		if !strings.Contains(e.Error, "never closed") {
			t.Errorf("error event: %v", e)
		}
		if err := bodyIs(st, path, "back\n")(); err != nil {
			t.Errorf("a bad file changed the post: %v", err)
		}
	})
}

func TestWriteBackAndConflict(t *testing.T) {
	ctx := context.Background()
	st := mustOpen(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "_posts", "2020-01-02-note.md")
	write(t, path, head+"start\n")
	s, log := started(t, st, dir)

	p, err := st.GetPostBySource(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	// An edit in Quire is written to the file.
	p.Body = "edited in Quire\n"
	if err := st.SavePost(ctx, p, store.KindSave); err != nil {
		t.Fatal(err)
	}
	if err := s.WritePost(ctx, p.ID); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(path)
	if !strings.HasSuffix(string(b), "\n---\nedited in Quire\n") || !strings.Contains(string(b), "title: Note") {
		t.Fatalf("file after write-back:\n%s", b)
	}
	if err := sameAsFile(st, dir, path); err != nil {
		t.Error(err)
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Errorf("temporary files left: %v", entries)
	}
	// An edit in Quire found by polling (as from another process).
	p, _ = st.GetPost(ctx, p.ID)
	p.Body = "edited in the app\n"
	if err := st.SavePost(ctx, p, store.KindSave); err != nil {
		t.Fatal(err)
	}
	eventually(t, "poll", func() error {
		b, _ := os.ReadFile(path)
		if !strings.HasSuffix(string(b), "edited in the app\n") {
			return errors.New("file not written")
		}
		return nil
	})
	log.wait(t, linked.EventWritten, path)

	// Both change: a conflict, nothing overwritten.
	s.Stop()
	p, _ = st.GetPost(ctx, p.ID)
	p.Body = "Quire side\n"
	if err := st.SavePost(ctx, p, store.KindSave); err != nil {
		t.Fatal(err)
	}
	fileSide := head + "file side\n"
	write(t, path, fileSide)
	s2, log2 := started(t, st, dir)
	e := log2.wait(t, linked.EventConflict, path)
	if e.PostID != p.ID || e.Revision == 0 {
		t.Errorf("conflict event %+v", e)
	}
	if b, _ := os.ReadFile(path); string(b) != fileSide {
		t.Errorf("the file was overwritten:\n%s", b)
	}
	if err := bodyIs(st, path, "Quire side\n")(); err != nil {
		t.Errorf("the post was overwritten: %v", err)
	}
	r, err := st.Revision(ctx, p.ID, e.Revision)
	if err != nil || r.Kind != store.KindConflict || r.Post.Body != "file side\n" {
		t.Errorf("conflict revision: %+v %v", r, err)
	}
	cs, err := s2.Conflicts(ctx)
	if err != nil || len(cs) != 1 || cs[0].Path != path {
		t.Fatalf("conflicts: %+v %v", cs, err)
	}
	// A rescan does not record it twice.
	if err := s2.SyncAll(ctx); err != nil {
		t.Fatal(err)
	}
	revs, _ := st.Revisions(ctx, p.ID)
	n := 0
	for _, r := range revs {
		if r.Kind == store.KindConflict {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d conflict revisions, want 1", n)
	}
	// Keep the file's version.
	if err := s2.Resolve(ctx, path, true); err != nil {
		t.Fatal(err)
	}
	if err := bodyIs(st, path, "file side\n")(); err != nil {
		t.Error(err)
	}
	if cs, _ := s2.Conflicts(ctx); len(cs) != 0 {
		t.Errorf("conflicts after resolve: %+v", cs)
	}
	// And from then on edits flow again.
	write(t, path, head+"after the conflict\n")
	eventually(t, "edit after resolve", bodyIs(st, path, "after the conflict\n"))

	// Another conflict, resolved for Quire's version.
	s2.Stop()
	p, _ = st.GetPost(ctx, p.ID)
	p.Body = "Quire wins\n"
	st.SavePost(ctx, p, store.KindSave)
	write(t, path, head+"file loses\n")
	s3, log3 := started(t, st, dir)
	log3.wait(t, linked.EventConflict, path)
	if err := s3.Resolve(ctx, path, false); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); !strings.HasSuffix(string(b), "\nQuire wins\n") {
		t.Errorf("file after resolving for Quire:\n%s", b)
	}
}

func TestBurst(t *testing.T) {
	st := mustOpen(t)
	dir := t.TempDir()
	const files = 100
	for i := 0; i < files; i++ {
		write(t, filepath.Join(dir, fmt.Sprintf("n%03d.md", i)), head+"v0\n")
	}
	started(t, st, dir)
	// 1,000 changes: ten rewrites of each of 100 files, as fast as possible.
	for round := 1; round <= 10; round++ {
		for i := 0; i < files; i++ {
			write(t, filepath.Join(dir, fmt.Sprintf("n%03d.md", i)), fmt.Sprintf("%sv%d\n", head, round))
		}
	}
	eventually(t, "burst settles", func() error {
		for i := 0; i < files; i++ {
			if err := bodyIs(st, filepath.Join(dir, fmt.Sprintf("n%03d.md", i)), "v10\n")(); err != nil {
				return fmt.Errorf("n%03d.md: %w", i, err)
			}
		}
		return nil
	})
	for i := 0; i < files; i++ {
		if err := sameAsFile(st, dir, filepath.Join(dir, fmt.Sprintf("n%03d.md", i))); err != nil {
			t.Error(err)
		}
	}
	res, _ := st.ListPosts(context.Background(), store.ListOptions{})
	if res.Total != files {
		t.Errorf("%d posts, want %d", res.Total, files)
	}
}

// A folder linked by another process (quire link while the app runs) is
// picked up by the running syncer.
func TestLinkFromAnotherProcess(t *testing.T) {
	st := mustOpen(t)
	first := t.TempDir()
	write(t, filepath.Join(first, "a.md"), head+"a\n")
	started(t, st, first)
	second := t.TempDir()
	write(t, filepath.Join(second, "b.md"), head+"b\n")
	other, _ := linked.New(st, linked.Options{})
	if _, err := other.Link(context.Background(), second); err != nil {
		t.Fatal(err)
	}
	other.Close()
	write(t, filepath.Join(second, "b.md"), head+"b, edited\n")
	eventually(t, "edit in a folder linked elsewhere", bodyIs(st, filepath.Join(second, "b.md"), "b, edited\n"))
}
