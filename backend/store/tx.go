package store

import (
	"context"
	"database/sql"
)

// dbtx is what the private helpers need from a transaction: a *sql.Tx, or a
// stmtCache over one when a batch runs the same statements thousands of times.
type dbtx interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// stmtCache prepares each statement once per transaction. Preparing is a
// tenth of the time of importing a small post.
type stmtCache struct {
	tx    *sql.Tx
	stmts map[string]*sql.Stmt
}

func newStmtCache(tx *sql.Tx) *stmtCache {
	return &stmtCache{tx: tx, stmts: map[string]*sql.Stmt{}}
}

func (c *stmtCache) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	if st, ok := c.stmts[query]; ok {
		return st, nil
	}
	st, err := c.tx.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	c.stmts[query] = st
	return st, nil
}

func (c *stmtCache) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	st, err := c.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return st.ExecContext(ctx, args...)
}

func (c *stmtCache) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	st, err := c.stmt(ctx, query)
	if err != nil {
		return c.tx.QueryRowContext(ctx, query, args...) // reports the same error on Scan
	}
	return st.QueryRowContext(ctx, args...)
}

func (c *stmtCache) close() {
	for _, st := range c.stmts {
		st.Close()
	}
}

// withTx runs fn in a transaction: committed when fn returns nil, rolled
// back otherwise. The public method opens the transaction and wraps the
// error once with what it was doing; the helpers fn calls take the
// transaction and return their errors as they are.
func (s *Store) withTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return err
	}
	return tx.Commit()
}

// batchTx is the transaction of a batch of imports: its statements are
// prepared once, and its search-index writes wait for its end.
//
// FTS5 keeps what is indexed in memory until the transaction ends, and
// writes it out as a new segment of the index at every statement
// savepoint, which any statement that may fail halfway opens (a foreign
// key, an upsert: most of a post's). Indexed post by post between those,
// a batch writes a segment for every post and then spends its time
// merging them; indexed together at the end, it writes a few.
type batchTx struct {
	*stmtCache
	pending []queuedIndex
	queued  map[int64]int // post id: its entry in pending
}

type queuedIndex struct {
	id    int64
	doc   indexDoc
	isNew bool
}

// indexQueue is a transaction that makes its index writes later
// (indexPost).
type indexQueue interface {
	queueIndex(id int64, doc indexDoc, isNew bool)
}

func newBatchTx(tx *sql.Tx) *batchTx {
	return &batchTx{stmtCache: newStmtCache(tx), queued: map[int64]int{}}
}

// queueIndex keeps the write for writeIndex. A post queued again (one
// source twice in a batch) is indexed once, as it ends.
func (b *batchTx) queueIndex(id int64, doc indexDoc, isNew bool) {
	if i, ok := b.queued[id]; ok {
		b.pending[i].doc = doc
		return
	}
	b.queued[id] = len(b.pending)
	b.pending = append(b.pending, queuedIndex{id, doc, isNew})
}

// writeIndex makes the queued index writes: the rows of posts_fts first,
// then what posts_fts_rows records of them, whose upserts would flush.
func (b *batchTx) writeIndex(ctx context.Context) error {
	type record struct {
		id    int64
		state []byte
	}
	var records []record
	for _, q := range b.pending {
		pl, change, err := planFor(ctx, b, q.id, q.doc, q.isNew)
		if err != nil {
			return err
		}
		if !change {
			continue
		}
		if err := writeIndexRows(ctx, b, q.id, pl); err != nil {
			return err
		}
		records = append(records, record{q.id, pl.state.encode()})
	}
	for _, r := range records {
		if err := recordIndexRows(ctx, b, r.id, r.state); err != nil {
			return err
		}
	}
	b.pending, b.queued = nil, map[int64]int{}
	return nil
}
