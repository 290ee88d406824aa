package linked

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"quire/backend/atomicfile"
	"quire/backend/post"
	"quire/backend/store"
	"time"
)

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

func postOf(lf *store.LinkFile) int64 {
	if lf == nil {
		return 0
	}
	return lf.PostID
}
