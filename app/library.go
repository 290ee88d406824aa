package app

import (
	"context"

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
