package hosting

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// syncFS flushes the file system holding dir (one syncfs call instead of an
// fsync per staged file).
func syncFS(dir string) error {
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	if err := unix.Syncfs(int(f.Fd())); err != nil {
		f.Close()
		return &os.PathError{Op: "syncfs", Path: dir, Err: err}
	}
	return f.Close()
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

// renameNoReplace renames old to new unless new exists (fs.ErrExist), in
// one step: a folder is never moved over one made meanwhile.
func renameNoReplace(old, new string) error {
	err := unix.Renameat2(unix.AT_FDCWD, old, unix.AT_FDCWD, new, unix.RENAME_NOREPLACE)
	if errors.Is(err, unix.EINVAL) || errors.Is(err, unix.ENOSYS) {
		// A file system without RENAME_NOREPLACE.
		return renameIfAbsent(old, new)
	}
	if err != nil {
		return &os.LinkError{Op: "rename", Old: old, New: new, Err: err}
	}
	return nil
}
