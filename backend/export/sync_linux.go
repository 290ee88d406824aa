package export

import (
	"os"

	"golang.org/x/sys/unix"
)

// syncFS flushes the file system holding dir (one syncfs call instead of an
// fsync per staged file).
func syncFS(dir string) {
	if f, err := os.Open(dir); err == nil {
		unix.Syncfs(int(f.Fd()))
		f.Close()
	}
}
