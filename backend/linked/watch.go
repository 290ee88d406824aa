package linked

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

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

// loop handles the watcher's batches, the files waiting out their delete
// grace and the poll for edits made in Quire, until ctx ends.
func (s *Syncer) loop(ctx context.Context, w *fsnotify.Watcher, done chan struct{}) {
	defer close(done)
	tick := time.NewTicker(s.opt.Interval)
	defer tick.Stop()
	b := newBatcher(w.Events, w.Errors, tick.C)
	defer b.stop()
	// A file seen missing is looked at again after its grace, with or
	// without new events.
	graceTick := time.NewTicker(s.opt.Interval)
	defer graceTick.Stop()
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
		case fb := <-b.batches:
			s.batch(ctx, fb)
		case err := <-b.errors:
			s.mu.Lock()
			s.emit(Event{Kind: EventError, Err: err})
			s.mu.Unlock()
		case <-graceTick.C:
			// missing is changed under mu by WritePost and Resolve too.
			s.mu.Lock()
			missing := len(s.missing) > 0
			s.mu.Unlock()
			if missing {
				s.batch(ctx, fileBatch{paths: map[string]bool{}})
			}
		case <-poll:
			s.pollEdits(ctx)
		}
	}
}

// batch handles one batch of file events, and the files seen missing.
func (s *Syncer) batch(ctx context.Context, fb fileBatch) {
	if fb.overflow {
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
	paths := fb.paths
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
