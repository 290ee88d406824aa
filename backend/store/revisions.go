package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"quire/backend/post"
)

// RevisionKind says why a revision was made.
type RevisionKind string

const (
	KindCreate   RevisionKind = "create"
	KindAutosave RevisionKind = "autosave" // coalesced: see AutosaveWindow
	KindSave     RevisionKind = "save"
	KindPublish  RevisionKind = "publish"
	KindImport   RevisionKind = "import"
	KindExternal RevisionKind = "external" // the file changed outside Quire
	KindRestore  RevisionKind = "restore"
	// KindConflict holds the text of a save that was refused because it was
	// based on an old revision; it never becomes the current content by itself.
	KindConflict RevisionKind = "conflict"
)

func (k RevisionKind) valid() bool {
	switch k {
	case KindCreate, KindAutosave, KindSave, KindPublish, KindImport, KindExternal, KindRestore:
		return true
	}
	return false
}

// Revision describes one kept version of a post.
type Revision struct {
	PostID  int64        `json:"postId"`
	Rev     int64        `json:"rev"`
	Kind    RevisionKind `json:"kind"`
	BasedOn int64        `json:"basedOn,omitempty"`
	Created time.Time    `json:"created"`
	Title   string       `json:"title"`
	Size    int          `json:"size"` // bytes of the file
	Current bool         `json:"current"`
	// Post is the content, filled by Store.Revision only.
	Post *post.Post `json:"post,omitempty"`
}

// revisionFile is the text a revision keeps: the post as a file, without the
// updated time (the revision has its own), so unchanged content compares equal.
func revisionFile(p *post.Post) (string, error) {
	c := *p
	c.Updated = time.Time{}
	b, err := c.MarshalFile()
	if err != nil {
		return "", err
	}
	return string(b), nil
}

// Revisions lists the kept revisions of a post, newest first.
func (s *Store) Revisions(ctx context.Context, postID int64) ([]Revision, error) {
	var current int64
	if err := s.db.QueryRowContext(ctx, `SELECT revision FROM posts WHERE id = ?`, postID).Scan(&current); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return nil, fmt.Errorf("revisions of post %d: %w", postID, post.ErrNotFound)
		}
		return nil, fmt.Errorf("revisions of post %d: %w", postID, err)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT rev, kind, coalesce(based_on, 0), created_unix, title, size
		FROM revisions WHERE post_id = ? ORDER BY rev DESC`, postID)
	if err != nil {
		return nil, fmt.Errorf("revisions of post %d: %w", postID, err)
	}
	defer rows.Close()
	var out []Revision
	for rows.Next() {
		r := Revision{PostID: postID}
		var created int64
		if err := rows.Scan(&r.Rev, &r.Kind, &r.BasedOn, &created, &r.Title, &r.Size); err != nil {
			return nil, fmt.Errorf("revisions of post %d: %w", postID, err)
		}
		r.Created = time.Unix(0, created).UTC()
		r.Current = r.Rev == current
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("revisions of post %d: %w", postID, err)
	}
	return out, nil
}

// Revision returns one revision with its content in Post. Post.Revision is
// rev and Post.Updated the time the revision was made.
func (s *Store) Revision(ctx context.Context, postID, rev int64) (*Revision, error) {
	r, err := getRevision(ctx, s.db, postID, rev)
	if err != nil {
		return nil, fmt.Errorf("revision %d of post %d: %w", rev, postID, err)
	}
	return r, nil
}

type querier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func getRevision(ctx context.Context, q querier, postID, rev int64) (*Revision, error) {
	r := Revision{PostID: postID, Rev: rev}
	var created, current int64
	var file, source string
	err := q.QueryRowContext(ctx, `SELECT r.kind, coalesce(r.based_on, 0), r.created_unix, r.title, r.file, p.revision, coalesce(p.source, '')
		FROM revisions r JOIN posts p ON p.id = r.post_id WHERE r.post_id = ? AND r.rev = ?`, postID, rev).
		Scan(&r.Kind, &r.BasedOn, &created, &r.Title, &file, &current, &source)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, post.ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	r.Created = time.Unix(0, created).UTC()
	r.Size = len(file)
	r.Current = rev == current
	p, _, err := post.ParseFile(fmt.Sprintf("revision %d", rev), []byte(file))
	if err != nil {
		return nil, err
	}
	p.ID, p.Revision, p.Updated, p.Source = postID, rev, r.Created, source
	r.Post = p
	return &r, nil
}

// RestoreRevision makes revision rev the post's content again, as a new
// revision (KindRestore), so the content it replaces stays in the history.
// The post keeps its current slug when the old one is now another post's.
func (s *Store) RestoreRevision(ctx context.Context, postID, rev int64) (*post.Post, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("restore revision %d of post %d: %w", rev, postID, err)
	}
	defer tx.Rollback()
	r, err := getRevision(ctx, tx, postID, rev)
	if err != nil {
		return nil, fmt.Errorf("restore revision %d of post %d: %w", rev, postID, err)
	}
	p := r.Post
	var curRev int64
	var curSlug, curOriginal string
	if err := tx.QueryRowContext(ctx, `SELECT revision, slug, original FROM posts WHERE id = ?`, postID).Scan(&curRev, &curSlug, &curOriginal); err != nil {
		return nil, fmt.Errorf("restore revision %d of post %d: %w", rev, postID, err)
	}
	// What the file's place gives (a draft of _drafts/) holds for the old
	// text too: the revision keeps only the text.
	o, err := post.DecodeOriginal(curOriginal)
	if err != nil {
		return nil, fmt.Errorf("restore revision %d of post %d: %w", rev, postID, err)
	}
	p.InheritDerived(&post.Post{Original: o})
	var other int64
	if err := tx.QueryRowContext(ctx, `SELECT id FROM posts WHERE slug = ? AND id != ?`, p.Slug, postID).Scan(&other); err == nil {
		p.Slug = curSlug
	}
	p.Revision = curRev
	if err := validate(p); err != nil {
		return nil, err
	}
	if _, err := savePost(ctx, tx, p, KindRestore, s.now(), nil); err != nil {
		return nil, fmt.Errorf("restore revision %d of post %d: %w", rev, postID, err)
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("restore revision %d of post %d: %w", rev, postID, err)
	}
	return p, nil
}
