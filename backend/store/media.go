package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"time"

	"quire/backend/post"
)

// Media is a file in the media library (see backend/media, which owns the
// files; the store keeps what was learnt about each when it came in).
type Media struct {
	// Name is the file's name in the media folder and in links
	// (media/NAME): the start of its SHA-256 in hex and an extension.
	Name   string `json:"name"`
	Hash   string `json:"hash"` // SHA-256 of the bytes, hex
	MIME   string `json:"mime"`
	Bytes  int64  `json:"bytes"`
	Width  int    `json:"width"` // pixels, 0 when unknown
	Height int    `json:"height"`
	// Original is the file name it came in with ("" for a paste).
	Original string    `json:"original"`
	Created  time.Time `json:"created"`
}

// MediaUse is a post that refers to a media file.
type MediaUse struct {
	PostID  int64       `json:"postId"`
	Slug    string      `json:"slug"`
	Title   string      `json:"title"`
	Status  post.Status `json:"status"`
	Trashed bool        `json:"trashed"`
}

// ErrMediaInUse: a media file that posts still refer to cannot be deleted.
var ErrMediaInUse = errors.New("in use")

// ErrMediaNameTaken: another file already has the name (its hash starts
// the same way); the caller picks a longer name.
var ErrMediaNameTaken = errors.New("media name taken by another file")

// mediaRef finds references to media files in a post: media/NAME, where
// NAME is what backend/media names files (hex and an image extension).
var mediaRef = regexp.MustCompile(`media/([0-9a-f]{16,64}\.(?:png|jpg|gif|webp|svg))\b`)

// MediaRefs lists the media names text refers to (media/NAME), each once,
// in order of first appearance.
func MediaRefs(text string) []string {
	if !strings.Contains(text, "media/") {
		return nil
	}
	var out []string
	seen := map[string]bool{}
	for _, m := range mediaRef.FindAllStringSubmatch(text, -1) {
		if !seen[m[1]] {
			seen[m[1]] = true
			out = append(out, m[1])
		}
	}
	return out
}

const mediaCols = `name, hash, mime, bytes, width, height, created_unix, original`

func scanMedia(sc interface{ Scan(...any) error }) (Media, error) {
	var m Media
	var created int64
	err := sc.Scan(&m.Name, &m.Hash, &m.MIME, &m.Bytes, &m.Width, &m.Height, &created, &m.Original)
	m.Created = time.Unix(0, created).UTC()
	return m, err
}

// AddMedia records m unless a file with the same hash is recorded already;
// it returns the record that is now in the library and whether it is new.
// A different file under the same name is ErrMediaNameTaken.
func (s *Store) AddMedia(ctx context.Context, m Media) (Media, bool, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return Media{}, false, err
	}
	defer tx.Rollback()
	old, err := scanMedia(tx.QueryRowContext(ctx, `SELECT `+mediaCols+` FROM media WHERE hash = ?`, m.Hash))
	if err == nil {
		return old, false, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return Media{}, false, fmt.Errorf("add media %s: %w", m.Name, err)
	}
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM media WHERE name = ?`, m.Name).Scan(&n); err != nil {
		return Media{}, false, fmt.Errorf("add media %s: %w", m.Name, err)
	}
	if n > 0 {
		return Media{}, false, fmt.Errorf("add media %s: %w", m.Name, ErrMediaNameTaken)
	}
	if m.Created.IsZero() {
		m.Created = s.now().UTC()
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO media (`+mediaCols+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		m.Name, m.Hash, m.MIME, m.Bytes, m.Width, m.Height, m.Created.UnixNano(), m.Original); err != nil {
		return Media{}, false, fmt.Errorf("add media %s: %w", m.Name, err)
	}
	if err := tx.Commit(); err != nil {
		return Media{}, false, fmt.Errorf("add media %s: %w", m.Name, err)
	}
	return m, true, nil
}

// GetMedia returns the record of the file named name (post.ErrNotFound
// when there is none).
func (s *Store) GetMedia(ctx context.Context, name string) (Media, error) {
	m, err := scanMedia(s.db.QueryRowContext(ctx, `SELECT `+mediaCols+` FROM media WHERE name = ?`, name))
	if errors.Is(err, sql.ErrNoRows) {
		return Media{}, fmt.Errorf("media %s: %w", name, post.ErrNotFound)
	}
	if err != nil {
		return Media{}, fmt.Errorf("media %s: %w", name, err)
	}
	return m, nil
}

// ListMedia returns every file in the library, newest first.
func (s *Store) ListMedia(ctx context.Context) ([]Media, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+mediaCols+` FROM media ORDER BY created_unix DESC, name`)
	if err != nil {
		return nil, fmt.Errorf("list media: %w", err)
	}
	defer rows.Close()
	out := []Media{}
	for rows.Next() {
		m, err := scanMedia(rows)
		if err != nil {
			return nil, fmt.Errorf("list media: %w", err)
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// MediaUsage returns, for every media name that posts refer to (in their
// body or front matter, trashed posts included: restoring one must not
// find its images gone), the posts that do. Names that no post uses are
// absent. It reads the posts that mention "media/" at all, so it is always
// in step with what was saved.
func (s *Store) MediaUsage(ctx context.Context) (map[string][]MediaUse, error) {
	return mediaUsage(ctx, s.db, "")
}

type queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// mediaUsage is MediaUsage, limited to one name when name is not "".
func mediaUsage(ctx context.Context, q queryer, name string) (map[string][]MediaUse, error) {
	needle := "media/" + name
	rows, err := q.QueryContext(ctx, `SELECT id, slug, title, status, trashed_unix IS NOT NULL, body, extra FROM posts
		WHERE instr(body, ?) > 0 OR instr(extra, ?) > 0 ORDER BY title COLLATE NOCASE, id`, needle, needle)
	if err != nil {
		return nil, fmt.Errorf("media usage: %w", err)
	}
	defer rows.Close()
	out := map[string][]MediaUse{}
	for rows.Next() {
		var u MediaUse
		var body, extra string
		if err := rows.Scan(&u.PostID, &u.Slug, &u.Title, &u.Status, &u.Trashed, &body, &extra); err != nil {
			return nil, fmt.Errorf("media usage: %w", err)
		}
		seen := map[string]bool{}
		for _, n := range append(MediaRefs(extra), MediaRefs(body)...) {
			if seen[n] || (name != "" && n != name) {
				continue
			}
			seen[n] = true
			out[n] = append(out[n], u)
		}
	}
	return out, rows.Err()
}

// DeleteMedia removes the record of the file named name. It is refused
// with ErrMediaInUse, naming the posts, while any post refers to it; the
// check and the delete are one transaction, so a save cannot slip in
// between. The caller removes the file afterwards.
func (s *Store) DeleteMedia(ctx context.Context, name string) error {
	return s.withTx(ctx, func(tx *sql.Tx) error {
		uses, err := mediaUsage(ctx, tx, name)
		if err != nil {
			return err
		}
		if u := uses[name]; len(u) > 0 {
			titles := make([]string, 0, len(u))
			for _, p := range u {
				t := p.Title
				if t == "" {
					t = p.Slug
				}
				if p.Trashed {
					t += " (in the trash)"
				}
				titles = append(titles, fmt.Sprintf("%q", t))
			}
			sort.Strings(titles)
			what := "a post"
			if len(u) > 1 {
				what = fmt.Sprintf("%d posts", len(u))
			}
			return fmt.Errorf("media %s is used by %s (%s); remove it from them first: %w", name, what, strings.Join(titles, ", "), ErrMediaInUse)
		}
		res, err := tx.ExecContext(ctx, `DELETE FROM media WHERE name = ?`, name)
		if err != nil {
			return fmt.Errorf("delete media %s: %w", name, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("media %s: %w", name, post.ErrNotFound)
		}
		return nil
	})
}
