package hosting

import (
	"fmt"
	"path"
	"sort"
)

// CollisionError: two items would land on one path, or one item's path is
// a folder on the path of another (Folder).
type CollisionError struct {
	Path, PathA string
	A, B        string
	// Folder: PathA is a file and a folder of Path.
	Folder bool
}

func (e *CollisionError) Error() string {
	if e.Folder {
		return fmt.Sprintf("%s (%s) and %s (%s) cannot both be written: %s would have to be a file and a folder", e.A, e.PathA, e.B, e.Path, e.PathA)
	}
	if e.Path == e.PathA {
		return fmt.Sprintf("%s and %s would both be written to %s", e.A, e.B, e.Path)
	}
	return fmt.Sprintf("%s (%s) and %s (%s) would land on one path on case-insensitive or normalising file systems", e.A, e.PathA, e.B, e.Path)
}

// Collision is the first collision among the failures, if any, or else
// the first path that an item needs as a file and another as a folder
// (a post with the slug index.html under /:slug/ against the home page).
// It is called when every item is put and before Commit, so the folder
// is not touched when it finds one.
func (p *Publisher) Collision() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, f := range p.failed {
		if f.collision != nil {
			return f.collision
		}
	}
	keys := make([]string, 0, len(p.folded))
	for k := range p.folded {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	manifest := FoldPath(ManifestName)
	for _, k := range keys {
		for d := path.Dir(k); d != "."; d = path.Dir(d) {
			file, ok := p.folded[d]
			if !ok && d != manifest {
				continue
			}
			src := p.sources[file]
			if !ok {
				file, src = ManifestName, "Quire's manifest"
			}
			rel := p.folded[k]
			return &CollisionError{Path: rel, PathA: file, A: src, B: p.sources[rel], Folder: true}
		}
	}
	return nil
}
