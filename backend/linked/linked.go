// Package linked keeps linked folders and posts in step, both ways.
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
package linked

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"

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

	mu      sync.Mutex // held while files and posts are compared and changed
	links   map[string]*link
	missing map[string]time.Time // files seen missing, and since when
	stats   Stats                // of the current pass

	w      *fsnotify.Watcher // while started
	closed bool
	cancel context.CancelFunc
	done   chan struct{}
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
		links: map[string]*link{}, missing: map[string]time.Time{}}, nil
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

// linkOf returns the link holding path.
func (s *Syncer) linkOf(path string) *link {
	for dir, l := range s.links {
		if within(dir, path) {
			return l
		}
	}
	return nil
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
