package theme

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
)

// OverDir is Over for a theme folder on disk. Themes arrive by git or tar,
// which keep symbolic links: a file that is a link out of the folder (or
// inside a linked folder that leads out of it) is refused, with a warning
// (Warnings), and the default theme's file is used instead. Links that stay
// inside the folder are followed.
func OverDir(dir string) (*Theme, error) {
	root, err := filepath.Abs(dir)
	if err == nil {
		root, err = filepath.EvalSymlinks(root)
	}
	if err != nil {
		return nil, fmt.Errorf("theme: %w", err)
	}
	c := &confined{root: root, refused: map[string]bool{}}
	t, err := Over(c)
	if err != nil {
		return nil, err
	}
	for name := range c.refused {
		t.warnings = append(t.warnings, fmt.Sprintf("theme file %s is a link out of the theme folder; it is not used", name))
	}
	sort.Strings(t.warnings)
	return t, nil
}

// Warnings are the problems found while loading the theme (files refused).
func (t *Theme) Warnings() []string { return t.warnings }

// confined is a folder as an fs.FS that opens nothing outside it.
type confined struct {
	root    string // absolute, links resolved
	mu      sync.Mutex
	refused map[string]bool
}

func (c *confined) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	real, err := filepath.EvalSymlinks(filepath.Join(c.root, filepath.FromSlash(name)))
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	if real != c.root && !strings.HasPrefix(real, c.root+string(filepath.Separator)) {
		c.mu.Lock()
		c.refused[name] = true
		c.mu.Unlock()
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
	}
	return os.Open(real)
}

// MaxPageSize is the most a template may write for one page: a loop in a
// theme must not fill the memory or the disk.
const MaxPageSize = 64 << 20

// ErrPageTooLarge: a template wrote more than MaxPageSize bytes.
var ErrPageTooLarge = fmt.Errorf("the page is larger than %d MB (a loop in the template?)", MaxPageSize>>20)

// limitWriter fails once more than n bytes are written, which stops the
// template's execution.
type limitWriter struct {
	w io.Writer
	n int64
}

func (l *limitWriter) Write(p []byte) (int, error) {
	if int64(len(p)) > l.n {
		return 0, ErrPageTooLarge
	}
	l.n -= int64(len(p))
	return l.w.Write(p)
}
