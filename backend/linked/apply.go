package linked

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"time"

	"quire/backend/atomicfile"
	"quire/backend/importer"
	"quire/backend/post"
	"quire/backend/store"
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
		out, err := s.syncOne(ctx, l, path)
		if err != nil {
			return err
		}
		switch {
		case out.forget:
			dels = append(dels, path)
		case out.create != nil:
			news = append(news, *out.create)
			if len(news) >= 250 {
				if err := flushNew(); err != nil {
					return err
				}
			}
		case out.record != nil:
			l.files[path] = out.record
			puts = append(puts, *out.record)
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

// outcome is what syncing one file leaves to record: its new sync state,
// a new post to store (in batches), or its state to forget. All empty:
// nothing to record.
type outcome struct {
	record *store.LinkFile
	create *newFile
	forget bool
}

// syncOne compares one file with its post (decide) and does what is needed.
// Only database failures are returned as errors; a bad file is an error
// event.
func (s *Syncer) syncOne(ctx context.Context, l *link, path string) (outcome, error) {
	lf := l.files[path]
	fi, err := os.Stat(path)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		s.emit(Event{Kind: EventError, Path: path, Err: err})
		return outcome{}, nil
	}
	if err != nil {
		since, seen := s.missing[path]
		d := decide(facts{Gone: true, SeenGone: seen, GoneSince: since, Last: lf}, time.Now(), s.opt.DeleteGrace)
		return s.missingFile(ctx, l, path, lf, d.act)
	}
	delete(s.missing, path)
	side, ok := s.readSide(l, path, fi, lf)
	if !ok {
		return outcome{}, nil
	}
	cur, lf, err := s.postOfFile(ctx, path, lf)
	if err != nil {
		return outcome{}, err
	}
	f := facts{Hash: side.state.Hash, Size: side.state.Size, ModTime: side.state.ModTime, Last: lf, HasPost: cur != nil}
	if cur != nil {
		f.Revision = cur.Revision
		if f.Trashed, err = s.st.IsTrashed(ctx, cur.ID); err != nil {
			return outcome{}, err
		}
	}
	return s.apply(ctx, side, lf, cur, decide(f, time.Now(), s.opt.DeleteGrace))
}

// missingFile carries out a decision on a file that is not there.
func (s *Syncer) missingFile(ctx context.Context, l *link, path string, lf *store.LinkFile, act action) (outcome, error) {
	switch act {
	case actForget:
		delete(s.missing, path)
	case actNoteMissing:
		s.missing[path] = time.Now()
	case actTrash:
		delete(s.missing, path)
		delete(l.files, path)
		if lf.PostID != 0 {
			switch err := s.st.TrashPost(ctx, lf.PostID); {
			case err == nil:
				s.emit(Event{Kind: EventTrashed, Path: path, PostID: lf.PostID})
			case !errors.Is(err, post.ErrNotFound):
				return outcome{}, err
			}
		}
		return outcome{forget: true}, nil
	}
	return outcome{}, nil
}

// fileSide is a linked file as read for a comparison.
type fileSide struct {
	path  string
	file  importer.File
	state store.LinkFile // its hash, size and time; PostID and Revision to fill in
}

// readSide reads a file that is there, unless it is not a post of the
// folder's (not Markdown, skipped, a symbolic link: reported).
func (s *Syncer) readSide(l *link, path string, fi fs.FileInfo, lf *store.LinkFile) (fileSide, bool) {
	if !fi.Mode().IsRegular() || l.site == nil {
		return fileSide{}, false
	}
	if err := symlinkErr(path); err != nil {
		// Came after the folder was linked: left out, with the reason.
		if _, ok := l.site.Classify(path); ok {
			s.emit(Event{Kind: EventError, Path: path, PostID: postOf(lf), Err: err})
		}
		return fileSide{}, false
	}
	file, ok := l.site.Classify(path)
	if !ok || file.Skipped() != "" {
		return fileSide{}, false
	}
	data, err := os.ReadFile(path)
	if err != nil {
		s.emit(Event{Kind: EventError, Path: path, Err: err})
		return fileSide{}, false
	}
	return fileSide{path: path, file: file,
		state: store.LinkFile{Path: path, Dir: l.dir, Hash: hashOf(data), Size: fi.Size(), ModTime: fi.ModTime().UnixNano()}}, true
}

// postOfFile finds the post a file is kept in step with: the one its last
// sync names, else one made from the file before (then the last sync state
// is dropped: it was for a post that is gone).
func (s *Syncer) postOfFile(ctx context.Context, path string, lf *store.LinkFile) (*post.Post, *store.LinkFile, error) {
	if lf != nil && lf.PostID != 0 {
		cur, err := s.st.GetPost(ctx, lf.PostID)
		if err == nil {
			return cur, lf, nil
		}
		if !errors.Is(err, post.ErrNotFound) {
			return nil, lf, err
		}
	}
	cur, err := s.st.GetPostBySource(ctx, path)
	if errors.Is(err, post.ErrNotFound) {
		return nil, nil, nil
	}
	return cur, nil, err
}

// readPost parses the file as a post. It keeps cur's slug when the file
// names none. nil: the file could not be read or parsed (reported).
func (s *Syncer) readPost(side fileSide, cur *post.Post) *post.Post {
	p, defSlug, res := side.file.Read()
	if p == nil {
		e := res.Err
		if e == nil {
			e = errors.New(res.Reason)
		}
		s.emit(Event{Kind: EventError, Path: side.path, Err: e})
		return nil
	}
	if p.Slug == "" && cur != nil {
		p.Slug = cur.Slug
	} else if p.Slug == "" {
		p.Slug = defSlug
	}
	return p
}

// apply carries out a decision on a file that is there.
func (s *Syncer) apply(ctx context.Context, side fileSide, lf *store.LinkFile, cur *post.Post, d decision) (outcome, error) {
	path, state := side.path, side.state
	if d.restore {
		if err := s.st.RestorePost(ctx, cur.ID); err != nil {
			return outcome{}, err
		}
		s.emit(Event{Kind: EventRestored, Path: path, PostID: cur.ID})
	}
	switch d.act {
	case actImport:
		p := s.readPost(side, nil)
		if p == nil {
			return outcome{}, nil
		}
		slug := p.Slug
		p.Slug = ""
		return outcome{create: &newFile{path: path, item: &store.ImportItem{Post: p, DefaultSlug: slug}, lf: state}}, nil
	case actAdopt:
		p := s.readPost(side, cur)
		if p == nil {
			return outcome{}, nil
		}
		p.ID, p.Revision = cur.ID, cur.Revision
		return s.saveFromFile(ctx, p, cur.Revision, state, nil)
	case actRecord:
		state.PostID, state.Revision, state.Conflict = cur.ID, lf.Revision, lf.Conflict
		return outcome{record: &state}, nil
	case actWriteBack:
		state.PostID = cur.ID
		return s.writeBack(path, cur, state), nil
	case actReadFile:
		p := s.readPost(side, cur)
		if p == nil {
			return outcome{}, nil
		}
		// From the file's last synced revision: a post changed since is a conflict.
		p.ID, p.Revision = cur.ID, lf.Revision
		return s.saveFromFile(ctx, p, lf.Revision, state, lf)
	}
	return outcome{}, nil // actNone, actKeptConflict, actHoldConflict
}

// saveFromFile stores p, read from a file, as an external revision of its
// post. base is the revision p was read against. last is the file's last
// sync state, recorded with the conflict when the post changed since; nil
// when there is none (then a refusal is only reported).
func (s *Syncer) saveFromFile(ctx context.Context, p *post.Post, base int64, state store.LinkFile, last *store.LinkFile) (outcome, error) {
	path := state.Path
	err := s.st.SavePost(ctx, p, store.KindExternal)
	var ce *store.ConflictError
	switch {
	case errors.As(err, &ce) && last != nil:
		s.emit(Event{Kind: EventConflict, Path: path, PostID: p.ID, Revision: ce.Saved,
			Err: fmt.Errorf("%s and its post both changed since the last sync; the file's version is kept as revision %d", path, ce.Saved)})
		rec := *last
		rec.Conflict = state.Hash
		return outcome{record: &rec}, nil
	case err != nil && isStoreFailure(err):
		return outcome{}, err
	case err != nil:
		s.emit(Event{Kind: EventError, Path: path, PostID: p.ID, Err: err})
		return outcome{}, nil
	}
	if p.Revision != base {
		s.emit(Event{Kind: EventUpdated, Path: path, PostID: p.ID, Revision: p.Revision})
	}
	state.PostID, state.Revision = p.ID, p.Revision
	return outcome{record: &state}, nil
}

// isStoreFailure tells a database failure (stop) from a post the store
// refused (report and go on).
func isStoreFailure(err error) bool {
	return !errors.Is(err, post.ErrInvalid) && !errors.Is(err, post.ErrConflict) && !errors.Is(err, post.ErrNotFound)
}

// writeBack writes a post to its file atomically and returns the new state.
func (s *Syncer) writeBack(path string, p *post.Post, state store.LinkFile) outcome {
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
		return outcome{}
	}
	state.Hash, state.Revision, state.Conflict = hashOf(data), p.Revision, ""
	if fi, err := os.Stat(path); err == nil {
		state.Size, state.ModTime = fi.Size(), fi.ModTime().UnixNano()
	}
	s.emit(Event{Kind: EventWritten, Path: path, PostID: p.ID, Revision: p.Revision})
	return outcome{record: &state}
}

func postOf(lf *store.LinkFile) int64 {
	if lf == nil {
		return 0
	}
	return lf.PostID
}
