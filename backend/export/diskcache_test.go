package export

import (
	"database/sql"
	"path/filepath"
	"testing"

	"quire/backend/render/highlight"
	"quire/backend/render/highlight/diskcache"
)

// TestExportKeepsItsBlocks: the code an export highlighted is in the cache
// file when Export returns, while the process (the app) keeps the cache
// open, so that an export from another process finds it.
func TestExportKeepsItsBlocks(t *testing.T) {
	path := filepath.Join(t.TempDir(), "highlight.db")
	c, err := diskcache.Open(path, "test")
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	highlight.UseDisk(func() highlight.Disk { return c })
	t.Cleanup(func() { highlight.UseDisk(nil) })
	highlight.ForgetCache() // blocks found in memory are not looked for on disk

	export(t, smallSite(t), filepath.Join(t.TempDir(), "site"), Options{})

	db, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM blocks`).Scan(&n); err != nil || n == 0 {
		t.Errorf("%d blocks in the cache file after the export (%v), want its code", n, err)
	}
}
