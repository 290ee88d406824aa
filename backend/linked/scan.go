package linked

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"sync"
	"time"

	"quire/backend/importer"
	"quire/backend/post"
	"quire/backend/store"
)

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
	var wg sync.WaitGroup
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

func hashOf(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
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
