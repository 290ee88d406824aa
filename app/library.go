package app

import (
	"context"
	"fmt"
	"path/filepath"

	"quire/backend/importer"
	"quire/backend/post"
	"quire/backend/store"
)

// Library lists and searches posts for the sidebar.
type Library struct {
	st  *store.Store
	ctx context.Context
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
	rep, err := importer.Import(l.ctx, l.st, paths)
	if err != nil {
		return ImportReport{}, err
	}
	out := ImportReport{Imported: rep.Count(importer.Imported), Updated: rep.Count(importer.Updated),
		Unchanged: rep.Count(importer.Unchanged), Failed: rep.Count(importer.Failed), Errors: []string{}}
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
