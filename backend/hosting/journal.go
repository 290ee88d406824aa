package hosting

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"quire/backend/atomicfile"
)

// journal is written beside the folder once the new files are staged; from
// then on the export is decided, and Recover finishes it.
type journal struct {
	Stage  string      `json:"stage"`
	Remove []string    `json:"remove"` // stale files, removed first
	Place  []placement `json:"place"`  // staged files, renamed into place in order; the manifest last
}

// placement is a staged file (its path in the stage) and its path in the
// folder.
type placement struct {
	Staged string `json:"s"`
	Path   string `json:"p"`
}

// siblings names the stage and the journal beside dir, not in it: nothing
// of an unfinished export may be seen in the hosting folder, and a rename
// from the stage into it stays on one file system.
func siblings(dir string) (stage, jpath string) {
	parent, base := filepath.Split(filepath.Clean(dir))
	return filepath.Join(parent, "."+base+".quire-stage"), filepath.Join(parent, "."+base+".quire-journal")
}

// Recover finishes an export into dir that was interrupted after its files
// were staged (rolls it forward), or throws away a stage that never got that
// far (the folder was not touched). After Recover the folder holds exactly
// the old site or exactly the new one.
func Recover(dir string) error {
	stage, jpath := siblings(dir)
	// A journal whose write was cut short never got its name: nothing
	// refers to it.
	if err := atomicfile.RemoveLeftovers(jpath); err != nil {
		return fmt.Errorf("export %s: remove an unfinished journal: %w", jpath, err)
	}
	b, err := os.ReadFile(jpath)
	if errors.Is(err, fs.ErrNotExist) {
		if err := os.RemoveAll(stage); err != nil {
			return fmt.Errorf("export %s: remove old stage: %w", stage, err)
		}
		return nil
	}
	if err != nil {
		return fmt.Errorf("export %s: read journal: %w", jpath, err)
	}
	var j journal
	if err := json.Unmarshal(b, &j); err != nil {
		// A journal is renamed into place whole, so it never reads short.
		return fmt.Errorf("export %s: journal: %w", jpath, err)
	}
	return apply(dir, jpath, &j)
}

// apply carries out a journal. Every step can be repeated: a staged file
// that is gone was placed already; a stale file that is gone was removed.
func apply(dir, jpath string, j *journal) error {
	for _, rel := range j.Remove {
		p, err := within(dir, rel)
		if err != nil {
			return err
		}
		// Removal, like writing, never goes through a link: a folder
		// replaced by a link since the journal was made is left alone.
		if ThroughLink(dir, rel) {
			continue
		}
		if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("export %s: %w", p, err)
		}
		pruneEmpty(dir, path.Dir(rel))
	}
	made := map[string]bool{}  // folders of dir (paths) known to exist
	have := map[string]bool{}  // the same, by rel
	moved := map[string]bool{} // rels of folders moved whole from the stage
	for _, pl := range j.Place {
		if movedWith(moved, pl.Path) {
			continue
		}
		src, err := within(j.Stage, pl.Staged)
		if err != nil {
			return err
		}
		dst, err := within(dir, pl.Path)
		if err != nil {
			return err
		}
		if parent := filepath.Dir(dst); !made[parent] {
			// A file whose folder the site does not have yet goes with the
			// highest missing folder, moved whole with everything staged in
			// it: one rename for a new post's folder, or for all of posts/
			// on a first export, instead of a rename (and a lookup of its
			// folders) per file.
			if top := missingFolder(dir, pl.Path, have); top != "" && pl.Staged == stageSite+pl.Path {
				from, err := within(j.Stage, stageSite+top)
				if err != nil {
					return err
				}
				to, err := within(dir, top)
				if err != nil {
					return err
				}
				err = renameNoReplace(from, to)
				if err == nil {
					moved[top] = true
					continue
				}
				// Gone from the stage: moved before an interruption. There
				// already: made meanwhile. Either way, file by file.
				if !errors.Is(err, fs.ErrNotExist) && !errors.Is(err, fs.ErrExist) {
					return fmt.Errorf("export %s: %w", to, err)
				}
			}
			if err := os.MkdirAll(parent, 0o755); err != nil {
				return fmt.Errorf("export %s: %w", dst, err)
			}
			made[parent] = true
		}
		if err := os.Rename(src, dst); err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				if _, serr := os.Lstat(src); errors.Is(serr, fs.ErrNotExist) {
					continue // placed before an interruption
				}
			}
			return fmt.Errorf("export %s: %w", dst, err)
		}
	}
	if err := os.Remove(jpath); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("export %s: %w", jpath, err)
	}
	return os.RemoveAll(j.Stage)
}

// renameIfAbsent renames old to new unless new exists (fs.ErrExist): in two
// steps, for systems without an atomic no-replace rename.
func renameIfAbsent(old, new string) error {
	if _, err := os.Lstat(new); err == nil {
		return &os.LinkError{Op: "rename", Old: old, New: new, Err: fs.ErrExist}
	}
	return os.Rename(old, new)
}

// movedWith: rel is inside a folder that was moved whole.
func movedWith(moved map[string]bool, rel string) bool {
	if len(moved) == 0 {
		return false
	}
	for d := path.Dir(rel); d != "."; d = path.Dir(d) {
		if moved[d] {
			return true
		}
	}
	return false
}

// missingFolder returns the highest folder on rel's path that dir does not
// have ("" when it has them all); have caches the ones it has.
func missingFolder(dir, rel string, have map[string]bool) string {
	parts := strings.Split(path.Dir(rel), "/")
	if parts[0] == "." {
		return ""
	}
	for i := range parts {
		sub := strings.Join(parts[:i+1], "/")
		if have[sub] {
			continue
		}
		if _, err := os.Lstat(filepath.Join(dir, filepath.FromSlash(sub))); err != nil {
			return sub
		}
		have[sub] = true
	}
	return ""
}

// pruneEmpty removes rel and its parents inside dir while they are empty
// directories (os.Remove refuses a directory that holds anything, but
// removes a link: a link is never removed).
func pruneEmpty(dir, rel string) {
	for rel != "." && rel != "/" && rel != "" {
		p, err := within(dir, rel)
		if err != nil {
			return
		}
		if fi, err := os.Lstat(p); err != nil || !fi.IsDir() || os.Remove(p) != nil {
			return
		}
		rel = path.Dir(rel)
	}
}
