package importer

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"

	"quire/backend/store"
)

// deriveVersion changes whenever the rules that make a post from a file
// change, so that files recorded under older rules are read again.
const deriveVersion = 1

// fileContext is what a post is made from besides the file's bytes: the
// rules parseFile applies to it and whether images are brought in.
func fileContext(c candidate, images bool) string {
	return fmt.Sprintf("v%d kind=%s draft=%t bundle=%t root=%s images=%t", deriveVersion, c.kind, c.draft, c.bundle, c.root, images)
}

func hashBytes(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// stamp is path's size and modification time as a dependency: size -1 when
// it is not a regular file.
func stamp(path string) store.FileStamp {
	fi, err := os.Stat(path)
	if err != nil || !fi.Mode().IsRegular() {
		return store.FileStamp{Path: path, Size: -1}
	}
	return store.FileStamp{Path: path, Size: fi.Size(), ModTime: fi.ModTime().UnixNano()}
}

// reusable reports whether what the last import made of a file still
// stands, apart from the file itself: the same rules, its post not edited
// since, and the files it looked at (images) as they were.
func reusable(prev *store.ImportedFile, ctxKey string) bool {
	if prev == nil || prev.Context != ctxKey || prev.Revision != prev.PostCurrent {
		return false
	}
	for _, d := range prev.Deps {
		if stamp(d.Path) != d {
			return false
		}
	}
	return true
}

// knownFiles reads what the store recorded of the files of one batch, and
// returns their absolute paths (each file's post's source).
func knownFiles(ctx context.Context, st *store.Store, files []candidate) (map[string]store.ImportedFile, []string, error) {
	abs := make([]string, len(files))
	// filepath.Abs asks for the working folder each time: once here.
	cwd, err := os.Getwd()
	if err != nil {
		return nil, abs, nil // parseFile finds each path itself
	}
	var paths []string
	for i, c := range files {
		if c.err != nil || c.skip != "" {
			continue
		}
		abs[i] = c.path
		if !filepath.IsAbs(c.path) {
			abs[i] = filepath.Join(cwd, c.path)
		} else {
			abs[i] = filepath.Clean(c.path)
		}
		paths = append(paths, abs[i])
	}
	known, err := st.ImportedFiles(ctx, paths)
	return known, abs, err
}
