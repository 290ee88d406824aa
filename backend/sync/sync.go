// Package sync keeps linked folders and posts in step, both ways.
//
// A linked folder's Markdown files are posts (read by the importer's rules,
// so a Jekyll or Hugo site is understood). Edits made in another editor reach
// the post within a fraction of a second: folders are watched with fsnotify,
// events are collected on a short ticker and handled as one batch (an
// overflow of the kernel's queue is answered by comparing everything again),
// and editors that save by renaming a new file over the old one (vim, VS
// Code, sed -i) are handled because directories, not files, are watched.
// Edits made in Quire are written back to the file atomically (WritePost,
// or found by polling when another process made them).
//
// Each file's state at the last sync (its hash and its post's revision) is
// kept in the store, so that a change is known to come from one side or
// both. A post changed in both places is a conflict: the post keeps Quire's
// version, the file keeps the other, the file's version is stored as a
// conflict revision, and an EventConflict is sent; Resolve ends it. Deleting a
// file moves its post to the trash. Links survive restarts (store.AddLink).
package sync

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	gosync "sync"
	"time"

	"github.com/fsnotify/fsnotify"

	"quire/backend/atomicfile"
	"quire/backend/importer"
	"quire/backend/post"
	"quire/backend/store"
)

// EventKind says what happened to a file or post.
type EventKind string

const (
	EventCreated  EventKind = "created"  // a new file became a post
	EventUpdated  EventKind = "updated"  // a file's change reached its post (an external revision)
	EventWritten  EventKind = "written"  // a Quire edit was written to the file
	EventTrashed  EventKind = "trashed"  // the file was deleted: its post is in the trash
	EventRestored EventKind = "restored" // a file came back: its post left the trash
	EventConflict EventKind = "conflict" // both changed: the file's version is conflict revision Revision
	EventResolved EventKind = "resolved" // a conflict was resolved
	EventError    EventKind = "error"    // a file could not be read, parsed or stored: Err says why
	EventRescan   EventKind = "rescan"   // events were lost: every linked folder was compared again
)

// Event is sent on Events for every change the syncer makes.
type Event struct {
	Kind     EventKind `json:"kind"`
	Path     string    `json:"path,omitempty"`
	PostID   int64     `json:"postId,omitempty"`
	Revision int64     `json:"revision,omitempty"`
	Err      error     `json:"-"`
	Error    string    `json:"error,omitempty"`
}

func (e Event) String() string {
	s := fmt.Sprintf("%-9s %s", e.Kind, e.Path)
	if e.PostID != 0 {
		s += fmt.Sprintf(" (post %d", e.PostID)
		if e.Revision != 0 {
			s += fmt.Sprintf(", revision %d", e.Revision)
		}
		s += ")"
	}
	if e.Error != "" {
		s += ": " + e.Error
	}
	return s
}

// Options tune the syncer. The zero value is fine.
type Options struct {
	// Interval is how often collected file events are handled as a batch
	// (default 50 ms).
	Interval time.Duration
	// DeleteGrace is how long a file must stay missing before its post goes
	// to the trash, so that an editor saving by rename is not a delete
	// (default 300 ms).
	DeleteGrace time.Duration
	// PollInterval is how often posts edited in Quire by another process
	// are looked for and written to their files (default 1 s; negative:
	// never, for an app that calls WritePost after each save).
	PollInterval time.Duration
	// EventBuffer is the size of the Events channel (default 1024). When it
	// is full, events are dropped rather than stopping the sync.
	EventBuffer int
}

// Stats counts what one pass over files did.
type Stats struct {
	Created, Updated, Written, Trashed, Conflicts, Errors int
}

func (s Stats) String() string {
	return fmt.Sprintf("%d created, %d updated, %d written, %d trashed, %d conflicts, %d errors",
		s.Created, s.Updated, s.Written, s.Trashed, s.Conflicts, s.Errors)
}

// Syncer keeps the linked folders of one store in step with their posts.
type Syncer struct {
	st     *store.Store
	opt    Options
	events chan Event

	mu      gosync.Mutex // held while files and posts are compared and changed
	links   map[string]*link
	missing map[string]time.Time // files seen missing, and since when
	stats   Stats                // of the current pass

	w       *fsnotify.Watcher // while started
	pending map[string]bool   // paths with file events not yet handled
	rescan  bool
	closed  bool
	cancel  context.CancelFunc
	done    chan struct{}
}

type link struct {
	dir   string
	site  *importer.Site
	files map[string]*store.LinkFile
}

// New makes a syncer for st's linked folders; Start starts watching them.
func New(st *store.Store, opt Options) (*Syncer, error) {
	if opt.Interval <= 0 {
		opt.Interval = 50 * time.Millisecond
	}
	if opt.DeleteGrace <= 0 {
		opt.DeleteGrace = 300 * time.Millisecond
	}
	if opt.PollInterval == 0 {
		opt.PollInterval = time.Second
	}
	if opt.EventBuffer <= 0 {
		opt.EventBuffer = 1024
	}
	return &Syncer{st: st, opt: opt, events: make(chan Event, opt.EventBuffer),
		links: map[string]*link{}, missing: map[string]time.Time{}, pending: map[string]bool{}}, nil
}

// Events delivers what the syncer did (emitted while the syncer's lock is
// held: handle them on another goroutine). Read it, or events are dropped
// when its buffer is full. Close closes it.
func (s *Syncer) Events() <-chan Event { return s.events }

func (s *Syncer) emit(e Event) {
	if e.Err != nil {
		e.Error = e.Err.Error()
	}
	switch e.Kind {
	case EventCreated:
		s.stats.Created++
	case EventUpdated, EventRestored:
		s.stats.Updated++
	case EventWritten:
		s.stats.Written++
	case EventTrashed:
		s.stats.Trashed++
	case EventConflict:
		s.stats.Conflicts++
	case EventError:
		s.stats.Errors++
	}
	if s.closed {
		return
	}
	select {
	case s.events <- e:
	default:
	}
}

// Close stops the syncer and closes the Events channel.
func (s *Syncer) Close() {
	s.Stop()
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.closed {
		s.closed = true
		close(s.events)
	}
}

// cleanDir makes dir absolute and clean.
func cleanDir(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	return filepath.Clean(abs), nil
}

// Link links a folder: its Markdown files become posts (or update the posts
// made from them) and stay in step from now on, also after a restart. It
// returns what the first sync did. Linking a linked folder again syncs it.
func (s *Syncer) Link(ctx context.Context, dir string) (Stats, error) {
	dir, err := cleanDir(dir)
	if err != nil {
		return Stats{}, err
	}
	fi, err := os.Stat(dir)
	if err != nil {
		return Stats{}, fmt.Errorf("link %s: %w", dir, err)
	}
	if !fi.IsDir() {
		return Stats{}, fmt.Errorf("link %s: not a folder: %w", dir, post.ErrInvalid)
	}
	if err := noLinkedFiles(dir); err != nil {
		return Stats{}, fmt.Errorf("link %s: %w", dir, err)
	}
	links, err := s.st.Links(ctx)
	if err != nil {
		return Stats{}, err
	}
	for _, l := range links {
		if l.Dir != dir && (within(l.Dir, dir) || within(dir, l.Dir)) {
			return Stats{}, fmt.Errorf("link %s: it overlaps the linked folder %s: %w", dir, l.Dir, post.ErrInvalid)
		}
	}
	if err := s.st.AddLink(ctx, dir); err != nil {
		return Stats{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	l, err := s.load(ctx, dir)
	if err != nil {
		return Stats{}, err
	}
	if s.w != nil {
		s.watchTree(dir)
	}
	s.stats = Stats{}
	err = s.scan(ctx, l)
	return s.stats, err
}

// Unlink stops keeping a folder in step. Its files and posts stay as they are.
func (s *Syncer) Unlink(ctx context.Context, dir string) error {
	dir, err := cleanDir(dir)
	if err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.st.RemoveLink(ctx, dir); err != nil {
		return err
	}
	delete(s.links, dir)
	if s.w != nil {
		for _, w := range s.w.WatchList() {
			if within(dir, w) {
				s.w.Remove(w)
			}
		}
	}
	return nil
}

// Links lists the linked folders.
func (s *Syncer) Links(ctx context.Context) ([]store.Link, error) { return s.st.Links(ctx) }

// within reports whether path is dir or inside it.
func within(dir, path string) bool {
	return path == dir || strings.HasPrefix(path, dir+string(filepath.Separator))
}

// load reads a link's sync state from the store.
func (s *Syncer) load(ctx context.Context, dir string) (*link, error) {
	if l := s.links[dir]; l != nil {
		return l, nil
	}
	files, err := s.st.LinkFiles(ctx, dir)
	if err != nil {
		return nil, err
	}
	l := &link{dir: dir, files: make(map[string]*store.LinkFile, len(files))}
	for i := range files {
		l.files[files[i].Path] = &files[i]
	}
	s.links[dir] = l
	return l, nil
}

// Start loads the links, brings every linked folder in step (changes made
// while Quire was not running included) and watches them until Stop or ctx
// ends. A linked folder that is gone is reported as an error event and
// watched again when it is linked again.
func (s *Syncer) Start(ctx context.Context) error {
	w, err := fsnotify.NewBufferedWatcher(4096)
	if err != nil {
		return fmt.Errorf("watch linked folders: %w", err)
	}
	s.mu.Lock()
	if s.w != nil {
		s.mu.Unlock()
		w.Close()
		return errors.New("sync: already started")
	}
	s.w = w
	s.mu.Unlock()
	if err := s.SyncAll(ctx); err != nil {
		s.mu.Lock()
		s.w = nil
		s.mu.Unlock()
		w.Close()
		return err
	}
	ctx, cancel := context.WithCancel(ctx)
	// Under mu: an app starts the syncer on a goroutine of its own and
	// may close it before Start returns.
	s.mu.Lock()
	if s.closed {
		s.w = nil
		s.mu.Unlock()
		cancel()
		w.Close()
		return errors.New("sync: closed")
	}
	s.cancel = cancel
	s.done = make(chan struct{})
	done, w := s.done, s.w
	s.mu.Unlock()
	go s.loop(ctx, w, done)
	return nil
}

// Stop stops watching and waits for the batch in hand to finish.
func (s *Syncer) Stop() {
	s.mu.Lock()
	cancel, done := s.cancel, s.done
	s.cancel = nil
	s.mu.Unlock()
	if cancel == nil {
		return
	}
	cancel()
	<-done
	s.mu.Lock()
	if s.w != nil {
		s.w.Close()
		s.w = nil
	}
	s.mu.Unlock()
}

// SyncAll compares every linked folder with its posts now, and (when
// started) makes sure each is watched.
func (s *Syncer) SyncAll(ctx context.Context) error {
	links, err := s.st.Links(ctx)
	if err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.stats = Stats{}
	for _, lk := range links {
		if _, err := os.Stat(lk.Dir); err != nil {
			s.emit(Event{Kind: EventError, Path: lk.Dir, Err: fmt.Errorf("linked folder %s: %w", lk.Dir, err)})
			continue
		}
		l, err := s.load(ctx, lk.Dir)
		if err != nil {
			return err
		}
		if s.w != nil {
			s.watchTree(lk.Dir)
		}
		if err := s.scan(ctx, l); err != nil {
			return err
		}
	}
	return nil
}

// watchTree watches dir and every folder under it (but hidden ones and
// node_modules).
func (s *Syncer) watchTree(dir string) {
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return nil
		}
		if p != dir && (strings.HasPrefix(d.Name(), ".") || d.Name() == "node_modules") {
			return filepath.SkipDir
		}
		if err := s.w.Add(p); err != nil {
			s.emit(Event{Kind: EventError, Path: p, Err: fmt.Errorf("watch %s: %w", p, err)})
		}
		return nil
	})
}

// scan compares a whole linked folder with its posts. Files whose size and
// time are as last synced, and whose posts were not edited since, are not
// read.
func (s *Syncer) scan(ctx context.Context, l *link) error {
	site, files, err := importer.Walk(l.dir)
	if err != nil {
		s.emit(Event{Kind: EventError, Path: l.dir, Err: err})
		return nil
	}
	l.site = site
	if len(l.files) == 0 {
		if err := s.firstSync(ctx, l, files); err != nil {
			return err
		}
	}
	changed, err := s.st.ChangedLinkedFiles(ctx, l.dir)
	if err != nil {
		return err
	}
	edited := make(map[string]bool, len(changed))
	for _, f := range changed {
		edited[f.Path] = true
	}
	var dirty []string
	seen := make(map[string]bool, len(files))
	for _, f := range files {
		p := f.Path()
		seen[p] = true
		if f.Err() != nil || f.Skipped() != "" {
			continue
		}
		if lf := l.files[p]; lf != nil && !edited[p] && lf.Conflict == "" {
			if fi, err := os.Stat(p); err == nil && fi.Size() == lf.Size && fi.ModTime().UnixNano() == lf.ModTime {
				continue
			}
		}
		dirty = append(dirty, p)
	}
	for p := range l.files {
		if !seen[p] {
			// Gone while nobody watched: no editor is halfway through
			// saving it, so its post goes to the trash now.
			s.missing[p] = time.Time{}
			dirty = append(dirty, p)
		}
	}
	sort.Strings(dirty)
	return s.syncPaths(ctx, l, dirty)
}

// firstSync takes in a newly linked folder as an import does (files read and
// parsed on every core, stored in batches); the scan that follows handles
// what it could not. Each file is hashed before it is imported, so a file
// changed meanwhile is seen as changed by the next comparison.
func (s *Syncer) firstSync(ctx context.Context, l *link, files []importer.File) error {
	var paths []string
	for _, f := range files {
		if f.Err() == nil && f.Skipped() == "" {
			paths = append(paths, f.Path())
		}
	}
	states := make([]store.LinkFile, len(paths))
	next := make(chan int)
	var wg gosync.WaitGroup
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				fi, err := os.Stat(paths[i])
				if err != nil {
					continue
				}
				data, err := os.ReadFile(paths[i])
				if err != nil {
					continue
				}
				states[i] = store.LinkFile{Path: paths[i], Dir: l.dir, Hash: hashOf(data), Size: fi.Size(), ModTime: fi.ModTime().UnixNano()}
			}
		}()
	}
	for i := range paths {
		next <- i
	}
	close(next)
	wg.Wait()
	byPath := make(map[string]*store.LinkFile, len(paths))
	for i := range states {
		if states[i].Hash != "" {
			byPath[states[i].Path] = &states[i]
		}
	}
	rep, err := importer.ImportWith(ctx, s.st, []string{l.dir}, importer.Options{})
	if err != nil {
		return err
	}
	var puts []store.LinkFile
	for _, r := range rep.Results {
		st := byPath[r.Path]
		switch {
		case r.Outcome == importer.Failed:
			s.emit(Event{Kind: EventError, Path: r.Path, Err: r.Err})
		case r.PostID == 0 || st == nil:
		default:
			st.PostID, st.Revision = r.PostID, r.Revision
			l.files[r.Path] = st
			puts = append(puts, *st)
			switch r.Outcome {
			case importer.Imported:
				s.emit(Event{Kind: EventCreated, Path: r.Path, PostID: r.PostID, Revision: r.Revision})
			case importer.Updated:
				s.emit(Event{Kind: EventUpdated, Path: r.Path, PostID: r.PostID, Revision: r.Revision})
			}
		}
	}
	return s.st.PutLinkFiles(ctx, puts)
}

// linkOf returns the link holding path.
func (s *Syncer) linkOf(path string) *link {
	for dir, l := range s.links {
		if within(dir, path) {
			return l
		}
	}
	return nil
}

func hashOf(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// newFile is a file to become a post, stored in batches.
type newFile struct {
	path string
	item *store.ImportItem
	lf   store.LinkFile
}

// syncPaths brings each path and its post in step; s.mu is held.
func (s *Syncer) syncPaths(ctx context.Context, l *link, paths []string) error {
	var puts []store.LinkFile
	var dels []string
	var news []newFile
	flushNew := func() error {
		if len(news) == 0 {
			return nil
		}
		items := make([]*store.ImportItem, len(news))
		for i := range news {
			items[i] = news[i].item
		}
		if err := s.st.ImportPosts(ctx, items); err != nil {
			return err
		}
		for _, n := range news {
			it := n.item
			if it.Err != nil || it.Outcome == store.ImportFailed {
				s.emit(Event{Kind: EventError, Path: n.path, Err: it.Err})
				continue
			}
			lf := n.lf
			lf.PostID, lf.Revision = it.Post.ID, it.Post.Revision
			l.files[n.path] = &lf
			puts = append(puts, lf)
			kind := EventCreated
			if it.Outcome != store.ImportCreated {
				kind = EventUpdated
			}
			s.emit(Event{Kind: kind, Path: n.path, PostID: it.Post.ID, Revision: it.Post.Revision})
		}
		news = news[:0]
		return nil
	}
	for _, path := range paths {
		if err := ctx.Err(); err != nil {
			return err
		}
		lf, nf, gone, err := s.syncOne(ctx, l, path)
		if err != nil {
			return err
		}
		switch {
		case gone:
			dels = append(dels, path)
		case nf != nil:
			news = append(news, *nf)
			if len(news) >= 250 {
				if err := flushNew(); err != nil {
					return err
				}
			}
		case lf != nil:
			l.files[path] = lf
			puts = append(puts, *lf)
		}
	}
	if err := flushNew(); err != nil {
		return err
	}
	if err := s.st.PutLinkFiles(ctx, puts); err != nil {
		return err
	}
	return s.st.DeleteLinkFiles(ctx, dels)
}

// syncOne compares one file with its post and does what is needed. It
// returns the file's new sync state to record (nil: nothing to record), a
// new file to import, or gone when the file's state is to be forgotten. Only
// database failures are returned as errors; a bad file is an error event.
func (s *Syncer) syncOne(ctx context.Context, l *link, path string) (rec *store.LinkFile, nf *newFile, gone bool, err error) {
	lf := l.files[path]
	fi, statErr := os.Stat(path)
	if statErr != nil {
		if !errors.Is(statErr, fs.ErrNotExist) {
			s.emit(Event{Kind: EventError, Path: path, Err: statErr})
			return nil, nil, false, nil
		}
		if lf == nil {
			delete(s.missing, path)
			return nil, nil, false, nil
		}
		since, ok := s.missing[path]
		if !ok {
			s.missing[path] = time.Now()
			return nil, nil, false, nil
		}
		if time.Since(since) < s.opt.DeleteGrace {
			return nil, nil, false, nil
		}
		delete(s.missing, path)
		delete(l.files, path)
		if lf.PostID != 0 {
			switch err := s.st.TrashPost(ctx, lf.PostID); {
			case err == nil:
				s.emit(Event{Kind: EventTrashed, Path: path, PostID: lf.PostID})
			case !errors.Is(err, post.ErrNotFound):
				return nil, nil, false, err
			}
		}
		return nil, nil, true, nil
	}
	delete(s.missing, path)
	if !fi.Mode().IsRegular() || l.site == nil {
		return nil, nil, false, nil
	}
	if err := symlinkErr(path); err != nil {
		// Came after the folder was linked: left out, with the reason.
		if _, ok := l.site.Classify(path); ok {
			s.emit(Event{Kind: EventError, Path: path, PostID: postOf(lf), Err: err})
		}
		return nil, nil, false, nil
	}
	file, ok := l.site.Classify(path)
	if !ok || file.Skipped() != "" {
		return nil, nil, false, nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		s.emit(Event{Kind: EventError, Path: path, Err: err})
		return nil, nil, false, nil
	}
	hash := hashOf(data)
	state := store.LinkFile{Path: path, Dir: l.dir, Hash: hash, Size: fi.Size(), ModTime: fi.ModTime().UnixNano()}

	var cur *post.Post
	if lf != nil && lf.PostID != 0 {
		cur, err = s.st.GetPost(ctx, lf.PostID)
		if err != nil && !errors.Is(err, post.ErrNotFound) {
			return nil, nil, false, err
		}
	}
	if cur == nil {
		cur, err = s.st.GetPostBySource(ctx, path)
		if err != nil && !errors.Is(err, post.ErrNotFound) {
			return nil, nil, false, err
		}
		lf = nil // the state was for a post that is gone
	}
	read := func() *post.Post {
		p, defSlug, res := file.Read()
		if p == nil {
			e := res.Err
			if e == nil {
				e = errors.New(res.Reason)
			}
			s.emit(Event{Kind: EventError, Path: path, Err: e})
			return nil
		}
		if p.Slug == "" && cur != nil {
			p.Slug = cur.Slug
		} else if p.Slug == "" {
			p.Slug = defSlug
		}
		return p
	}
	if cur == nil {
		p := read()
		if p == nil {
			return nil, nil, false, nil
		}
		slug := p.Slug
		p.Slug = ""
		return nil, &newFile{path: path, item: &store.ImportItem{Post: p, DefaultSlug: slug}, lf: state}, false, nil
	}
	trashed, err := s.st.IsTrashed(ctx, cur.ID)
	if err != nil {
		return nil, nil, false, err
	}
	if trashed && (lf == nil || hash != lf.Hash) {
		// The file came back or was edited: its post comes back. (A post
		// trashed in Quire stays there while its file is left alone.)
		if err := s.st.RestorePost(ctx, cur.ID); err != nil {
			return nil, nil, false, err
		}
		s.emit(Event{Kind: EventRestored, Path: path, PostID: cur.ID})
	}
	if lf == nil {
		// A post made from this file before the folder was linked: the file wins.
		p := read()
		if p == nil {
			return nil, nil, false, nil
		}
		p.ID, p.Revision = cur.ID, cur.Revision
		if err := s.st.SavePost(ctx, p, store.KindExternal); err != nil {
			if isStoreFailure(err) {
				return nil, nil, false, err
			}
			s.emit(Event{Kind: EventError, Path: path, PostID: cur.ID, Err: err})
			return nil, nil, false, nil
		}
		if p.Revision != cur.Revision {
			s.emit(Event{Kind: EventUpdated, Path: path, PostID: cur.ID, Revision: p.Revision})
		}
		state.PostID, state.Revision = cur.ID, p.Revision
		return &state, nil, false, nil
	}
	state.PostID = cur.ID
	fileChanged := hash != lf.Hash
	postChanged := cur.Revision != lf.Revision
	switch {
	case !fileChanged && !postChanged:
		if lf.Size == state.Size && lf.ModTime == state.ModTime && lf.Conflict == "" {
			return nil, nil, false, nil
		}
		state.Revision, state.Conflict = lf.Revision, lf.Conflict
		return &state, nil, false, nil
	case fileChanged && hash == lf.Conflict:
		return nil, nil, false, nil // this version is already a conflict revision
	case !fileChanged && postChanged:
		if lf.Conflict != "" {
			return nil, nil, false, nil // resolved by Resolve only
		}
		return s.writeBack(ctx, path, cur, state)
	}
	// The file changed: from its last synced revision.
	p := read()
	if p == nil {
		return nil, nil, false, nil
	}
	p.ID, p.Revision = cur.ID, lf.Revision
	err = s.st.SavePost(ctx, p, store.KindExternal)
	var ce *store.ConflictError
	switch {
	case errors.As(err, &ce):
		s.emit(Event{Kind: EventConflict, Path: path, PostID: cur.ID, Revision: ce.Saved,
			Err: fmt.Errorf("%s and its post both changed since the last sync; the file's version is kept as revision %d", path, ce.Saved)})
		rec := *lf
		rec.Conflict = hash
		return &rec, nil, false, nil
	case err != nil && isStoreFailure(err):
		return nil, nil, false, err
	case err != nil:
		s.emit(Event{Kind: EventError, Path: path, PostID: cur.ID, Err: err})
		return nil, nil, false, nil
	}
	state.Revision = p.Revision
	if p.Revision != lf.Revision {
		s.emit(Event{Kind: EventUpdated, Path: path, PostID: cur.ID, Revision: p.Revision})
	}
	return &state, nil, false, nil
}

// isStoreFailure tells a database failure (stop) from a post the store
// refused (report and go on).
func isStoreFailure(err error) bool {
	return !errors.Is(err, post.ErrInvalid) && !errors.Is(err, post.ErrConflict) && !errors.Is(err, post.ErrNotFound)
}

// writeBack writes a post to its file atomically and returns the new state.
func (s *Syncer) writeBack(ctx context.Context, path string, p *post.Post, state store.LinkFile) (*store.LinkFile, *newFile, bool, error) {
	c := p.Clone()
	c.Updated = time.Time{} // not in the file: it would change it at every save
	data, err := c.MarshalFile()
	if err == nil {
		err = symlinkErr(path)
	}
	if err == nil {
		err = atomicfile.Write(path, data, 0o644)
	}
	if err != nil {
		s.emit(Event{Kind: EventError, Path: path, PostID: p.ID, Err: err})
		return nil, nil, false, nil
	}
	state.Hash, state.Revision, state.Conflict = hashOf(data), p.Revision, ""
	if fi, err := os.Stat(path); err == nil {
		state.Size, state.ModTime = fi.Size(), fi.ModTime().UnixNano()
	}
	s.emit(Event{Kind: EventWritten, Path: path, PostID: p.ID, Revision: p.Revision})
	return &state, nil, false, nil
}

// WritePost brings a post edited in Quire and its linked file in step now
// (the file is written atomically, or a conflict is recorded if the file
// changed too). A post with no linked file is nothing to do.
func (s *Syncer) WritePost(ctx context.Context, id int64) error {
	lf, err := s.st.LinkFileOfPost(ctx, id)
	if errors.Is(err, post.ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	l, err := s.load(ctx, lf.Dir)
	if err != nil {
		return err
	}
	if l.site == nil {
		if l.site, _, err = importer.Walk(l.dir); err != nil {
			return err
		}
	}
	return s.syncPaths(ctx, l, []string{lf.Path})
}

// Conflict is a linked file whose post changed in both places.
type Conflict struct {
	Path   string `json:"path"`
	PostID int64  `json:"postId"`
}

// Conflicts lists the unresolved conflicts.
func (s *Syncer) Conflicts(ctx context.Context) ([]Conflict, error) {
	links, err := s.st.Links(ctx)
	if err != nil {
		return nil, err
	}
	var out []Conflict
	for _, lk := range links {
		files, err := s.st.LinkFiles(ctx, lk.Dir)
		if err != nil {
			return nil, err
		}
		for _, f := range files {
			if f.Conflict != "" {
				out = append(out, Conflict{Path: f.Path, PostID: f.PostID})
			}
		}
	}
	return out, nil
}

// Resolve ends a conflict on a linked file: keepFile makes the file's
// current content the post's (a new external revision); otherwise the post
// as it is in Quire is written to the file. Both versions stay in the post's
// history either way.
func (s *Syncer) Resolve(ctx context.Context, path string, keepFile bool) error {
	path = filepath.Clean(path)
	s.mu.Lock()
	defer s.mu.Unlock()
	var l *link
	for _, lk := range s.links {
		if within(lk.dir, path) {
			l = lk
		}
	}
	if l == nil {
		links, err := s.st.Links(ctx)
		if err != nil {
			return err
		}
		for _, lk := range links {
			if within(lk.Dir, path) {
				if l, err = s.load(ctx, lk.Dir); err != nil {
					return err
				}
			}
		}
	}
	if l == nil {
		return fmt.Errorf("resolve %s: not in a linked folder: %w", path, post.ErrNotFound)
	}
	lf := l.files[path]
	if lf == nil || lf.PostID == 0 {
		return fmt.Errorf("resolve %s: no post is linked to it: %w", path, post.ErrNotFound)
	}
	if l.site == nil {
		site, _, err := importer.Walk(l.dir)
		if err != nil {
			return err
		}
		l.site = site
	}
	cur, err := s.st.GetPost(ctx, lf.PostID)
	if err != nil {
		return err
	}
	// Take the file as the last synced state with the post's current
	// revision: then keeping the file is a change from the file side only,
	// and keeping Quire's version one from the post side only.
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("resolve %s: %w", path, err)
	}
	rec := *lf
	rec.Conflict = ""
	if keepFile {
		rec.Hash, rec.Revision = "", cur.Revision
	} else {
		rec.Hash, rec.Revision = hashOf(data), 0
	}
	l.files[path] = &rec
	if err := s.syncPaths(ctx, l, []string{path}); err != nil {
		return err
	}
	s.emit(Event{Kind: EventResolved, Path: path, PostID: lf.PostID})
	return nil
}

// loop collects file events and handles them in batches until ctx ends.
func (s *Syncer) loop(ctx context.Context, w *fsnotify.Watcher, done chan struct{}) {
	defer close(done)
	tick := time.NewTicker(s.opt.Interval)
	defer tick.Stop()
	var poll <-chan time.Time
	if s.opt.PollInterval > 0 {
		t := time.NewTicker(s.opt.PollInterval)
		defer t.Stop()
		poll = t.C
	}
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-w.Events:
			if !ok {
				return
			}
			s.pending[filepath.Clean(ev.Name)] = true
		case err, ok := <-w.Errors:
			if !ok {
				return
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				s.rescan = true
			} else {
				s.mu.Lock()
				s.emit(Event{Kind: EventError, Err: err})
				s.mu.Unlock()
			}
		case <-tick.C:
			// missing is changed under mu by WritePost and Resolve too.
			s.mu.Lock()
			missing := len(s.missing) > 0
			s.mu.Unlock()
			if len(s.pending) > 0 || s.rescan || missing {
				s.batch(ctx)
			}
		case <-poll:
			s.pollEdits(ctx)
		}
	}
}

// batch handles the collected events as one batch.
func (s *Syncer) batch(ctx context.Context) {
	if s.rescan {
		s.rescan = false
		s.pending = map[string]bool{}
		if err := s.SyncAll(ctx); err != nil && ctx.Err() == nil {
			s.mu.Lock()
			s.emit(Event{Kind: EventError, Err: err})
			s.mu.Unlock()
		}
		s.mu.Lock()
		s.emit(Event{Kind: EventRescan})
		s.mu.Unlock()
		return
	}
	paths := s.pending
	s.pending = map[string]bool{}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.stats = Stats{}
	for p := range s.missing {
		paths[p] = true
	}
	byLink := map[*link][]string{}
	for p := range paths {
		l := s.linkOf(p)
		if l == nil {
			delete(s.missing, p) // unlinked meanwhile
			continue
		}
		fi, err := os.Lstat(p)
		switch {
		case err == nil && fi.IsDir():
			// A new folder (or one moved in): watch it and take its files.
			s.watchTree(p)
			filepath.WalkDir(p, func(q string, d fs.DirEntry, err error) error {
				if err == nil && !d.IsDir() {
					byLink[l] = append(byLink[l], q)
				}
				return nil
			})
		case err != nil && l.files[p] == nil:
			// Perhaps a folder that went away: its files are missing.
			prefix := p + string(filepath.Separator)
			for q := range l.files {
				if strings.HasPrefix(q, prefix) {
					byLink[l] = append(byLink[l], q)
				}
			}
		default:
			byLink[l] = append(byLink[l], p)
		}
	}
	for l, ps := range byLink {
		sort.Strings(ps)
		if err := s.syncPaths(ctx, l, dedupe(ps)); err != nil && ctx.Err() == nil {
			s.emit(Event{Kind: EventError, Path: l.dir, Err: err})
		}
	}
}

func dedupe(s []string) []string {
	out := s[:0]
	for i, v := range s {
		if i == 0 || v != s[i-1] {
			out = append(out, v)
		}
	}
	return out
}

// pollEdits writes back posts edited in Quire (by this or another process)
// since their files were last synced.
//
// It also picks up folders linked or unlinked by another process (quire link
// while the app runs).
func (s *Syncer) pollEdits(ctx context.Context) {
	links, err := s.st.Links(ctx)
	if err != nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	stored := map[string]bool{}
	for _, lk := range links {
		stored[lk.Dir] = true
		if s.links[lk.Dir] != nil {
			continue
		}
		if _, err := os.Stat(lk.Dir); err != nil {
			continue
		}
		l, err := s.load(ctx, lk.Dir)
		if err != nil {
			continue
		}
		if s.w != nil {
			s.watchTree(lk.Dir)
		}
		if err := s.scan(ctx, l); err != nil && ctx.Err() == nil {
			s.emit(Event{Kind: EventError, Path: lk.Dir, Err: err})
		}
	}
	for dir := range s.links {
		if !stored[dir] {
			delete(s.links, dir)
			if s.w != nil {
				for _, w := range s.w.WatchList() {
					if within(dir, w) {
						s.w.Remove(w)
					}
				}
			}
		}
	}
	for _, l := range s.links {
		changed, err := s.st.ChangedLinkedFiles(ctx, l.dir)
		if err != nil {
			if ctx.Err() == nil {
				s.emit(Event{Kind: EventError, Path: l.dir, Err: err})
			}
			return
		}
		var paths []string
		for _, f := range changed {
			if f.Conflict == "" {
				paths = append(paths, f.Path)
			}
		}
		if len(paths) > 0 {
			if err := s.syncPaths(ctx, l, paths); err != nil && ctx.Err() == nil {
				s.emit(Event{Kind: EventError, Path: l.dir, Err: err})
			}
		}
	}
}

// symlinkErr: path is a symbolic link. Quire writes edits back by renaming
// a new file over the old one, which would replace the link with a plain
// file, and a watch on the folder does not see edits to the file the link
// points to: such files are not synced.
func symlinkErr(path string) error {
	fi, err := os.Lstat(path)
	if err != nil || fi.Mode()&fs.ModeSymlink == 0 {
		return nil
	}
	target, _ := os.Readlink(path)
	return fmt.Errorf("a symbolic link (to %s): Quire would replace the link with a plain file when it writes an edit back, so it is not synced; put the file itself in the folder, or link the folder it is in: %w",
		target, post.ErrInvalid)
}

// noLinkedFiles refuses a folder holding Markdown files that are symbolic
// links (symlinkErr), naming the first.
func noLinkedFiles(dir string) error {
	_, files, err := importer.Walk(dir)
	if err != nil {
		return err
	}
	for _, f := range files {
		if f.Err() != nil || f.Skipped() != "" {
			continue
		}
		if err := symlinkErr(f.Path()); err != nil {
			rel, _ := filepath.Rel(dir, f.Path())
			return fmt.Errorf("%s is %w", rel, err)
		}
	}
	return nil
}

func postOf(lf *store.LinkFile) int64 {
	if lf == nil {
		return 0
	}
	return lf.PostID
}
