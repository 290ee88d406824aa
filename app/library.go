package app

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sync"
	"time"

	"quire/backend/importer"
	"quire/backend/post"
	"quire/backend/store"
)

// EventImportProgress carries an ImportProgress while an import runs.
const EventImportProgress = "import:progress"

// ImportProgress is how far an import is, in files.
type ImportProgress struct {
	Done  int `json:"done"`
	Total int `json:"total"`
}

// Library lists and searches posts for the sidebar, and imports.
type Library struct {
	st     *store.Store
	ctx    context.Context
	events Emitter // nil: no progress events

	mu     sync.Mutex
	cancel context.CancelFunc // of the running import
}

// NewLibrary returns the Library service over st.
func NewLibrary(st *store.Store) *Library {
	return &Library{st: st, ctx: context.Background()}
}

// maxPage bounds one page, so a single call cannot ask for the whole library.
const maxPage = 1000

// List returns a page of posts (not in the trash) matching opt; opt.Query
// searches titles, bodies, tags and categories, and each result's Match
// shows the matched words in <mark>.
func (l *Library) List(opt store.ListOptions) (store.ListResult, error) {
	opt.Limit = min(opt.Limit, maxPage)
	return l.st.ListPosts(l.ctx, opt)
}

// Trash returns a page of the posts in the trash.
func (l *Library) Trash(opt store.ListOptions) (store.ListResult, error) {
	opt.Limit = min(opt.Limit, maxPage)
	return l.st.ListTrash(l.ctx, opt)
}

// Counts lists the categories and tags in use, for filters and completion.
func (l *Library) Counts() (store.Counts, error) {
	return l.st.Counts(l.ctx)
}

// ImportReport sums up an import for the window.
type ImportReport struct {
	Imported  int      `json:"imported"`
	Updated   int      `json:"updated"`
	Unchanged int      `json:"unchanged"`
	Failed    int      `json:"failed"`
	FirstPost int64    `json:"firstPost"` // the first post imported or updated, 0 for none
	Errors    []string `json:"errors"`    // "path: reason" for each failed file (the first 20)
	Cancelled bool     `json:"cancelled"` // stopped by CancelImport: what was stored so far stays
}

// Import imports Markdown files and folders of them (the window asks for
// the folder with Window.ChooseFolder). Importing a file again updates the
// post made from it.
func (l *Library) Import(paths []string) (ImportReport, error) {
	if len(paths) == 0 {
		return ImportReport{}, fmt.Errorf("import: no file or folder given: %w", post.ErrInvalid)
	}
	for _, p := range paths {
		if !filepath.IsAbs(p) {
			return ImportReport{}, fmt.Errorf("import: %q is not an absolute path: %w", p, post.ErrInvalid)
		}
	}
	ctx, cancel := context.WithCancel(l.ctx)
	defer cancel()
	l.mu.Lock()
	if l.cancel != nil {
		l.mu.Unlock()
		return ImportReport{}, fmt.Errorf("import: another import is running")
	}
	l.cancel = cancel
	l.mu.Unlock()
	defer func() {
		l.mu.Lock()
		l.cancel = nil
		l.mu.Unlock()
	}()
	var last time.Time
	opt := importer.Options{Progress: func(done, total int) {
		// At most 20 events a second reach the window.
		if l.events != nil && (done == total || time.Since(last) > 50*time.Millisecond) {
			last = time.Now()
			l.events.Emit(EventImportProgress, ImportProgress{Done: done, Total: total})
		}
	}}
	opt.AddImage = importImage(l.st)
	rep, err := importer.ImportWith(ctx, l.st, paths, opt)
	cancelled := errors.Is(err, context.Canceled) || (err == nil && ctx.Err() != nil)
	if err != nil && !cancelled {
		return ImportReport{}, err
	}
	out := ImportReport{Errors: []string{}, Cancelled: cancelled}
	if rep == nil {
		return out, nil
	}
	out.Imported, out.Updated = rep.Count(importer.Imported), rep.Count(importer.Updated)
	out.Unchanged, out.Failed = rep.Count(importer.Unchanged), rep.Count(importer.Failed)
	for _, r := range rep.Results {
		switch {
		case r.Outcome == importer.Failed && len(out.Errors) < 20:
			msg := r.Error
			if msg == "" && r.Err != nil {
				msg = r.Err.Error()
			}
			out.Errors = append(out.Errors, r.Path+": "+msg)
		case (r.Outcome == importer.Imported || r.Outcome == importer.Updated) && out.FirstPost == 0:
			out.FirstPost = r.PostID
		}
	}
	return out, nil
}

// CancelImport stops the running import, if any. Files already stored stay
// imported; importing the same folder again picks up the rest.
func (l *Library) CancelImport() {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.cancel != nil {
		l.cancel()
	}
}
