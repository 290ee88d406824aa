// Package atomicfile writes files so that a crash never leaves half of one:
// the Markdown export, the write-back to linked folders and the media
// library all place their files through it.
package atomicfile

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
)

// Write replaces path with data so that a reader (or a crash) sees
// either the old file or the new one, never half of it: a temporary file in
// the same folder, fsync, rename over path, fsync of the folder. An existing
// file keeps its permissions.
func Write(path string, data []byte, perm os.FileMode) (err error) {
	dir, name := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	if fi, err := os.Stat(path); err == nil {
		perm = fi.Mode().Perm()
	}
	f, err := os.CreateTemp(dir, tempPattern(name))
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	if _, err = f.Write(data); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = f.Chmod(perm); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = f.Sync(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = f.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = os.Rename(tmp, path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = SyncDir(dir); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// SyncFile flushes a file's data to disk.
func SyncFile(name string) error {
	f, err := os.Open(name)
	if err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// SyncDir flushes a folder's entries (a rename or a new file in it) to disk.
// A file system that cannot sync folders (EINVAL) is not an error: there is
// nothing more to be done on it.
func SyncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	err = d.Sync()
	if errors.Is(err, syscall.EINVAL) {
		err = nil
	}
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	return err
}

// tempPattern names the temporary file of a Write of name, in its folder.
func tempPattern(name string) string { return "." + name + ".quire-*.tmp" }

// RemoveLeftovers removes the temporary files that Writes of path cut short
// by a crash left in its folder. Call it only while no Write of path runs.
func RemoveLeftovers(path string) error {
	dir, name := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	found, err := filepath.Glob(filepath.Join(dir, tempPattern(filepath.Base(name))))
	if err != nil {
		return err
	}
	for _, f := range found {
		if err := os.Remove(f); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
	}
	return nil
}
