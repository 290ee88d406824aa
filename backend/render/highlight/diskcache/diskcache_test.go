package diskcache

import (
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func key(s string) [32]byte { return sha256.Sum256([]byte(s)) }

func mustOpen(t *testing.T, path, version string) *Cache {
	t.Helper()
	c, err := Open(path, version)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestCacheKeepsBlocksAcrossOpens(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cache", "highlight.db")
	c := mustOpen(t, path, "v1")
	c.Put(key("a"), "<pre>a</pre>")
	if got, ok := c.Get(key("a")); !ok || got != "<pre>a</pre>" {
		t.Errorf("before it is written: %q, %v", got, ok)
	}
	if _, ok := c.Get(key("b")); ok {
		t.Error("a block never put was found")
	}
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}

	c = mustOpen(t, path, "v1")
	if got, ok := c.Get(key("a")); !ok || got != "<pre>a</pre>" {
		t.Errorf("after a reopen: %q, %v", got, ok)
	}
	c.Close()

	// Another chroma: nothing of the old one is served.
	c = mustOpen(t, path, "v2")
	if got, ok := c.Get(key("a")); ok {
		t.Errorf("another version's block was served: %q", got)
	}
	c.Close()
}

func TestCacheWritesInBatches(t *testing.T) {
	path := filepath.Join(t.TempDir(), "highlight.db")
	c := mustOpen(t, path, "v1")
	defer c.Close()
	for i := range batch + 10 {
		c.Put(key(strings.Repeat("x", i)), "html")
	}
	var n int
	if err := c.db.QueryRow(`SELECT count(*) FROM blocks`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != batch {
		t.Errorf("%d blocks written after %d puts, want one batch of %d", n, batch+10, batch)
	}
}

func TestCacheLetsOldBlocksGo(t *testing.T) {
	path := filepath.Join(t.TempDir(), "highlight.db")
	c := mustOpen(t, path, "v1")
	old := key("old")
	c.Put(old, "old")
	c.Put(key("new"), "new")
	c.Flush()
	if _, err := c.db.Exec(`UPDATE blocks SET made = ? WHERE key = ?`, time.Now().Add(-keepFor-time.Hour).Unix(), old[:]); err != nil {
		t.Fatal(err)
	}
	c.Close()
	c = mustOpen(t, path, "v1")
	defer c.Close()
	if _, ok := c.Get(key("old")); ok {
		t.Error("a block last written before keepFor is still there")
	}
	if _, ok := c.Get(key("new")); !ok {
		t.Error("a recent block is gone")
	}
}

func TestCacheKeepsUnderItsSize(t *testing.T) {
	defer func(m int64) { maxBytes = m }(maxBytes)
	maxBytes = 1000
	path := filepath.Join(t.TempDir(), "highlight.db")
	c := mustOpen(t, path, "v1")
	for i := range 20 { // 2,000 bytes, the newest last
		k := key(fmt.Sprint(i))
		c.Put(k, strings.Repeat("x", 100))
		c.Flush()
		if _, err := c.db.Exec(`UPDATE blocks SET made = ? WHERE key = ?`, time.Now().Add(-time.Hour).Unix()+int64(i), k[:]); err != nil {
			t.Fatal(err)
		}
	}
	c.Close()
	c = mustOpen(t, path, "v1")
	defer c.Close()
	var kept []string
	for i := range 20 {
		if _, ok := c.Get(key(fmt.Sprint(i))); ok {
			kept = append(kept, fmt.Sprint(i))
		}
	}
	if got, want := strings.Join(kept, " "), "13 14 15 16 17 18 19"; got != want {
		t.Errorf("kept %q, want the newest 750 bytes: %q", got, want)
	}
}

func TestCacheMadeAgainWhenBroken(t *testing.T) {
	path := filepath.Join(t.TempDir(), "highlight.db")
	if err := os.WriteFile(path, []byte(strings.Repeat("not a database ", 500)), 0o644); err != nil {
		t.Fatal(err)
	}
	c := mustOpen(t, path, "v1")
	c.Put(key("a"), "a")
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	c = mustOpen(t, path, "v1")
	defer c.Close()
	if _, ok := c.Get(key("a")); !ok {
		t.Error("the file made again does not keep blocks")
	}
}

func TestCacheOpenErrors(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ name, path, version, want string }{
		{"no version", filepath.Join(dir, "a.db"), "", "no version"},
		{"a file where its folder goes", filepath.Join(file, "highlight.db"), "v1", "not a directory"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Open(tt.path, tt.version)
			if err == nil {
				c.Close()
				t.Fatal("opened")
			}
			if !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), "highlight cache") {
				t.Errorf("error %q, want it to say %q", err, tt.want)
			}
		})
	}
}

// TestCacheOfAnOlderLayout: a file whose tables are of an older Quire is
// made again, not refused.
func TestCacheOfAnOlderLayout(t *testing.T) {
	path := filepath.Join(t.TempDir(), "highlight.db")
	c := mustOpen(t, path, "v1")
	if _, err := c.db.Exec(`DROP TABLE blocks; CREATE TABLE blocks (key BLOB PRIMARY KEY, html TEXT NOT NULL, made INTEGER NOT NULL) WITHOUT ROWID`); err != nil {
		t.Fatal(err)
	}
	c.Close()
	c = mustOpen(t, path, "v1")
	defer c.Close()
	c.Put(key("a"), "a")
	if err := c.Flush(); err != nil {
		t.Fatal(err)
	}
}

// TestCacheInUseIsNotRemoved: a file another process is writing (here a
// connection holding it locked) makes Open fail, and is left as it is.
func TestCacheInUseIsNotRemoved(t *testing.T) {
	path := filepath.Join(t.TempDir(), "highlight.db")
	c := mustOpen(t, path, "v1")
	c.Put(key("a"), "a")
	c.Flush()
	defer c.Close()
	tx, err := c.db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if _, err := tx.Exec(`DELETE FROM blocks WHERE key = x'00'`); err != nil { // takes the write lock
		t.Fatal(err)
	}
	if other, err := Open(path, "v1"); err == nil {
		other.Close()
		t.Fatal("opened a file another connection is writing")
	} else if !strings.Contains(err.Error(), "locked") && !strings.Contains(err.Error(), "busy") {
		t.Errorf("error %q, want it to say the file is busy", err)
	}
	tx.Rollback()
	if got, ok := c.Get(key("a")); !ok || got != "a" {
		t.Errorf("the block of the file in use: %q, %v", got, ok)
	}
}
