package highlight

import (
	"runtime/debug"
	"sync"
	"sync/atomic"
)

// Disk is a second level of the cache that outlives the process: chroma's
// lexers are most of the time of an export, and without it an export after
// a restart, or after a change to the theme or the site's settings, would
// highlight every block again although none changed. Keys are the memory
// cache's: the SHA-256 of a block's language, options and code. Get and Put
// must be safe for concurrent use; a Disk that fails only misses (it is a
// cache: the block is highlighted again). Every render reads it; only the
// export's (NewLookupOnly) adds to it.
type Disk interface {
	Get(key [32]byte) (string, bool)
	Put(key [32]byte, html string)
}

// diskHolder is the Disk UseDisk set, opened once.
type diskHolder struct {
	once   sync.Once
	open   func() Disk
	d      Disk
	opened atomic.Bool
}

var diskNow atomic.Pointer[diskHolder]

// UseDisk sets what opens the process's Disk, on the first block not found
// in memory, so that a command that highlights nothing never opens it.
// open may return nil (no disk cache); UseDisk(nil) stops using one. Call
// it before the renders it is for.
func UseDisk(open func() Disk) { diskNow.Store(&diskHolder{open: open}) }

// disk is the process's Disk, nil without one.
func disk() Disk {
	h := diskNow.Load()
	if h == nil || h.open == nil {
		return nil
	}
	h.once.Do(func() {
		h.d = h.open()
		h.opened.Store(true)
	})
	return h.d
}

// FlushDisk writes what the process's Disk holds back, if it has one open
// that can (a Flush method): an export calls it as it ends, so that the
// next export finds its blocks even from another process, such as the
// command line beside the app, which otherwise writes them only as it
// closes.
func FlushDisk() error {
	h := diskNow.Load()
	if h == nil || !h.opened.Load() {
		return nil
	}
	if f, ok := h.d.(interface{ Flush() error }); ok {
		return f.Flush()
	}
	return nil
}

// Version names what highlighted HTML depends on besides a block: chroma's
// release and this package's markup. A Disk keeps blocks for one version
// only, so an upgrade of either never serves HTML made by the other. It is
// "" when the binary does not say which chroma it holds: then nothing may
// be kept.
func Version() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return ""
	}
	for _, m := range bi.Deps {
		if m.Path == "github.com/alecthomas/chroma/v2" {
			if m.Replace != nil {
				m = m.Replace
			}
			if m.Version == "" || m.Version == "(devel)" {
				return ""
			}
			return "quire-highlight-1 chroma " + m.Version
		}
	}
	return ""
}
