package diskcache

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"quire/backend/render"
	"quire/backend/render/highlight"
)

const goBlock = "```go\nfunc main() {}\n```\n"

// TestRenderReadsTheFile renders with the export's renderer, which keeps
// nothing in memory, so the second render can only have its block from the
// file: changed there, it comes out changed.
func TestRenderReadsTheFile(t *testing.T) {
	c := mustOpen(t, filepath.Join(t.TempDir(), "highlight.db"), "test")
	defer c.Close()
	highlight.UseDisk(func() highlight.Disk { return c })
	t.Cleanup(func() { highlight.UseDisk(nil) })
	r := render.New(render.Settings{Once: true})

	first, err := r.Render([]byte(goBlock))
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Flush(); err != nil {
		t.Fatal(err)
	}
	var html string
	if err := c.db.QueryRow(`SELECT html FROM blocks`).Scan(&html); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(html, `class="chroma"`) || !strings.Contains(first.HTML, html) {
		t.Fatalf("the file holds %q for a render of %q", html, first.HTML)
	}
	if _, err := c.db.Exec(`UPDATE blocks SET html = replace(html, 'main', 'from-the-file')`); err != nil {
		t.Fatal(err)
	}
	second, err := r.Render([]byte(goBlock))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(second.HTML, "from-the-file") {
		t.Errorf("the second render did not read the file: %q", second.HTML)
	}
}

// TestUse checks the file Use opens: in Quire's cache folder, written when
// done is called, and none at all with QUIRE_HIGHLIGHT_CACHE=off.
func TestUse(t *testing.T) {
	version = func() string { return "test" }
	t.Cleanup(func() { highlight.UseDisk(nil); version = highlight.Version })
	for _, off := range []bool{false, true} {
		home := t.TempDir()
		t.Setenv("XDG_CACHE_HOME", home)
		t.Setenv("QUIRE_HIGHLIGHT_CACHE", map[bool]string{true: Off}[off])
		highlight.UseDisk(nil)
		var warn bytes.Buffer
		done := Use(&warn)
		// Another block than the other test's: the process keeps highlighted
		// blocks in memory too.
		src := strings.Replace(goBlock, "main", "useTest", 1)
		if _, err := render.New(render.Settings{Once: true}).Render([]byte(src)); err != nil {
			t.Fatal(err)
		}
		done()
		if warn.Len() > 0 {
			t.Errorf("off=%v: warned %q", off, warn.String())
		}
		path := filepath.Join(home, "quire", FileName)
		c, err := Open(path, "test")
		if err != nil {
			t.Fatal(err)
		}
		var n int
		if err := c.db.QueryRow(`SELECT count(*) FROM blocks`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		c.Close()
		// Off, no cache was made: Open just made an empty one.
		if want := map[bool]int{false: 1, true: 0}[off]; n != want {
			t.Errorf("off=%v: %d blocks in %s, want %d", off, n, path, want)
		}
	}
}

// TestPreviewOnlyReads: a block typed in the preview is not kept on disk
// (it changes with every key); the export's blocks are.
func TestPreviewOnlyReads(t *testing.T) {
	c := mustOpen(t, filepath.Join(t.TempDir(), "highlight.db"), "test")
	defer c.Close()
	highlight.UseDisk(func() highlight.Disk { return c })
	t.Cleanup(func() { highlight.UseDisk(nil) })
	src := []byte(strings.Replace(goBlock, "main", "previewTest", 1))
	if _, err := render.New(render.Settings{Preview: true}).Render(src); err != nil {
		t.Fatal(err)
	}
	c.Flush()
	var n int
	if err := c.db.QueryRow(`SELECT count(*) FROM blocks`).Scan(&n); err != nil || n != 0 {
		t.Errorf("after a preview: %d blocks on disk (%v), want none", n, err)
	}
}

// TestExportFlushes: the blocks an export highlighted are in the file when
// it ends, before the process closes the cache.
func TestExportFlushes(t *testing.T) {
	c := mustOpen(t, filepath.Join(t.TempDir(), "highlight.db"), "test")
	defer c.Close()
	if err := highlight.FlushDisk(); err != nil { // none in use: nothing to do
		t.Fatal(err)
	}
	highlight.UseDisk(func() highlight.Disk { return c })
	t.Cleanup(func() { highlight.UseDisk(nil) })
	src := []byte(strings.Replace(goBlock, "main", "flushTest", 1))
	if _, err := render.New(render.Settings{Once: true}).Render(src); err != nil {
		t.Fatal(err)
	}
	if err := highlight.FlushDisk(); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := c.db.QueryRow(`SELECT count(*) FROM blocks`).Scan(&n); err != nil || n != 1 {
		t.Errorf("%d blocks in the file after FlushDisk (%v), want 1", n, err)
	}
}
