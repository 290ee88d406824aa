package diskcache

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"

	"quire/backend/datadir"
	"quire/backend/render/highlight"
)

// FileName is the cache file's name in Quire's cache directory.
const FileName = "highlight.db"

// Off is the value of QUIRE_HIGHLIGHT_CACHE that turns the cache off (for
// timing a first highlight, say).
const Off = "off"

// version is highlight.Version, a variable because a test binary carries no
// module versions (so there it is "", and no cache would open).
var version = highlight.Version

// Use makes the cache file in Quire's cache directory the process's
// highlight.Disk, opened when a render first needs it. A cache that cannot
// be opened or written is said once on warn and left alone: everything
// renders as without it. The function returned writes what waits and
// closes the file; call it once no render runs any more.
func Use(warn io.Writer) (done func()) {
	if os.Getenv("QUIRE_HIGHLIGHT_CACHE") == Off {
		return func() {}
	}
	var mu sync.Mutex
	var c *Cache
	highlight.UseDisk(func() highlight.Disk {
		dir, err := datadir.CacheDir()
		var opened *Cache
		if err == nil {
			opened, err = Open(filepath.Join(dir, FileName), version())
		}
		if err != nil {
			fmt.Fprintf(warn, "quire: code is highlighted without its cache: %v\n", err)
			return nil
		}
		mu.Lock()
		c = opened
		mu.Unlock()
		return opened
	})
	return func() {
		mu.Lock()
		defer mu.Unlock()
		if c == nil {
			return
		}
		if err := c.Close(); err != nil {
			fmt.Fprintf(warn, "quire: %v\n", err)
		}
		c = nil
	}
}
