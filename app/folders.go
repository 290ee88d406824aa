package app

import (
	"context"
	"fmt"
	"strings"
	"sync"

	"quire/backend/linked"
	"quire/backend/store"
)

// EventSync carries a linked.Event: a linked folder's file reached its post,
// a Quire edit was written to its file, a conflict, an error.
const EventSync = "sync:event"

// Folders keeps linked folders in step with their posts while the window is
// open: edits made in another editor appear in Quire, edits made in Quire are
// written back to the files.
type Folders struct {
	st     *store.Store
	events Emitter

	mu     sync.Mutex
	syncer *linked.Syncer
	cancel context.CancelFunc
	done   chan struct{}
}

// NewFolders returns the Folders service over st; changes go to events.
func NewFolders(st *store.Store, events Emitter) *Folders {
	return &Folders{st: st, events: events}
}

// start brings every linked folder up to date and watches them. It runs in
// the background so that a large linked folder never holds up the window.
func (f *Folders) start(ctx context.Context) {
	s, err := linked.New(f.st, linked.Options{})
	if err != nil {
		f.events.Emit(EventSync, linked.Event{Kind: linked.EventError, Error: "linked folders: " + err.Error()})
		return
	}
	ctx, cancel := context.WithCancel(ctx)
	f.mu.Lock()
	f.syncer, f.cancel, f.done = s, cancel, make(chan struct{})
	f.mu.Unlock()
	go func() {
		for ev := range s.Events() {
			f.events.Emit(EventSync, ev)
		}
		close(f.done)
	}()
	go func() {
		if err := s.Start(ctx); err != nil && ctx.Err() == nil {
			f.events.Emit(EventSync, linked.Event{Kind: linked.EventError, Error: err.Error()})
		}
	}()
}

func (f *Folders) get() (*linked.Syncer, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.syncer == nil {
		return nil, fmt.Errorf("linked folders are not running")
	}
	return f.syncer, nil
}

// Link links dir: its Markdown files become posts (or update the posts they
// were imported as) and stay in step from now on, across restarts.
func (f *Folders) Link(dir string) (linked.Stats, error) {
	if strings.TrimSpace(dir) == "" {
		return linked.Stats{}, fmt.Errorf("link: no folder chosen")
	}
	s, err := f.get()
	if err != nil {
		return linked.Stats{}, err
	}
	return s.Link(context.Background(), dir)
}

// Unlink stops keeping dir in step; its files and posts stay as they are.
func (f *Folders) Unlink(dir string) error {
	s, err := f.get()
	if err != nil {
		return err
	}
	return s.Unlink(context.Background(), dir)
}

// List returns the linked folders.
func (f *Folders) List() ([]store.Link, error) {
	return f.st.Links(context.Background())
}

// Conflicts lists the files whose post changed in both places.
func (f *Folders) Conflicts() ([]linked.Conflict, error) {
	s, err := f.get()
	if err != nil {
		return nil, err
	}
	return s.Conflicts(context.Background())
}

// Resolve ends the conflict on path: keepFile takes the file's version,
// otherwise Quire's version is written to the file. Both stay in the history.
func (f *Folders) Resolve(path string, keepFile bool) error {
	s, err := f.get()
	if err != nil {
		return err
	}
	return s.Resolve(context.Background(), path, keepFile)
}

// saved writes a post saved in Quire back to its linked file at once (the
// syncer's poll would find it within a second anyway).
func (f *Folders) saved(id int64) {
	s, err := f.get()
	if err != nil {
		return
	}
	if err := s.WritePost(context.Background(), id); err != nil {
		f.events.Emit(EventSync, linked.Event{Kind: linked.EventError, PostID: id, Error: err.Error()})
	}
}

// close stops watching and waits for the last events to go out.
func (f *Folders) close() {
	f.mu.Lock()
	s, cancel, done := f.syncer, f.cancel, f.done
	f.syncer = nil
	f.mu.Unlock()
	if s == nil {
		return
	}
	cancel()
	s.Close()
	<-done
}
