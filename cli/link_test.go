package cli

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"quire/backend/store"
)

func TestLinkCommands(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "quire.db")
	blog := filepath.Join(dir, "blog")
	put(t, filepath.Join(blog, "_posts", "2020-01-02-hello.md"), "---\ntitle: Hello\n---\nHi.\n")
	put(t, filepath.Join(blog, "_drafts", "later.md"), "# Later\n")

	if code, out, errOut := quire(t, db, "links"); code != 0 || !strings.Contains(out, "no linked folders") {
		t.Errorf("links before: %d %s %s", code, out, errOut)
	}
	if code, _, errOut := quire(t, db, "watch"); code != 1 || !strings.Contains(errOut, "no linked folders") {
		t.Errorf("watch without links: %d %s", code, errOut)
	}
	code, out, errOut := quire(t, db, "link", blog)
	if code != 0 || !strings.Contains(out, "2 created") {
		t.Fatalf("link: %d %s %s", code, out, errOut)
	}
	if code, out, _ := quire(t, db, "list"); code != 0 || !strings.Contains(out, "hello") || !strings.Contains(out, "later") {
		t.Errorf("list after link: %s", out)
	}
	if code, out, _ := quire(t, db, "links"); code != 0 || !strings.Contains(out, blog) {
		t.Errorf("links: %s", out)
	}

	// quire watch until cancelled: an edit made meanwhile reaches the post.
	ctx, cancel := context.WithCancel(context.Background())
	exit := make(chan int)
	go func() {
		var o, e strings.Builder
		exit <- Main(ctx, []string{"--db", db, "watch", "--quiet"}, strings.NewReader(""), &o, &e)
	}()
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	path := filepath.Join(blog, "_posts", "2020-01-02-hello.md")
	deadline := time.Now().Add(10 * time.Second)
	for {
		// Written again and again until it arrives: the watch may not have
		// started yet at the first write.
		put(t, path, "---\ntitle: Hello\n---\nHi, edited.\n")
		p, err := st.GetPostBySource(context.Background(), path)
		if err == nil && p.Body == "Hi, edited.\n" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the edit did not reach the post: %+v %v", p, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
	cancel()
	if code := <-exit; code != 0 {
		t.Errorf("watch exit %d", code)
	}

	if code, _, _ := quire(t, db, "unlink", blog); code != 0 {
		t.Errorf("unlink: %d", code)
	}
	if code, _, errOut := quire(t, db, "unlink", blog); code != 1 || !strings.Contains(errOut, "not a linked folder") {
		t.Errorf("unlink twice: %d %s", code, errOut)
	}
	if code, _, _ := quire(t, db, "link", filepath.Join(dir, "missing")); code != 1 {
		t.Errorf("link a missing folder: exit %d", code)
	}
	if code, _, _ := quire(t, db, "link"); code != 2 {
		t.Errorf("link without DIR: exit %d", code)
	}
}
