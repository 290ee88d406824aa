//go:build !linux

package export

// syncFS is a no-op off Linux; the journal itself is fsynced.
func syncFS(dir string) {}

// lockDir does not lock off Linux.
func lockDir(dir string) (unlock func(), err error) { return func() {}, nil }

// renameNoReplace renames old to new unless new exists (fs.ErrExist).
func renameNoReplace(old, new string) error { return renameIfAbsent(old, new) }
