// Package hosting places a site's files into a hosting folder so that the
// folder always holds one whole site, never a mix, and never loses a file
// its owner put there. The exporter is its one user.
//
// The guarantee. Changed files are written into a stage folder beside the
// hosting folder (".NAME.quire-stage", each file at its path under site/),
// never into it. When every item is staged, the staged data is flushed to
// disk and a journal (".NAME.quire-journal") listing the stale files to
// remove and the staged files to place is written, fsynced and renamed into
// place: that rename is the moment the export happens. The stale files are
// then removed and the staged ones renamed into the folder one by one, or a
// folder the site does not have yet with everything in it at once (each
// rename is atomic, so no file is ever seen half-written), the manifest last.
// If the process dies before the journal exists, the folder was not touched
// and the next export throws the stage away; if it dies after, the next
// export (or Recover) finishes the journal before anything else. So after
// Recover the folder holds exactly the old site or exactly the new one, byte
// for byte; while a placement is under way (milliseconds for a few files) a
// web server reading the folder may serve some files old and some new. This
// is tested by killing an exporting process with SIGKILL; against power loss
// the data and the journal are flushed before the commit point, but the
// folders are not fsynced after each rename. One export runs per folder at a
// time (a lock on the folder that the kernel drops when the process ends).
//
// Files not listed in the manifest (.quire-manifest.json) are never written,
// moved or removed: a page whose path holds such a file fails with the
// reason. A file Quire wrote that was changed by hand since (its size or
// time differ from the manifest) is not removed when it goes stale; it is
// left as a foreign file.
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
			// on a first export (13,000 files placed one by one took 0.4 to 0.5 s).
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

// ThroughLink: a folder on rel's path inside dir is not a real folder (a
// link, or gone), so rel is not the file Quire placed there, whatever the
// path leads to now. rel itself may be a link: removing it removes the link.
func ThroughLink(dir, rel string) bool {
	for d := path.Dir(rel); d != "."; d = path.Dir(d) {
		fi, err := os.Lstat(filepath.Join(dir, filepath.FromSlash(d)))
		if err != nil || !fi.IsDir() {
			return true
		}
	}
	return false
}

// within joins a checked relative path to dir.
func within(dir, rel string) (string, error) {
	if err := CheckPath(rel); err != nil {
		return "", err
	}
	return filepath.Join(dir, filepath.FromSlash(rel)), nil
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
