package hosting

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"quire/backend/atomicfile"
)

// ErrBusy: another export into the folder is running.
var ErrBusy = errors.New("another export into this folder is running")

// ManifestName is the file in the hosting folder that lists what Quire wrote.
const ManifestName = ".quire-manifest.json"

// ErrForeignFolder: the folder holds files and no manifest, so Quire cannot
// tell its own files from the owner's. Export again with Force to go on
// (foreign files are still never touched).
var ErrForeignFolder = errors.New("the folder holds files Quire did not write and no " + ManifestName)

// Item is one file of the site: the descriptor the exporter produces and the
// publisher places. TargetPath is slash-separated and relative to the
// hosting folder.
type Item struct {
	TargetPath string
	Content    []byte
	// Source names what made the item, for messages ("post kubecon").
	Source string
	// Key, when set, identifies the inputs the content was made from; a
	// later export whose Key is the same may skip making the content (see
	// Publisher.Fresh) and send the item with Keep.
	Key  string
	Keep bool
}

// entry is a file in the manifest.
type entry struct {
	SHA256 string `json:"sha256"`
	Size   int64  `json:"size"`
	MTime  int64  `json:"mtime"` // UnixNano when Quire placed it
	Key    string `json:"key,omitempty"`
}

type manifest struct {
	Generator string            `json:"generator"`
	Files     map[string]*entry `json:"files"`
}

// Publisher places items into the hosting folder: it stages changed files in
// a sibling folder, then places them under a journal. It is the only code
// that writes into the hosting folder.
type Publisher struct {
	dir, stage, journal string
	unlock              func()

	mu      sync.Mutex
	old     map[string]*entry
	cur     map[string]*entry
	folded  map[string]string // case- and normalisation-folded path -> path
	sources map[string]string // path -> source
	place   []placement
	failed  []Failure
	written int
	same    int
	dirs    map[string]int // what is at each folder path (dirState)
}

// Failure is an item that was not placed, with the reason.
type Failure struct {
	Path   string `json:"path,omitempty"`
	Source string `json:"source,omitempty"`
	Err    string `json:"error"`

	collision *CollisionError
}

// Open recovers any interrupted export into dir, reads its manifest
// and prepares an empty stage. Without a manifest, a folder holding anything
// is refused with ErrForeignFolder unless force is set.
func Open(dir string, force bool) (*Publisher, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("export %s: %w", dir, err)
	}
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return nil, fmt.Errorf("export %s: not a folder", dir)
	}
	unlock, err := lockDir(dir)
	if err != nil {
		return nil, fmt.Errorf("export %s: %w", dir, err)
	}
	ok := false
	defer func() {
		if !ok {
			unlock()
		}
	}()
	if err := Recover(dir); err != nil {
		return nil, err
	}
	p := &Publisher{unlock: unlock, dir: dir, old: map[string]*entry{}, cur: map[string]*entry{}, folded: map[string]string{}, sources: map[string]string{}, dirs: map[string]int{}}
	p.stage, p.journal = siblings(dir)
	b, err := os.ReadFile(filepath.Join(dir, ManifestName))
	switch {
	case err == nil:
		var m manifest
		if err := json.Unmarshal(b, &m); err != nil {
			return nil, fmt.Errorf("export %s: %s: %w", dir, ManifestName, err)
		}
		for rel, e := range m.Files {
			if CheckPath(rel) == nil && e != nil {
				p.old[rel] = e
			}
		}
	case errors.Is(err, fs.ErrNotExist):
		ents, err := os.ReadDir(dir)
		if err != nil {
			return nil, fmt.Errorf("export %s: %w", dir, err)
		}
		if len(ents) > 0 && !force {
			names := []string{}
			for i, e := range ents {
				if i == 3 {
					names = append(names, "...")
					break
				}
				names = append(names, e.Name())
			}
			return nil, fmt.Errorf("export %s: %w (%s); use --force to export beside them (they are left alone)", dir, ErrForeignFolder, strings.Join(names, ", "))
		}
	default:
		return nil, fmt.Errorf("export %s: %w", dir, err)
	}
	if err := os.RemoveAll(p.stage); err != nil {
		return nil, err
	}
	if err := os.Mkdir(p.stage, 0o755); err != nil {
		return nil, fmt.Errorf("export: stage beside %s: %w", dir, err)
	}
	ok = true
	return p, nil
}

// Dir is the hosting folder.
func (p *Publisher) Dir() string { return p.dir }

// Fresh reports whether rel was placed by an earlier export from inputs with
// this key and is still as Quire left it, so its content need not be made
// again: the exporter then sends an Item with Keep.
func (p *Publisher) Fresh(rel, key string) bool {
	p.mu.Lock()
	e := p.old[rel]
	p.mu.Unlock()
	return e != nil && key != "" && e.Key == key && p.intact(rel, e)
}

// intact: the file on disk is still the one Quire placed (size and mtime).
func (p *Publisher) intact(rel string, e *entry) bool {
	if p.throughLink(rel) {
		return false
	}
	fi, err := os.Lstat(filepath.Join(p.dir, filepath.FromSlash(rel)))
	return err == nil && fi.Mode().IsRegular() && fi.Size() == e.Size && fi.ModTime().UnixNano() == e.MTime
}

// Put stages an item, unless the folder already holds exactly its content.
// A problem with one item is recorded as a failure and returns an error; the
// other items go on. Two items on one path (after case and Unicode folding)
// are an error naming both.
func (p *Publisher) Put(it Item) error {
	rel := it.TargetPath
	fail := func(err error) error {
		p.mu.Lock()
		p.failed = append(p.failed, Failure{Path: rel, Source: it.Source, Err: err.Error()})
		p.mu.Unlock()
		return err
	}
	if err := CheckPath(rel); err != nil {
		return fail(err)
	}
	if rel == ManifestName {
		return fail(fmt.Errorf("%s is Quire's manifest", rel))
	}
	p.mu.Lock()
	k := FoldPath(rel)
	if other, dup := p.folded[k]; dup {
		p.mu.Unlock()
		ce := &CollisionError{Path: rel, A: p.sources[other], B: it.Source, PathA: other}
		p.mu.Lock()
		p.failed = append(p.failed, Failure{Path: rel, Source: it.Source, Err: ce.Error(), collision: ce})
		p.mu.Unlock()
		return ce
	}
	p.folded[k] = rel
	p.sources[rel] = it.Source
	old := p.old[rel]
	p.mu.Unlock()

	if it.Keep {
		if old == nil {
			return fail(fmt.Errorf("kept but never placed"))
		}
		p.record(rel, old, "")
		return nil
	}
	sum := sha256.Sum256(it.Content)
	e := &entry{SHA256: hex.EncodeToString(sum[:]), Size: int64(len(it.Content)), Key: it.Key}
	if old != nil && old.SHA256 == e.SHA256 && p.intact(rel, old) {
		e.MTime = old.MTime
		p.record(rel, e, "")
		return nil
	}
	if err := p.checkTarget(rel, old != nil); err != nil {
		return fail(err)
	}
	// Staged at its own path under stageSite, so that a folder the hosting
	// folder does not have yet is placed with one rename (see apply).
	staged := stageSite + rel
	dst := filepath.Join(p.stage, filepath.FromSlash(staged))
	fi, err := stageFile(dst, it.Content)
	if err != nil {
		return fail(err)
	}
	e.MTime = fi.ModTime().UnixNano()
	p.record(rel, e, staged)
	return nil
}

// stageSite is the folder of the stage that holds the site's files, beside
// the new manifest (stage/manifest), which an item's path cannot reach.
const stageSite = "site/"

// stageFile writes a staged file and its folders. A file it could not write
// whole is removed: everything under the stage's site folder may be placed
// by moving a folder.
func stageFile(name string, b []byte) (fs.FileInfo, error) {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return nil, err
	}
	err := os.WriteFile(name, b, 0o644)
	var fi fs.FileInfo
	if err == nil {
		fi, err = os.Stat(name)
	}
	if err != nil {
		os.Remove(name)
		return nil, err
	}
	return fi, nil
}

// checkTarget refuses to write over, or through, anything Quire did not
// write: a foreign file at the path, a file or a link where a folder must be.
func (p *Publisher) checkTarget(rel string, ours bool) error {
	parts := strings.Split(rel, "/")
	for i := 1; i < len(parts); i++ {
		sub := strings.Join(parts[:i], "/")
		switch p.dirState(sub) {
		case dirMissing:
			return nil // nothing below a missing folder: it will be made
		case dirLink:
			return fmt.Errorf("%s: %s is a link; Quire does not write through links", rel, sub)
		case dirFile:
			p.mu.Lock()
			stale := p.old[sub] != nil
			p.mu.Unlock()
			if !stale {
				return fmt.Errorf("%s: %s is a file Quire did not write", rel, sub)
			}
			return nil
		}
	}
	if fi, err := os.Lstat(filepath.Join(p.dir, filepath.FromSlash(rel))); err == nil {
		if !ours {
			return fmt.Errorf("%s exists and Quire did not write it; it is left alone (move it away to export this page)", rel)
		}
		if fi.IsDir() {
			return fmt.Errorf("%s is a folder", rel)
		}
	}
	return nil
}

// throughLink is ThroughLink of the folder, with what is at each folder
// looked up once per export.
func (p *Publisher) throughLink(rel string) bool {
	for d := path.Dir(rel); d != "."; d = path.Dir(d) {
		if p.dirState(d) != dirReal {
			return true
		}
	}
	return false
}

const (
	dirUnknown = iota
	dirReal
	dirMissing
	dirLink
	dirFile
)

// dirState is what is at sub in the folder, looked up once per export.
func (p *Publisher) dirState(sub string) int {
	p.mu.Lock()
	st, ok := p.dirs[sub]
	p.mu.Unlock()
	if ok {
		return st
	}
	fi, err := os.Lstat(filepath.Join(p.dir, filepath.FromSlash(sub)))
	switch {
	case err != nil:
		st = dirMissing
	case fi.Mode()&fs.ModeSymlink != 0:
		st = dirLink
	case fi.IsDir():
		st = dirReal
	default:
		st = dirFile
	}
	p.mu.Lock()
	p.dirs[sub] = st
	p.mu.Unlock()
	return st
}

func (p *Publisher) record(rel string, e *entry, staged string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.cur[rel] = e
	if staged != "" {
		p.place = append(p.place, placement{Staged: staged, Path: rel})
		p.written++
	} else {
		p.same++
	}
}

// KeepOld keeps the file an earlier export placed at rel as it is, for an
// item whose new content could not be made (its post failed), so a failure
// does not take the page down.
func (p *Publisher) KeepOld(rel, source string) {
	p.mu.Lock()
	e := p.old[rel]
	p.mu.Unlock()
	if e != nil && p.intact(rel, e) {
		p.mu.Lock()
		p.cur[rel] = e
		p.folded[FoldPath(rel)] = rel
		p.sources[rel] = source
		p.mu.Unlock()
	}
}

// Result is what a commit did.
type Result struct {
	Written, Unchanged, Removed int
	Failed                      []Failure
}

// Commit places the staged files and removes the stale ones (files an
// earlier export placed that this one did not make, if they are still as
// Quire left them), then writes the manifest. It writes a journal first, so
// that an interruption is finished by the next Recover.
func (p *Publisher) Commit() (Result, error) {
	defer p.unlock()
	res := Result{Written: p.written, Unchanged: p.same, Failed: p.failed}
	var remove []string
	for rel, e := range p.old {
		if p.cur[rel] == nil && p.intact(rel, e) {
			remove = append(remove, rel)
		}
	}
	sort.Strings(remove)
	sort.Slice(p.place, func(a, b int) bool { return p.place[a].Path < p.place[b].Path })
	res.Removed = len(remove)
	m := manifest{Generator: "Quire", Files: p.cur}
	mb, err := json.Marshal(m)
	if err != nil {
		return res, err
	}
	if len(p.place) == 0 && len(remove) == 0 {
		if old, err := os.ReadFile(filepath.Join(p.dir, ManifestName)); err == nil && string(old) == string(mb) {
			return res, os.RemoveAll(p.stage) // nothing changed: nothing written
		}
	}
	if err := os.WriteFile(filepath.Join(p.stage, "manifest"), mb, 0o644); err != nil {
		return res, err
	}
	j := journal{Stage: p.stage, Remove: remove, Place: append(p.place, placement{Staged: "manifest", Path: ManifestName})}
	jb, err := json.Marshal(j)
	if err != nil {
		return res, err
	}
	// Staged files reach the disk before the journal says they are there.
	if err := p.flushStage(j.Place); err != nil {
		os.RemoveAll(p.stage) // the folder was not touched
		return res, fmt.Errorf("export: flush the staged files: %w", err)
	}
	// The journal's rename into place is the moment the export happens.
	if err := atomicfile.Write(p.journal, jb, 0o644); err != nil {
		os.RemoveAll(p.stage)
		return res, fmt.Errorf("export: journal: %w", err)
	}
	if err := apply(p.dir, p.journal, &j); err != nil {
		return res, fmt.Errorf("%w (the next export finishes placing the site)", err)
	}
	return res, nil
}

// Abort throws the stage away; the folder is untouched.
func (p *Publisher) Abort() {
	os.RemoveAll(p.stage)
	p.unlock()
}

// flushStage makes the staged files durable: a few are fsynced one by one
// with their folders, many with one syncfs where the system has it.
func (p *Publisher) flushStage(place []placement) error {
	if len(place) >= 64 {
		err := syncFS(p.stage)
		if !errors.Is(err, errors.ErrUnsupported) {
			return err
		}
	}
	dirs := map[string]bool{}
	for _, pl := range place {
		name := filepath.Join(p.stage, filepath.FromSlash(pl.Staged))
		if err := atomicfile.SyncFile(name); err != nil {
			return err
		}
		for d := filepath.Dir(name); !dirs[d] && d != filepath.Dir(p.stage); d = filepath.Dir(d) {
			dirs[d] = true
			if err := atomicfile.SyncDir(d); err != nil {
				return err
			}
		}
	}
	return nil
}

// ManifestFiles reads a manifest (the content of ManifestName) and returns
// the files it lists with their SHA-256, so that a publish can tell what an
// export wrote, changed or removed without knowing the manifest's format.
func ManifestFiles(b []byte) (map[string]string, error) {
	var m manifest
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("%s: %w", ManifestName, err)
	}
	files := make(map[string]string, len(m.Files))
	for rel, e := range m.Files {
		if e != nil && CheckPath(rel) == nil {
			files[rel] = e.SHA256
		}
	}
	return files, nil
}
