package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"quire/backend/post"
)

// AutosaveWindow is how long a run of autosaves keeps replacing one revision
// instead of adding one: a writer typing for an hour leaves about a dozen
// autosave revisions, not thousands.
const AutosaveWindow = 5 * time.Minute

// MaxBodySize bounds a post's body. Ten megabytes of Markdown is a book;
// this leaves room without letting a stray binary file in.
const MaxBodySize = 64 << 20

// ConflictError is returned by SavePost when the post changed since the copy
// being saved was read. The refused text is kept as revision Saved.
type ConflictError struct {
	PostID  int64
	Slug    string
	BasedOn int64 // the revision the refused save started from
	Current int64 // the post's revision now
	Saved   int64 // the conflict revision holding the refused text
}

func (e *ConflictError) Error() string {
	return fmt.Sprintf("post %q changed since revision %d (now revision %d); your version was kept as revision %d", e.Slug, e.BasedOn, e.Current, e.Saved)
}

func (e *ConflictError) Unwrap() error { return post.ErrConflict }

// validate refuses what must never reach the database.
func validate(p *post.Post) error {
	bad := func(format string, a ...any) error {
		return fmt.Errorf("post %q: %s: %w", p.Slug, fmt.Sprintf(format, a...), post.ErrInvalid)
	}
	if !utf8.ValidString(p.Body) {
		return bad("the body is not valid UTF-8 text")
	}
	// The known fields' columns (post.KnownFields) hold text and lists of names.
	for i := range post.KnownFields {
		f := &post.KnownFields[i]
		switch v := f.Ptr(p).(type) {
		case *string:
			if !utf8.ValidString(*v) {
				return bad("the %s is not valid UTF-8 text", f.Key)
			}
		case *[]string:
			for _, s := range *v {
				if !utf8.ValidString(s) || strings.TrimSpace(s) == "" {
					return bad("%s: %q is empty or not valid UTF-8", f.Key, s)
				}
			}
		}
	}
	if len(p.Body) > MaxBodySize {
		return bad("the body is %d MB; the limit is %d MB", len(p.Body)>>20, MaxBodySize>>20)
	}
	switch p.Status {
	case post.StatusDraft, post.StatusPublished, post.StatusScheduled:
	default:
		return bad("status %q is not one of draft, published, scheduled", p.Status)
	}
	if p.Slug != "" {
		if err := post.ValidateSlug(p.Slug); err != nil {
			return err
		}
	}
	return nil
}

// CreatePost adds p as a new post with a first revision. It assigns p.ID,
// p.Revision and, when empty, p.Slug (from the title, made unique); an empty
// status means draft.
func (s *Store) CreatePost(ctx context.Context, p *post.Post) error {
	return s.CreatePostAs(ctx, p, KindCreate)
}

// CreatePostAs is CreatePost recording why the post appeared (KindImport for
// an imported file).
func (s *Store) CreatePostAs(ctx context.Context, p *post.Post, kind RevisionKind) error {
	if p.Status == "" {
		p.Status = post.StatusDraft
	}
	if err := validate(p); err != nil {
		return err
	}
	c := p.Clone()
	if err := s.withTx(ctx, func(tx *sql.Tx) error { return createPost(ctx, tx, c, kind, s.now(), nil) }); err != nil {
		return fmt.Errorf("create post %q: %w", p.Title, err)
	}
	p.ID, p.Slug, p.Revision, p.Updated = c.ID, c.Slug, c.Revision, c.Updated
	return nil
}

// createPost inserts p as a new post. enc, when not nil, is p encoded with
// the slug base ahead of the transaction; it is used when p gets that slug.
func createPost(ctx context.Context, tx dbtx, p *post.Post, kind RevisionKind, now time.Time, enc *encoded) error {
	base := newSlugBase(p)
	slug, err := uniqueSlug(ctx, tx, base, 0)
	if err != nil {
		return err
	}
	p.Slug = slug
	p.Updated = now
	p.Revision = 1
	if enc == nil || slug != base {
		if enc, err = encode(p); err != nil {
			return err
		}
	}
	file, cols := enc.file, enc.cols
	var source any
	if p.Source != "" {
		source = p.Source
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO posts (slug, title, date, date_unix, status, categories, tags,
		summary, layout, extra, body, excerpt, revision, source, created_unix, updated_unix, original)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?)`,
		p.Slug, p.Title, cols.date, cols.dateUnix, string(p.Status), cols.categories, cols.tags,
		p.Summary, p.Layout, cols.extra, p.Body, cols.excerpt, source, now.UnixNano(), now.UnixNano(), cols.original)
	if err != nil {
		if isUnique(err, "posts.source") {
			return fmt.Errorf("%s was already imported: %w", p.Source, post.ErrInvalid)
		}
		return err
	}
	if p.ID, err = res.LastInsertId(); err != nil {
		return err
	}
	if err := setTerms(ctx, tx, p); err != nil {
		return err
	}
	if err := indexPost(ctx, tx, p.ID, cols.indexDoc(p), true); err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO revisions (post_id, rev, kind, started_unix, created_unix, title, file)
		VALUES (?, 1, ?, ?, ?, ?, ?)`, p.ID, string(kind), now.UnixNano(), now.UnixNano(), p.Title, file)
	return err
}

// newSlugBase is the slug a new post asks for: its own, or one made of its
// title. uniqueSlug gives it a number when another post has it.
func newSlugBase(p *post.Post) string {
	if p.Slug != "" {
		return p.Slug
	}
	return post.Slugify(p.Title)
}

// uniqueSlug returns base, or base-2, base-3... whichever no other post has.
func uniqueSlug(ctx context.Context, tx dbtx, base string, self int64) (string, error) {
	if err := post.ValidateSlug(base); err != nil {
		return "", err
	}
	for n := 1; ; n++ {
		slug := base
		if n > 1 {
			suffix := fmt.Sprintf("-%d", n)
			stem := base
			for len(stem)+len(suffix) > post.MaxSlugLen {
				_, size := utf8.DecodeLastRuneInString(stem)
				stem = stem[:len(stem)-size]
			}
			slug = strings.TrimRight(stem, "-") + suffix
		}
		var id int64
		err := tx.QueryRowContext(ctx, `SELECT id FROM posts WHERE slug = ?`, slug).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) || (err == nil && id == self) {
			return slug, nil
		}
		if err != nil {
			return "", err
		}
	}
}

func setTerms(ctx context.Context, tx dbtx, p *post.Post) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM post_terms WHERE post_id = ?`, p.ID); err != nil {
		return err
	}
	for _, t := range []struct {
		kind  string
		terms []string
	}{{"category", p.Categories}, {"tag", p.Tags}} {
		for _, term := range t.terms {
			if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO post_terms (post_id, kind, term) VALUES (?, ?, ?)`, p.ID, t.kind, term); err != nil {
				return err
			}
		}
	}
	return nil
}

func isUnique(err error, column string) bool {
	return err != nil && strings.Contains(err.Error(), "UNIQUE constraint failed: "+column)
}

const postSelect = `SELECT id, slug, title, date, status, categories, tags, summary, layout, extra, body,
	revision, coalesce(source, ''), updated_unix, original FROM posts`

func scanPost(row interface{ Scan(...any) error }) (*post.Post, error) {
	var p post.Post
	var date, status, cats, tags, extra, original string
	var updated int64
	if err := row.Scan(&p.ID, &p.Slug, &p.Title, &date, &status, &cats, &tags, &p.Summary, &p.Layout,
		&extra, &p.Body, &p.Revision, &p.Source, &updated, &original); err != nil {
		return nil, err
	}
	o, err := post.DecodeOriginal(original)
	if err != nil {
		return nil, fmt.Errorf("post %q: stored %w", p.Slug, err)
	}
	p.Original = o
	p.Status = post.Status(status)
	p.Updated = time.Unix(0, updated).UTC()
	if date != "" {
		t, err := time.Parse(time.RFC3339Nano, date)
		if err != nil {
			return nil, fmt.Errorf("post %q: stored date %q: %w", p.Slug, date, err)
		}
		p.Date = t
	}
	if err := json.Unmarshal([]byte(cats), &p.Categories); err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(tags), &p.Tags); err != nil {
		return nil, err
	}
	if extra != "" {
		m, err := post.DecodeMap([]byte(extra))
		if err != nil {
			return nil, fmt.Errorf("post %q: stored front matter: %w", p.Slug, err)
		}
		p.Extra = m
	}
	return &p, nil
}

// GetPost returns the post with id, in the trash or not.
func (s *Store) GetPost(ctx context.Context, id int64) (*post.Post, error) {
	return s.getPostWhere(ctx, `id = ?`, id, fmt.Sprintf("post %d", id))
}

// GetPostBySlug returns the post with slug, in the trash or not.
func (s *Store) GetPostBySlug(ctx context.Context, slug string) (*post.Post, error) {
	return s.getPostWhere(ctx, `slug = ?`, slug, fmt.Sprintf("post %q", slug))
}

// GetPostBySource returns the post imported from the file at path.
func (s *Store) GetPostBySource(ctx context.Context, path string) (*post.Post, error) {
	return s.getPostWhere(ctx, `source = ?`, path, "post from "+path)
}

// getPostWhere returns the one post matching where (a condition on one
// column with one argument); what names it in errors.
func (s *Store) getPostWhere(ctx context.Context, where string, arg any, what string) (*post.Post, error) {
	p, err := scanPost(s.db.QueryRowContext(ctx, postSelect+` WHERE `+where, arg))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("%s: %w", what, post.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("get %s: %w", what, err)
	}
	return p, nil
}

// SavePost stores p as the new content of post p.ID, in one transaction.
//
// p.Revision must be the post's current revision: a save based on an older
// one is refused with a *ConflictError (post.ErrConflict), and its text is
// kept as a conflict revision so neither version is lost. On success
// p.Revision and p.Updated are the new ones. Saving content identical to the
// current revision changes nothing and leaves p.Revision as it was.
func (s *Store) SavePost(ctx context.Context, p *post.Post, kind RevisionKind) error {
	if !kind.valid() {
		return fmt.Errorf("save post %q: unknown revision kind %q: %w", p.Slug, kind, post.ErrInvalid)
	}
	if err := validate(p); err != nil {
		return err
	}
	c := p.Clone()
	// The file and the columns need no database: encoded before BEGIN, the
	// write lock is held for SQL only. (Without a slug the file needs the
	// stored one, so savePost encodes it.)
	var enc *encoded
	if c.Slug != "" {
		var err error
		if enc, err = encode(c); err != nil {
			return fmt.Errorf("save post %q: %w", p.Slug, err)
		}
	}
	var conflict *ConflictError
	err := s.withTx(ctx, func(tx *sql.Tx) (err error) {
		conflict, err = savePost(ctx, tx, c, kind, s.now(), enc)
		return err
	})
	if err != nil {
		return fmt.Errorf("save post %q: %w", p.Slug, err)
	}
	if conflict != nil {
		return conflict
	}
	p.Slug, p.Revision, p.Updated = c.Slug, c.Revision, c.Updated
	return nil
}

// encoded is a post as the store writes it: its revision file and its
// columns.
type encoded struct {
	file string
	cols columns
}

func encode(p *post.Post) (*encoded, error) {
	// The slug the store keeps is recorded, not written into a text that
	// names none.
	p.NoteDerivedKeys("slug")
	file, err := revisionFile(p)
	if err != nil {
		return nil, err
	}
	cols, err := postColumns(p)
	if err != nil {
		return nil, err
	}
	return &encoded{file, cols}, nil
}

// savePost writes p (a copy the caller owns) and reports a conflict instead
// of an error when p is stale, so that the conflict revision is committed.
// enc is p encoded, or nil to encode it here; it must have been encoded with
// p.Slug as it is.
func savePost(ctx context.Context, tx dbtx, p *post.Post, kind RevisionKind, now time.Time, enc *encoded) (*ConflictError, error) {
	if p.Slug == "" {
		// The post keeps its slug; the file names it.
		err := tx.QueryRowContext(ctx, `SELECT slug FROM posts WHERE id = ?`, p.ID).Scan(&p.Slug)
		if errors.Is(err, sql.ErrNoRows) {
			return nil, fmt.Errorf("post %d: %w", p.ID, post.ErrNotFound)
		}
		if err != nil {
			return nil, err
		}
		enc = nil
	}
	if enc == nil {
		var err error
		if enc, err = encode(p); err != nil {
			return nil, err
		}
	}
	var cur struct {
		rev, last, started int64
		kind               string
		same               bool
		storedRow
	}
	err := tx.QueryRowContext(ctx, `SELECT revision, slug, title, date, status, categories, tags, summary,
			layout, extra, excerpt, coalesce(source, ''), fts_stale, trashed_unix IS NOT NULL, original FROM posts WHERE id = ?`, p.ID).
		Scan(&cur.rev, &cur.slug, &cur.title, &cur.date, &cur.status, &cur.categories, &cur.tags, &cur.summary,
			&cur.layout, &cur.extra, &cur.excerpt, &cur.source, &cur.stale, &cur.trashed, &cur.original)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("post %d: %w", p.ID, post.ErrNotFound)
	}
	if err != nil {
		return nil, err
	}
	// The stored file is compared where it lies, and only when its size is
	// the new one's: reading 50 KB into Go costs more than the comparison.
	// The newest number is read from the end of the (post_id, rev) index.
	// Two queries rather than a join of posts and revisions: SQLite
	// re-prepared that join at every run, and these two are cheaper.
	err = tx.QueryRowContext(ctx, `SELECT kind, started_unix, CASE WHEN size = ? THEN file = ? ELSE 0 END,
			(SELECT l.rev FROM revisions l WHERE l.post_id = r.post_id ORDER BY l.rev DESC LIMIT 1)
		FROM revisions r WHERE post_id = ? AND rev = ?`, len(enc.file), enc.file, p.ID, cur.rev).
		Scan(&cur.kind, &cur.started, &cur.same, &cur.last)
	if err != nil {
		return nil, err
	}
	file, next := enc.file, cur.last+1
	// The text alone does not say what Quire derived (a status from
	// _drafts/): a change there is a change too.
	if cur.same && p.Source == cur.source && enc.cols.original == cur.original {
		// Nothing changed (even if the copy is stale, there is nothing to
		// reconcile): no revision, no new updated time.
		p.Revision = cur.rev
		if kind != KindAutosave && RevisionKind(cur.kind) == KindAutosave {
			// An explicit save of what autosave already stored (Ctrl+S after
			// a pause): the revision takes the explicit kind, so the next
			// autosave adds a revision instead of replacing this one, and the
			// post is indexed now.
			if _, err := tx.ExecContext(ctx, `UPDATE revisions SET kind = ? WHERE post_id = ? AND rev = ?`, string(kind), p.ID, cur.rev); err != nil {
				return nil, err
			}
			if cur.stale {
				if !cur.trashed { // the trash is not indexed
					if err := indexPost(ctx, tx, p.ID, enc.cols.indexDoc(p), false); err != nil {
						return nil, err
					}
				}
				if _, err := tx.ExecContext(ctx, `UPDATE posts SET fts_stale = 0 WHERE id = ?`, p.ID); err != nil {
					return nil, err
				}
			}
		}
		return nil, nil
	}
	if p.Revision != cur.rev {
		_, err := tx.ExecContext(ctx, `INSERT INTO revisions (post_id, rev, kind, based_on, started_unix, created_unix, title, file)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, p.ID, next, string(KindConflict), p.Revision, now.UnixNano(), now.UnixNano(), p.Title, file)
		if err != nil {
			return nil, err
		}
		return &ConflictError{PostID: p.ID, Slug: cur.slug, BasedOn: p.Revision, Current: cur.rev, Saved: next}, nil
	}
	if p.Slug != cur.slug {
		if err := post.ValidateSlug(p.Slug); err != nil {
			return nil, err
		}
		var other int64
		err := tx.QueryRowContext(ctx, `SELECT id FROM posts WHERE slug = ? AND id != ?`, p.Slug, p.ID).Scan(&other)
		if err == nil {
			return nil, fmt.Errorf("slug %q is taken by another post: %w", p.Slug, post.ErrInvalid)
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return nil, err
		}
	}
	if kind == KindAutosave && RevisionKind(cur.kind) == KindAutosave && now.Sub(time.Unix(0, cur.started)) < AutosaveWindow {
		// Same run of typing: the autosave revision moves forward instead of
		// piling up. Its number changes so that copies based on it go stale.
		_, err = tx.ExecContext(ctx, `UPDATE revisions SET rev = ?, created_unix = ?, title = ?, file = ?
			WHERE post_id = ? AND rev = ?`, next, now.UnixNano(), p.Title, file, p.ID, cur.rev)
	} else {
		_, err = tx.ExecContext(ctx, `INSERT INTO revisions (post_id, rev, kind, started_unix, created_unix, title, file)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, p.ID, next, string(kind), now.UnixNano(), now.UnixNano(), p.Title, file)
	}
	if err != nil {
		return nil, err
	}
	p.Revision, p.Updated = next, now
	if err := updatePost(ctx, tx, p, enc.cols, &cur.storedRow, kind == KindAutosave); err != nil {
		return nil, err
	}
	return nil, nil
}

// storedRow is a post's row as stored, but for its body and numbers.
type storedRow struct {
	slug, title, date, status, categories, tags, summary, layout, extra, excerpt, source, original string

	stale   bool // autosaved since it was last indexed
	trashed bool
}

// updatePost writes the post's row over old: the body, revision, times and
// index state, and only the other columns that changed, so that SQLite
// leaves the indexes on unchanged columns (slug, title, date, source) alone
// and a save writes fewer pages; categories and tags are rewritten when they
// changed. The search index is brought up to date, but with staleIndex
// (autosave), which leaves it for the next explicit save or search.
func updatePost(ctx context.Context, tx dbtx, p *post.Post, cols columns, old *storedRow, staleIndex bool) error {
	var set strings.Builder
	var args []any
	col := func(name string, changed bool, v any) {
		if !changed {
			return
		}
		if len(args) > 0 {
			set.WriteString(", ")
		}
		set.WriteString(name + " = ?")
		args = append(args, v)
	}
	var source any
	if p.Source != "" {
		source = p.Source
	}
	col("slug", p.Slug != old.slug, p.Slug)
	col("title", p.Title != old.title, p.Title)
	col("date", cols.date != old.date, cols.date)
	col("date_unix", cols.date != old.date, cols.dateUnix)
	col("status", string(p.Status) != old.status, string(p.Status))
	col("categories", cols.categories != old.categories, cols.categories)
	col("tags", cols.tags != old.tags, cols.tags)
	col("summary", p.Summary != old.summary, p.Summary)
	col("layout", p.Layout != old.layout, p.Layout)
	col("extra", cols.extra != old.extra, cols.extra)
	col("excerpt", cols.excerpt != old.excerpt, cols.excerpt)
	col("original", cols.original != old.original, cols.original)
	col("source", p.Source != old.source, source)
	col("body", true, p.Body)
	col("revision", true, p.Revision)
	col("updated_unix", true, p.Updated.UnixNano())
	col("fts_stale", true, staleIndex)
	// One statement per set of changed columns: a few in practice, each
	// kept prepared by the connection.
	_, err := tx.ExecContext(ctx, `UPDATE posts SET `+set.String()+` WHERE id = ?`, append(args, p.ID)...)
	if err != nil {
		if isUnique(err, "posts.source") {
			return fmt.Errorf("another post was imported from %s: %w", p.Source, post.ErrInvalid)
		}
		return err
	}
	if !staleIndex && !old.trashed {
		if err := indexPost(ctx, tx, p.ID, cols.indexDoc(p), false); err != nil {
			return err
		}
	}
	if cols.categories == old.categories && cols.tags == old.tags {
		return nil
	}
	return setTerms(ctx, tx, p)
}
