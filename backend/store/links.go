package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"quire/backend/post"
)

// Linked folders are kept in the settings table, so they need no schema of
// their own: "link:DIR" for each folder, "linkfile:PATH" for each file in
// one with what it and its post were at the last sync. Keys sort by path, so
// a folder's files are one range of the table's primary key.
const (
	linkPrefix     = "link:"
	linkFilePrefix = "linkfile:"
)

// Link is a folder whose files and posts are kept in step.
type Link struct {
	Dir     string    `json:"dir"`
	Created time.Time `json:"created"`
}

// LinkFile is a file in a linked folder as it was when it and its post were
// last in step.
type LinkFile struct {
	Path     string `json:"-"`
	Dir      string `json:"dir"`
	PostID   int64  `json:"post"`
	Hash     string `json:"hash"`     // of the file's bytes
	Revision int64  `json:"rev"`      // the post's revision
	Size     int64  `json:"size"`     // of the file, to skip reading unchanged files
	ModTime  int64  `json:"mtime"`    // of the file, Unix nanoseconds
	Conflict string `json:"conflict"` // hash of a file version kept as a conflict revision, until resolved
}

// AddLink records a linked folder (an absolute path); adding it again changes nothing.
func (s *Store) AddLink(ctx context.Context, dir string) error {
	if !filepath.IsAbs(dir) {
		return fmt.Errorf("link %s: not an absolute path: %w", dir, post.ErrInvalid)
	}
	v, _ := json.Marshal(struct {
		Created int64 `json:"created"`
	}{s.now().Unix()})
	if _, err := s.db.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING`, linkPrefix+dir, string(v)); err != nil {
		return fmt.Errorf("link %s: %w", dir, err)
	}
	return nil
}

// RemoveLink forgets a linked folder and its files' sync state; the posts stay.
func (s *Store) RemoveLink(ctx context.Context, dir string) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("unlink %s: %w", dir, err)
	}
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, `DELETE FROM settings WHERE key = ?`, linkPrefix+dir)
	if err != nil {
		return fmt.Errorf("unlink %s: %w", dir, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("unlink %s: not a linked folder: %w", dir, post.ErrNotFound)
	}
	lo, hi := filesRange(dir)
	if _, err := tx.ExecContext(ctx, `DELETE FROM settings WHERE key >= ? AND key < ?`, lo, hi); err != nil {
		return fmt.Errorf("unlink %s: %w", dir, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("unlink %s: %w", dir, err)
	}
	return nil
}

// Links lists the linked folders by path.
func (s *Store) Links(ctx context.Context) ([]Link, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT key, value FROM settings WHERE key >= ? AND key < ? ORDER BY key`, linkPrefix, prefixEnd(linkPrefix))
	if err != nil {
		return nil, fmt.Errorf("linked folders: %w", err)
	}
	defer rows.Close()
	var out []Link
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return nil, fmt.Errorf("linked folders: %w", err)
		}
		var rec struct {
			Created int64 `json:"created"`
		}
		json.Unmarshal([]byte(v), &rec)
		out = append(out, Link{Dir: strings.TrimPrefix(k, linkPrefix), Created: time.Unix(rec.Created, 0).UTC()})
	}
	return out, rows.Err()
}

// filesRange is the key range of the files under dir.
func filesRange(dir string) (string, string) {
	lo := linkFilePrefix + strings.TrimSuffix(dir, string(filepath.Separator)) + string(filepath.Separator)
	return lo, prefixEnd(lo)
}

// prefixEnd is the smallest string greater than every string starting with p.
func prefixEnd(p string) string {
	b := []byte(p)
	b[len(b)-1]++
	return string(b)
}

func scanLinkFile(k, v string) (LinkFile, error) {
	var f LinkFile
	if err := json.Unmarshal([]byte(v), &f); err != nil {
		return f, fmt.Errorf("sync state of %s: %w", k, err)
	}
	f.Path = strings.TrimPrefix(k, linkFilePrefix)
	return f, nil
}

// LinkFiles returns the sync state of the files under dir.
func (s *Store) LinkFiles(ctx context.Context, dir string) ([]LinkFile, error) {
	lo, hi := filesRange(dir)
	return s.linkFiles(ctx, `SELECT key, value FROM settings WHERE key >= ? AND key < ?`, lo, hi)
}

func (s *Store) linkFiles(ctx context.Context, q string, args ...any) ([]LinkFile, error) {
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("sync state: %w", err)
	}
	defer rows.Close()
	var out []LinkFile
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return nil, fmt.Errorf("sync state: %w", err)
		}
		f, err := scanLinkFile(k, v)
		if err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

// LinkFileOfPost returns the sync state of the linked file a post is kept in
// step with (post.ErrNotFound when there is none).
func (s *Store) LinkFileOfPost(ctx context.Context, postID int64) (LinkFile, error) {
	var source string
	err := s.db.QueryRowContext(ctx, `SELECT coalesce(source, '') FROM posts WHERE id = ?`, postID).Scan(&source)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && source == "") {
		return LinkFile{}, fmt.Errorf("linked file of post %d: %w", postID, post.ErrNotFound)
	}
	if err != nil {
		return LinkFile{}, fmt.Errorf("linked file of post %d: %w", postID, err)
	}
	var v string
	err = s.db.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = ?`, linkFilePrefix+source).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return LinkFile{}, fmt.Errorf("linked file of post %d: %w", postID, post.ErrNotFound)
	}
	if err != nil {
		return LinkFile{}, fmt.Errorf("linked file of post %d: %w", postID, err)
	}
	return scanLinkFile(linkFilePrefix+source, v)
}

// ChangedLinkedFiles returns the files under dir whose post has a revision
// other than the one they were last in step with (edited in Quire since),
// leaving out posts in the trash.
func (s *Store) ChangedLinkedFiles(ctx context.Context, dir string) ([]LinkFile, error) {
	lo, hi := filesRange(dir)
	return s.linkFiles(ctx, `SELECT s.key, s.value FROM settings s JOIN posts p ON p.id = json_extract(s.value, '$.post')
		WHERE s.key >= ? AND s.key < ? AND p.trashed_unix IS NULL AND p.revision != json_extract(s.value, '$.rev')`, lo, hi)
}

// PutLinkFiles records files' sync state, in one transaction.
func (s *Store) PutLinkFiles(ctx context.Context, files []LinkFile) error {
	if len(files) == 0 {
		return nil
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("record sync state: %w", err)
	}
	defer tx.Rollback()
	stmt, err := tx.PrepareContext(ctx, `INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`)
	if err != nil {
		return fmt.Errorf("record sync state: %w", err)
	}
	defer stmt.Close()
	for _, f := range files {
		v, err := json.Marshal(f)
		if err != nil {
			return err
		}
		if _, err := stmt.ExecContext(ctx, linkFilePrefix+f.Path, string(v)); err != nil {
			return fmt.Errorf("record sync state of %s: %w", f.Path, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("record sync state: %w", err)
	}
	return nil
}

// DeleteLinkFiles forgets files' sync state.
func (s *Store) DeleteLinkFiles(ctx context.Context, paths []string) error {
	if len(paths) == 0 {
		return nil
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("forget sync state: %w", err)
	}
	defer tx.Rollback()
	for _, p := range paths {
		if _, err := tx.ExecContext(ctx, `DELETE FROM settings WHERE key = ?`, linkFilePrefix+p); err != nil {
			return fmt.Errorf("forget sync state of %s: %w", p, err)
		}
	}
	return tx.Commit()
}

// IsTrashed reports whether a post is in the trash.
func (s *Store) IsTrashed(ctx context.Context, id int64) (bool, error) {
	var t sql.NullInt64
	err := s.db.QueryRowContext(ctx, `SELECT trashed_unix FROM posts WHERE id = ?`, id).Scan(&t)
	if errors.Is(err, sql.ErrNoRows) {
		return false, fmt.Errorf("post %d: %w", id, post.ErrNotFound)
	}
	if err != nil {
		return false, fmt.Errorf("post %d: %w", id, err)
	}
	return t.Valid, nil
}
