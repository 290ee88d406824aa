//go:build !linux

package hosting

import "errors"

// syncFS: there is no syncfs off Linux; the staged files are fsynced one by one.
func syncFS(dir string) error { return errors.ErrUnsupported }

// lockDir does not lock off Linux.
func lockDir(dir string) (unlock func(), err error) { return func() {}, nil }

// renameNoReplace renames old to new unless new exists (fs.ErrExist).
func renameNoReplace(old, new string) error { return renameIfAbsent(old, new) }
