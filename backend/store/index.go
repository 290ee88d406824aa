package store

// The search index (posts_fts) and how a save keeps it current.
//
// FTS5 indexes a row whole: changing one word of a 50 KB post meant
// tokenising 8,000 words and writing a new segment for all of them, most of
// the save. So a long post is indexed in pieces, and a save re-indexes
// only the pieces its edit touched:
//
//   - A post whose body is at most pieceThreshold bytes is one row, whose
//     rowid is the post's id: title, body, tags and categories.
//   - A longer post is one row per piece of its body, at rowids from
//     piecesBase up (pieceRowid), each with the post's title, tags and
//     categories. The body is cut where the text itself says
//     (content-defined, as in backup tools' chunking), at white space, so
//     an edit changes the piece it falls in and leaves the others' text,
//     and rows, as they were. Title, tags and categories are in every row
//     rather than in a row of their own because bm25 weighs a column's
//     length against its average over rows: rows with an empty title made
//     every title look long, and title matches count for less. Changing
//     them re-indexes the whole post, which is rare.
//   - posts_fts_rows keeps, per post, what each of its rows holds (a
//     checksum), so a save knows which rows are current without reading
//     them back: FTS5 keeps no text (contentless), only the index.
//
// Search (list.go) takes posts of one row as before, and finds a pieced
// post when each word is in one of its rows; its rank is the sum of each
// word's best bm25 among its rows, which is what bm25 of one row with all
// the words would be (bm25 adds up per word).

import (
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"math/rand/v2"
)

const (
	// pieceThreshold is the longest body indexed as one row. Longer bodies
	// are indexed in pieces.
	pieceThreshold = 16 << 10
	// pieceTarget is the size pieces are cut around: at least half of it,
	// at most twice: small enough that re-indexing one is a small part of
	// a save.
	pieceTarget = 8 << 10
	// maxPieces bounds a post's pieces; longer bodies get longer pieces.
	maxPieces = 2000
	// A pieced post's rows are piecesBase + id<<pieceBits + seq: above every
	// post id, so the one-row posts are the rowids below piecesBase and a
	// search can take them apart with a rowid range.
	piecesBase = int64(1) << 40
	pieceBits  = 12
)

// pieceRowid is the rowid of row seq of pieced post id.
func pieceRowid(id int64, seq uint16) int64 { return piecesBase + id<<pieceBits + int64(seq) }

// pieceOwner is the post a pieced rowid belongs to.
func pieceOwner(rowid int64) int64 { return (rowid - piecesBase) >> pieceBits }

// indexDoc is what the index holds of a post.
type indexDoc struct {
	title, body, tags, categories string // tags and categories as stored (JSON)
}

// indexRow is one row of a post in posts_fts: its seq (0 for the one row of
// a short post) and the checksum of what it holds.
type indexRow struct {
	seq uint16
	sum uint64
}

// indexState is what posts_fts_rows records of a post.
type indexState struct {
	pieced bool
	rows   []indexRow
}

// Encoded as a layout byte ('1' one row, 'P' pieces) and 10 bytes a row:
// seq and checksum, big-endian.
func (st indexState) encode() []byte {
	b := make([]byte, 1, 1+10*len(st.rows))
	b[0] = '1'
	if st.pieced {
		b[0] = 'P'
	}
	for _, r := range st.rows {
		b = binary.BigEndian.AppendUint16(b, r.seq)
		b = binary.BigEndian.AppendUint64(b, r.sum)
	}
	return b
}

func decodeIndexState(b []byte) (indexState, error) {
	if len(b) == 0 || (b[0] != '1' && b[0] != 'P') || (len(b)-1)%10 != 0 {
		return indexState{}, fmt.Errorf("index state %q is damaged", b)
	}
	st := indexState{pieced: b[0] == 'P', rows: make([]indexRow, 0, (len(b)-1)/10)}
	for b = b[1:]; len(b) > 0; b = b[10:] {
		st.rows = append(st.rows, indexRow{binary.BigEndian.Uint16(b), binary.BigEndian.Uint64(b[2:])})
	}
	return st, nil
}

func (st indexState) rowid(id int64, seq uint16) int64 {
	if st.pieced {
		return pieceRowid(id, seq)
	}
	return id
}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// checksum identifies a row's text: two CRC-32s (both computed in hardware
// on x86 and ARM), 64 bits, so that an edit going unnoticed is a 2^-64
// chance rather than CRC-32's 2^-32. Parts are separated by a byte text
// cannot hold where it is cut (posts are valid UTF-8, 0xFF never is).
func checksum(parts ...string) uint64 {
	var c, i uint32
	for n, p := range parts {
		if n > 0 {
			c = crc32.Update(c, castagnoli, []byte{0xFF})
			i = crc32.Update(i, crc32.IEEETable, []byte{0xFF})
		}
		c = crc32.Update(c, castagnoli, []byte(p))
		i = crc32.Update(i, crc32.IEEETable, []byte(p))
	}
	return uint64(c)<<32 | uint64(i)
}

// gear is a table of random numbers for the rolling hash that places
// cuts. It is fixed (seeded), so the same text is cut the same way in every
// run and every version; were it to change, a post's first save would
// re-index it whole, nothing worse.
var gear = func() (g [256]uint64) {
	r := rand.New(rand.NewPCG(0x717569726520, 0x7069656365))
	for i := range g {
		g[i] = r.Uint64()
	}
	return g
}()

// cutPieces cuts a body into pieces of about target bytes, where the 64
// bytes before a space or line break hash to a value whose top bits are
// zero: the cuts move with the text, so text inserted or removed in one
// piece leaves the others as they were. A piece is at least target/2
// bytes (but the last) and at most 2*target: without a hashed cut by then
// it ends at its last white space, or, in text without any, at a UTF-8
// boundary. Words are never cut but in that last case.
func cutPieces(body string) []string {
	target := pieceTarget
	for len(body)/(target/2) >= maxPieces {
		target *= 2
	}
	lo, hi := target/2, 2*target
	// A cut is tried at each white space after lo, and one in target/16
	// passes (one word in 512 at 8 KB, about 3 KB of English): pieces
	// come out at 7 KB on average.
	shift := uint(64)
	for n := target / 16; n > 1; n >>= 1 {
		shift--
	}
	var out []string
	for len(body) > 0 {
		n := cutAt(body, lo, hi, shift)
		out = append(out, body[:n])
		body = body[n:]
	}
	return out
}

// cutAt is the length of the first piece of s.
func cutAt(s string, lo, hi int, shift uint) int {
	if len(s) <= lo {
		return len(s)
	}
	var h uint64
	// The hash covers the last 64 bytes (older ones are shifted out), so it
	// starts 64 bytes before the first place a cut may be.
	for i := max(lo-64, 0); i < lo; i++ {
		h = h<<1 + gear[s[i]]
	}
	end := min(len(s), hi)
	lastSpace := -1
	for i := lo; i < end; i++ {
		b := s[i]
		h = h<<1 + gear[b]
		if b == ' ' || b == '\n' || b == '\t' || b == '\r' {
			if h>>shift == 0 {
				return i + 1
			}
			lastSpace = i
		}
	}
	if end == len(s) {
		return len(s)
	}
	if lastSpace >= 0 {
		return lastSpace + 1
	}
	n := hi
	for n > lo && s[n]&0xC0 == 0x80 { // not inside a character
		n--
	}
	return n
}

// plannedRow is a row to insert: its seq and its columns.
type plannedRow struct {
	seq                           uint16
	title, body, tags, categories string
}

// indexPlan is what a save changes in a post's rows.
type indexPlan struct {
	state indexState
	del   []int64 // rowids, deleted before the inserts
	ins   []plannedRow
}

// planIndex works out the rows doc needs given the rows the post has
// (old; the zero state for none) and which of them to delete and insert.
func planIndex(id int64, old indexState, doc indexDoc) indexPlan {
	var pl indexPlan
	if len(doc.body) <= pieceThreshold {
		sum := checksum(doc.title, doc.tags, doc.categories, doc.body)
		pl.state = indexState{rows: []indexRow{{0, sum}}}
		if !old.pieced && len(old.rows) == 1 && old.rows[0].sum == sum {
			return pl
		}
		for _, r := range old.rows {
			pl.del = append(pl.del, old.rowid(id, r.seq))
		}
		pl.ins = []plannedRow{{0, doc.title, doc.body, doc.tags, doc.categories}}
		return pl
	}

	// Pieced: keep the rows whose text is unchanged, wherever they now are.
	pl.state.pieced = true
	free := map[uint64][]uint16{} // old rows by checksum, not yet kept
	if old.pieced {
		for _, r := range old.rows {
			free[r.sum] = append(free[r.sum], r.seq)
		}
	} else {
		for _, r := range old.rows {
			pl.del = append(pl.del, old.rowid(id, r.seq))
		}
	}
	used := map[uint16]bool{}
	var pending []int // pieces that need a new row
	pieces := cutPieces(doc.body)
	sums := make([]uint64, len(pieces))
	pl.state.rows = make([]indexRow, 0, len(pieces))
	for i, p := range pieces {
		sums[i] = checksum(doc.title, doc.tags, doc.categories, p)
		if seqs := free[sums[i]]; len(seqs) > 0 {
			seq := seqs[len(seqs)-1]
			free[sums[i]] = seqs[:len(seqs)-1]
			used[seq] = true
			pl.state.rows = append(pl.state.rows, indexRow{seq, sums[i]})
		} else {
			pending = append(pending, i)
		}
	}
	for _, seqs := range free {
		for _, seq := range seqs {
			pl.del = append(pl.del, pieceRowid(id, seq))
		}
	}
	// New pieces take the lowest numbers not kept; deleted rows' numbers
	// are free again, as the deletes run first.
	next := uint16(0)
	for _, i := range pending {
		for used[next] {
			next++
		}
		used[next] = true
		pl.state.rows = append(pl.state.rows, indexRow{next, sums[i]})
		pl.ins = append(pl.ins, plannedRow{next, doc.title, pieces[i], doc.tags, doc.categories})
	}
	return pl
}

// readIndexState is what posts_fts_rows says post id has in the index.
func readIndexState(ctx context.Context, tx dbtx, id int64) (indexState, error) {
	var b []byte
	err := tx.QueryRowContext(ctx, `SELECT rows FROM posts_fts_rows WHERE post_id = ?`, id).Scan(&b)
	if errors.Is(err, sql.ErrNoRows) {
		return indexState{}, nil
	}
	if err != nil {
		return indexState{}, err
	}
	st, err := decodeIndexState(b)
	if err != nil {
		return indexState{}, fmt.Errorf("post %d: %w", id, err)
	}
	return st, nil
}

// indexPost brings post id's rows in the search index up to doc. isNew
// says the post has none yet (it was just inserted), which saves a lookup.
//
// A transaction that is an indexQueue takes the write to make it later.
func indexPost(ctx context.Context, tx dbtx, id int64, doc indexDoc, isNew bool) error {
	if q, ok := tx.(indexQueue); ok {
		q.queueIndex(id, doc, isNew)
		return nil
	}
	pl, change, err := planFor(ctx, tx, id, doc, isNew)
	if err != nil || !change {
		return err
	}
	if err := writeIndexRows(ctx, tx, id, pl); err != nil {
		return err
	}
	return recordIndexRows(ctx, tx, id, pl.state.encode())
}

// planFor plans bringing post id's rows up to doc (isNew: it has none), and
// says whether that changes anything.
func planFor(ctx context.Context, tx dbtx, id int64, doc indexDoc, isNew bool) (indexPlan, bool, error) {
	var old indexState
	if !isNew {
		var err error
		if old, err = readIndexState(ctx, tx, id); err != nil {
			return indexPlan{}, false, fmt.Errorf("update the search index: %w", err)
		}
	}
	pl := planIndex(id, old, doc)
	return pl, len(pl.del) > 0 || len(pl.ins) > 0, nil
}

// writeIndexRows deletes and inserts the rows of posts_fts that pl plans.
func writeIndexRows(ctx context.Context, tx dbtx, id int64, pl indexPlan) error {
	for _, rowid := range pl.del {
		if _, err := tx.ExecContext(ctx, `DELETE FROM posts_fts WHERE rowid = ?`, rowid); err != nil {
			return fmt.Errorf("update the search index: %w", err)
		}
	}
	for _, r := range pl.ins {
		if _, err := tx.ExecContext(ctx, `INSERT INTO posts_fts (rowid, title, body, tags, categories) VALUES (?, ?, ?, ?, ?)`,
			pl.state.rowid(id, r.seq), r.title, r.body, r.tags, r.categories); err != nil {
			return fmt.Errorf("update the search index: %w", err)
		}
	}
	return nil
}

// recordIndexRows records in posts_fts_rows which rows post id has.
func recordIndexRows(ctx context.Context, tx dbtx, id int64, state []byte) error {
	if _, err := tx.ExecContext(ctx, `INSERT INTO posts_fts_rows (post_id, rows) VALUES (?, ?)
		ON CONFLICT (post_id) DO UPDATE SET rows = excluded.rows`, id, state); err != nil {
		return fmt.Errorf("update the search index: %w", err)
	}
	return nil
}

// unindexPost takes post id out of the search index (into the trash).
func unindexPost(ctx context.Context, tx dbtx, id int64) error {
	old, err := readIndexState(ctx, tx, id)
	if err != nil {
		return fmt.Errorf("update the search index: %w", err)
	}
	for _, r := range old.rows {
		if _, err := tx.ExecContext(ctx, `DELETE FROM posts_fts WHERE rowid = ?`, old.rowid(id, r.seq)); err != nil {
			return fmt.Errorf("update the search index: %w", err)
		}
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM posts_fts_rows WHERE post_id = ?`, id); err != nil {
		return fmt.Errorf("update the search index: %w", err)
	}
	return nil
}

// reindexStored indexes post id as stored (for a post whose row was
// written without its index: autosaved, or back from the trash) and marks
// it current.
func reindexStored(ctx context.Context, tx dbtx, id int64) error {
	var doc indexDoc
	var trashed bool
	if err := tx.QueryRowContext(ctx, `SELECT title, body, tags, categories, trashed_unix IS NOT NULL FROM posts WHERE id = ?`, id).
		Scan(&doc.title, &doc.body, &doc.tags, &doc.categories, &trashed); err != nil {
		return fmt.Errorf("update the search index: %w", err)
	}
	var err error
	if trashed {
		err = unindexPost(ctx, tx, id) // the trash is not searched through the index
	} else {
		err = indexPost(ctx, tx, id, doc, false)
	}
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE posts SET fts_stale = 0 WHERE id = ? AND fts_stale = 1`, id); err != nil {
		return fmt.Errorf("update the search index: %w", err)
	}
	return nil
}

// flushIndex indexes the posts autosave left out of the search index, so
// that a search sees every save. It costs one indexed lookup when there are none.
func (s *Store) flushIndex(ctx context.Context) error {
	var stale bool
	if err := s.db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM posts WHERE fts_stale = 1)`).Scan(&stale); err != nil || !stale {
		return err
	}
	err := s.withTx(ctx, func(tx *sql.Tx) error {
		ids, err := queryIDs(ctx, tx, `SELECT id FROM posts WHERE fts_stale = 1`)
		if err != nil {
			return err
		}
		c := newStmtCache(tx)
		defer c.close()
		for _, id := range ids {
			if err := reindexStored(ctx, c, id); err != nil {
				return fmt.Errorf("post %d: %w", id, err)
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("update the search index: %w", err)
	}
	return nil
}

// queryIDs runs a query whose rows are one id each.
func queryIDs(ctx context.Context, q interface {
	QueryContext(context.Context, string, ...any) (*sql.Rows, error)
}, query string, args ...any) ([]int64, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}
