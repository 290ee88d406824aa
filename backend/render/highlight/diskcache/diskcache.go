// Package diskcache keeps highlighted code blocks in a SQLite file, for
// highlight.UseDisk: the blocks of one chroma release, found by their key,
// across runs of the app and the command line.
//
// It is a cache, so nothing in it may cost the writer anything: a file that
// cannot be opened, read or written is a miss (and a broken file, or one
// of an older layout, is made again), blocks are written in batches, and
// blocks not written for a while, or the oldest past a size, are let go.
package diskcache

import (
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/mattn/go-sqlite3"
)

// batch is how many new blocks wait in memory before they are written in
// one transaction.
const batch = 256

// keepFor is how long a block stays after it was last written. A block read
// every day is written again only when it leaves, so it costs a highlight
// once in that time.
const keepFor = 60 * 24 * time.Hour

// maxBytes bounds the blocks' HTML: past it, the oldest blocks go first,
// down to three quarters of it. A variable so that a test can make it small.
var maxBytes int64 = 200 << 20

// Cache is one cache file. Its methods are safe for concurrent use.
type Cache struct {
	db   *sql.DB
	get  *sql.Stmt // prepared once: a miss then costs a few microseconds
	path string

	mu      sync.Mutex
	pending map[[32]byte]string // written at the next flush
	writeMu sync.Mutex          // one flush at a time
	failed  error               // the write that failed: no more are tried
}

const schema = `
CREATE TABLE IF NOT EXISTS meta (version TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS blocks (
	key  BLOB PRIMARY KEY,
	made INTEGER NOT NULL, -- Unix seconds of the last write
	size INTEGER NOT NULL, -- of html, in bytes
	html TEXT NOT NULL
) WITHOUT ROWID;
-- Sizes by age, read without the blocks: what setup counts and lets go.
CREATE INDEX IF NOT EXISTS blocks_made ON blocks (made, size);`

// Open opens (or makes) the cache file at path for blocks of version
// (highlight.Version()). A file holding another version's blocks is
// emptied; one SQLite cannot read is made again.
func Open(path, version string) (*Cache, error) {
	if version == "" {
		return nil, errors.New("highlight cache: no version to key it by")
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("highlight cache: %w", err)
	}
	c, err := open(path, version)
	if broken(err) {
		// A cache may be thrown away: a broken file is made again.
		for _, f := range []string{path, path + "-wal", path + "-shm"} {
			os.Remove(f)
		}
		c, err = open(path, version)
	}
	if err != nil {
		return nil, fmt.Errorf("highlight cache %s: %w", path, err)
	}
	return c, nil
}

// broken tells an error of a file that is not a cache of this layout (not
// SQLite, damaged, or tables of another layout) from one of a file in use
// (busy, locked) or out of reach, which must not be removed: the app and a
// command may have it open at once.
func broken(err error) bool {
	var se sqlite3.Error
	if !errors.As(err, &se) {
		return false
	}
	switch se.Code {
	case sqlite3.ErrNotADB, sqlite3.ErrCorrupt, sqlite3.ErrError:
		return true
	}
	return false
}

func open(path, version string) (*Cache, error) {
	q := url.Values{}
	q.Set("_busy_timeout", "200")
	q.Set("_journal_mode", "WAL")
	q.Set("_synchronous", "OFF") // a cache: a power cut may lose it all
	db, err := sql.Open("sqlite3", "file:"+(&url.URL{Path: path}).EscapedPath()+"?"+q.Encode())
	if err != nil {
		return nil, err
	}
	c := &Cache{db: db, path: path, pending: map[[32]byte]string{}}
	if err := c.setup(version); err != nil {
		db.Close()
		return nil, err
	}
	if c.get, err = db.Prepare(`SELECT html FROM blocks WHERE key = ?`); err != nil {
		db.Close()
		return nil, err
	}
	return c, nil
}

// setup makes the tables, empties them for another version, and lets go of
// old blocks.
func (c *Cache) setup(version string) error {
	tx, err := c.db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.Exec(schema); err != nil {
		return err
	}
	var had string
	switch err := tx.QueryRow(`SELECT version FROM meta`).Scan(&had); {
	case errors.Is(err, sql.ErrNoRows):
		if _, err := tx.Exec(`INSERT INTO meta (version) VALUES (?)`, version); err != nil {
			return err
		}
	case err != nil:
		return err
	case had != version:
		if _, err := tx.Exec(`DELETE FROM blocks`); err != nil {
			return err
		}
		if _, err := tx.Exec(`UPDATE meta SET version = ?`, version); err != nil {
			return err
		}
	}
	if _, err := tx.Exec(`DELETE FROM blocks WHERE made < ?`, time.Now().Add(-keepFor).Unix()); err != nil {
		return err
	}
	var total int64
	if err := tx.QueryRow(`SELECT coalesce(sum(size), 0) FROM blocks`).Scan(&total); err != nil {
		return err
	}
	if total > maxBytes {
		if _, err := tx.Exec(`DELETE FROM blocks WHERE key IN (SELECT key FROM
			(SELECT key, sum(size) OVER (ORDER BY made DESC, key) AS newer FROM blocks) WHERE newer > ?)`, maxBytes/4*3); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// Get returns the block's HTML, if the cache has it.
func (c *Cache) Get(key [32]byte) (string, bool) {
	c.mu.Lock()
	html, ok := c.pending[key]
	c.mu.Unlock()
	if ok {
		return html, true
	}
	if err := c.get.QueryRow(key[:]).Scan(&html); err != nil {
		return "", false
	}
	return html, true
}

// Put keeps a block; it is written with the next batch.
func (c *Cache) Put(key [32]byte, html string) {
	c.mu.Lock()
	if c.failed != nil {
		c.mu.Unlock()
		return
	}
	c.pending[key] = html
	full := len(c.pending) >= batch
	c.mu.Unlock()
	if full {
		_ = c.Flush()
	}
}

// Flush writes the blocks that wait, in one transaction. After a failed
// write the cache stops writing, and Close says why: a full disk or a
// read-only folder should not cost every later block a failed transaction.
func (c *Cache) Flush() error {
	c.writeMu.Lock()
	defer c.writeMu.Unlock()
	c.mu.Lock()
	blocks := c.pending
	c.pending = map[[32]byte]string{}
	c.mu.Unlock()
	if len(blocks) == 0 {
		return nil
	}
	if err := c.write(blocks); err != nil {
		err = fmt.Errorf("highlight cache %s: %w", c.path, err)
		c.mu.Lock()
		c.failed = err
		c.mu.Unlock()
		return err
	}
	return nil
}

func (c *Cache) write(blocks map[[32]byte]string) error {
	tx, err := c.db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	st, err := tx.Prepare(`INSERT INTO blocks (key, made, size, html) VALUES (?, ?, ?, ?)
		ON CONFLICT (key) DO UPDATE SET made = excluded.made, size = excluded.size, html = excluded.html`)
	if err != nil {
		return err
	}
	defer st.Close()
	now := time.Now().Unix()
	for k, html := range blocks {
		if _, err := st.Exec(k[:], now, len(html), html); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// Close writes what waits and closes the file. Its error is the first
// write that failed, if one did.
func (c *Cache) Close() error {
	c.Flush()
	c.get.Close()
	err := c.db.Close()
	c.mu.Lock()
	if c.failed != nil {
		err = c.failed
	}
	c.mu.Unlock()
	return err
}
