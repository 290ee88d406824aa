package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"quire/backend/post"
)

// ImportOutcome says what an import did with one post.
type ImportOutcome string

const (
	ImportCreated   ImportOutcome = "created"
	ImportUpdated   ImportOutcome = "updated"
	ImportUnchanged ImportOutcome = "unchanged"
	ImportFailed    ImportOutcome = "failed"
)

// ImportItem is one post to import, keyed by p.Source, and what became of it.
type ImportItem struct {
	Post *post.Post
	// DefaultSlug is the slug for a new post when Post.Slug is empty (for
	// example from a Jekyll file name); empty means from the title.
	DefaultSlug string
	// File, when set, is recorded with the post (its PostID and Revision
	// filled in), in the same transaction: what the next import needs to
	// know the file unchanged without reading it (ImportedFiles).
	File    *ImportedFile
	Outcome ImportOutcome
	Err     error
}

// ImportPosts stores posts read from files: a post whose Source was imported
// before becomes a new revision of that post (KindImport; nothing when it is
// unchanged, and it keeps its slug when the file names none), any other post
// is created. On success each item's Post has its ID, Slug and Revision.
//
// Each item is all or nothing on its own, and a failed item is recorded in
// it while the others go on. The batch is tried as one transaction, so that
// 10,000 files are not 10,000 commits and the search index is built in large
// pieces (FTS5 flushes its index at every savepoint, so savepoints per item
// would undo that; see batchTx); if any item fails, the batch is rolled back
// and its items are stored one transaction each.
func (s *Store) ImportPosts(ctx context.Context, items []*ImportItem) error {
	var todo []*ImportItem
	for _, it := range items {
		it.Outcome, it.Err = ImportFailed, nil
		p := it.Post
		if p.Status == "" {
			p.Status = post.StatusDraft
		}
		switch err := validate(p); {
		case p.Source == "":
			it.Err = fmt.Errorf("import %q: no source path: %w", p.Title, post.ErrInvalid)
		case err != nil:
			it.Err = err
		default:
			todo = append(todo, it)
		}
	}
	if len(todo) == 0 {
		return nil
	}
	// Errors of trimWAL show again at the next write if they matter (a
	// full disk); the import's outcome does not depend on it.
	defer s.trimWAL(ctx)
	ok, err := s.importTx(ctx, todo, true)
	if err != nil || ok {
		return err
	}
	for _, it := range todo {
		if _, err := s.importTx(ctx, []*ImportItem{it}, false); err != nil {
			return err
		}
	}
	return nil
}

// importTx imports items in one transaction and reports whether all of them
// succeeded. With stopAtFailure it rolls back at the first failure; otherwise
// (one item) the failure is recorded in the item.
func (s *Store) importTx(ctx context.Context, items []*ImportItem, stopAtFailure bool) (bool, error) {
	pre := encodeAhead(items)
	defer pre.stop()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return false, fmt.Errorf("import: %w", err)
	}
	defer tx.Rollback()
	btx := newBatchTx(tx)
	defer btx.close()
	// The statements run without ctx: go-sqlite3 runs a statement whose
	// context can be cancelled on a goroutine of its own, to interrupt it,
	// and a batch runs thousands of small ones. Cancelling is looked at
	// between posts instead, and rolls the batch back.
	stmtCtx := context.WithoutCancel(ctx)
	now := s.now()
	type result struct {
		outcome      ImportOutcome
		id, revision int64
		slug         string
		updated      time.Time
	}
	results := make([]result, len(items))
	for i, it := range items {
		if err := ctx.Err(); err != nil {
			return false, fmt.Errorf("import: %w", err)
		}
		c := it.Post.Clone()
		outcome, err := importOne(stmtCtx, btx, c, it.DefaultSlug, now, pre.get(i))
		if err != nil {
			if stopAtFailure {
				return false, nil
			}
			it.Err = fmt.Errorf("import %s: %w", it.Post.Source, err)
			return false, nil
		}
		if it.File != nil {
			f := *it.File
			f.PostID, f.Revision = c.ID, c.Revision
			if err := putImportedFile(stmtCtx, btx, &f); err != nil {
				if stopAtFailure {
					return false, nil
				}
				it.Err = err
				return false, nil
			}
		}
		results[i] = result{outcome, c.ID, c.Revision, c.Slug, c.Updated}
	}
	if err := btx.writeIndex(stmtCtx); err != nil {
		// Which post's index failed is not known here: one by one, it is.
		if !stopAtFailure {
			items[0].Err = fmt.Errorf("import %s: %w", items[0].Post.Source, err)
		}
		return false, nil
	}
	if err := tx.Commit(); err != nil {
		if stopAtFailure {
			return false, nil
		}
		for _, it := range items {
			it.Err = fmt.Errorf("import %s: %w", it.Post.Source, err)
		}
		return false, nil
	}
	// Only a committed batch touches the callers' posts.
	for i, it := range items {
		r := results[i]
		it.Outcome = r.outcome
		it.Post.ID, it.Post.Revision, it.Post.Slug, it.Post.Updated = r.id, r.revision, r.slug, r.updated
	}
	return true, nil
}

// ahead is an item encoded before its transaction, with the slug it will
// most likely keep.
type ahead struct {
	slug string
	enc  *encoded
}

// encodeAhead encodes the items' posts on every core while the batch's
// transaction goes on: the revision file and the columns (the excerpt, the
// front matter written out) need no database, so the one goroutine that
// holds the write lock runs only statements, and takes each post's
// encoding when it comes to it (aheadList.get). Each post is encoded with
// the slug it asks for (its own, the default, or its title's), which is the
// one it keeps unless another post has it; an item that ends with another
// slug, or whose encoding failed, is encoded again in the transaction,
// which reports the error.
func encodeAhead(items []*ImportItem) *aheadList {
	l := &aheadList{out: make([]ahead, len(items)), done: make([]chan struct{}, len(items))}
	next := make(chan int, len(items))
	for i := range items {
		l.done[i] = make(chan struct{})
		next <- i // in order: the transaction needs them in order
	}
	close(next)
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		l.wg.Add(1)
		go func() {
			defer l.wg.Done()
			for i := range next {
				if l.stopped.Load() {
					close(l.done[i])
					continue
				}
				c := items[i].Post.Clone()
				if c.Slug == "" {
					c.Slug = items[i].DefaultSlug
				}
				c.Slug = newSlugBase(c)
				if enc, err := encode(c); err == nil {
					l.out[i] = ahead{c.Slug, enc}
				}
				close(l.done[i])
			}
		}()
	}
	return l
}

// aheadList is what encodeAhead makes, item by item.
type aheadList struct {
	out     []ahead
	done    []chan struct{} // closed when out[i] is made
	stopped atomic.Bool
	wg      sync.WaitGroup
}

// stop drops the encodings not begun and waits for the others: the
// transaction is over, and the items' posts are the caller's again.
func (l *aheadList) stop() {
	l.stopped.Store(true)
	l.wg.Wait()
}

// get waits for item i's encoding.
func (l *aheadList) get(i int) ahead {
	<-l.done[i]
	return l.out[i]
}

// encFor is a's encoding when it was made with slug.
func (a ahead) encFor(slug string) *encoded {
	if a.enc == nil || a.slug != slug {
		return nil
	}
	return a.enc
}

func importOne(ctx context.Context, tx dbtx, p *post.Post, defaultSlug string, now time.Time, pre ahead) (ImportOutcome, error) {
	c := p.Clone()
	var id, rev int64
	var slug string
	err := tx.QueryRowContext(ctx, `SELECT id, revision, slug FROM posts WHERE source = ?`, p.Source).Scan(&id, &rev, &slug)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		if c.Slug == "" {
			c.Slug = defaultSlug
		}
		if err := createPost(ctx, tx, c, KindImport, now, pre.encFor(newSlugBase(c))); err != nil {
			return "", err
		}
		p.ID, p.Slug, p.Revision, p.Updated = c.ID, c.Slug, c.Revision, c.Updated
		return ImportCreated, nil
	case err != nil:
		return "", err
	}
	c.ID, c.Revision = id, rev
	if c.Slug == "" {
		c.Slug = slug // keep a slug the writer may have edited since
	}
	conflict, err := savePost(ctx, tx, c, KindImport, now, pre.encFor(c.Slug))
	if err != nil {
		return "", err
	}
	if conflict != nil {
		return "", conflict
	}
	p.ID, p.Slug, p.Updated = c.ID, c.Slug, c.Updated
	if c.Revision == rev {
		p.Revision = rev
		return ImportUnchanged, nil
	}
	p.Revision = c.Revision
	return ImportUpdated, nil
}
