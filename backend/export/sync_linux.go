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

// lockDir takes an exclusive lock on the folder for one export; the kernel
// drops it when the process ends, however it ends.
func lockDir(dir string) (unlock func(), err error) {
	f, err := os.Open(dir)
	if err != nil {
		return nil, err
	}
	if err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB); err != nil {
		f.Close()
		return nil, ErrBusy
	}
	return func() { f.Close() }, nil
}
