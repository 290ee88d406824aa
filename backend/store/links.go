package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"time"

	"quire/backend/post"
)

// Link is a folder whose files and posts are kept in step.
type Link struct {
	Dir     string    `json:"dir"`
	Created time.Time `json:"created"`
}

// LinkFile is a file in a linked folder as it was when it and its post were
// last in step.
type LinkFile struct {
	Path     string
	Dir      string // the linked folder it is in
	PostID   int64
	Hash     string // of the file's bytes
	Revision int64  // the post's revision
	Size     int64  // of the file, to skip reading unchanged files
	ModTime  int64  // of the file, Unix nanoseconds
	Conflict string // hash of a file version kept as a conflict revision, until resolved
}

// AddLink records a linked folder (an absolute path); adding it again changes nothing.
func (s *Store) AddLink(ctx context.Context, dir string) error {
	if !filepath.IsAbs(dir) {
		return fmt.Errorf("link %s: not an absolute path: %w", dir, post.ErrInvalid)
	}
	if _, err := s.db.ExecContext(ctx, `INSERT INTO links (dir, created_unix) VALUES (?, ?) ON CONFLICT (dir) DO NOTHING`,
		dir, s.now().Unix()); err != nil {
		return fmt.Errorf("link %s: %w", dir, err)
	}
	return nil
}

// RemoveLink forgets a linked folder and its files' sync state; the posts stay.
func (s *Store) RemoveLink(ctx context.Context, dir string) error {
	err := s.withTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM links WHERE dir = ?`, dir)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("not a linked folder: %w", post.ErrNotFound)
		}
		_, err = tx.ExecContext(ctx, `DELETE FROM link_files WHERE dir = ?`, dir)
		return err
	})
	if err != nil {
		return fmt.Errorf("unlink %s: %w", dir, err)
	}
	return nil
}

// Links lists the linked folders by path.
func (s *Store) Links(ctx context.Context) ([]Link, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT dir, created_unix FROM links ORDER BY dir`)
	if err != nil {
		return nil, fmt.Errorf("linked folders: %w", err)
	}
	defer rows.Close()
	var out []Link
	for rows.Next() {
		var l Link
		var created int64
		if err := rows.Scan(&l.Dir, &created); err != nil {
			return nil, fmt.Errorf("linked folders: %w", err)
		}
		l.Created = time.Unix(created, 0).UTC()
		out = append(out, l)
	}
	return out, rows.Err()
}

const linkFileColumns = `f.path, f.dir, f.post_id, f.hash, f.revision, f.size, f.mtime, f.conflict`

// LinkFiles returns the sync state of the files under dir.
func (s *Store) LinkFiles(ctx context.Context, dir string) ([]LinkFile, error) {
	return s.linkFiles(ctx, `SELECT `+linkFileColumns+` FROM link_files f WHERE f.dir = ? ORDER BY f.path`, dir)
}

func (s *Store) linkFiles(ctx context.Context, q string, args ...any) ([]LinkFile, error) {
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("sync state: %w", err)
	}
	defer rows.Close()
	var out []LinkFile
	for rows.Next() {
		var f LinkFile
		if err := rows.Scan(&f.Path, &f.Dir, &f.PostID, &f.Hash, &f.Revision, &f.Size, &f.ModTime, &f.Conflict); err != nil {
			return nil, fmt.Errorf("sync state: %w", err)
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

// LinkFileOfPost returns the sync state of the linked file a post is kept in
// step with (post.ErrNotFound when there is none).
func (s *Store) LinkFileOfPost(ctx context.Context, postID int64) (LinkFile, error) {
	files, err := s.linkFiles(ctx, `SELECT `+linkFileColumns+` FROM posts p JOIN link_files f ON f.path = p.source
		WHERE p.id = ?`, postID)
	if err != nil {
		return LinkFile{}, fmt.Errorf("linked file of post %d: %w", postID, err)
	}
	if len(files) == 0 {
		return LinkFile{}, fmt.Errorf("linked file of post %d: %w", postID, post.ErrNotFound)
	}
	return files[0], nil
}

// ChangedLinkedFiles returns the files under dir whose post has a revision
// other than the one they were last in step with (edited in Quire since),
// leaving out posts in the trash.
func (s *Store) ChangedLinkedFiles(ctx context.Context, dir string) ([]LinkFile, error) {
	return s.linkFiles(ctx, `SELECT `+linkFileColumns+` FROM link_files f JOIN posts p ON p.id = f.post_id
		WHERE f.dir = ? AND p.trashed_unix IS NULL AND p.revision != f.revision ORDER BY f.path`, dir)
}

// PutLinkFiles records files' sync state, in one transaction.
func (s *Store) PutLinkFiles(ctx context.Context, files []LinkFile) error {
	if len(files) == 0 {
		return nil
	}
	err := s.withTx(ctx, func(tx *sql.Tx) error {
		return putLinkFiles(ctx, tx, files)
	})
	if err != nil {
		return fmt.Errorf("record sync state: %w", err)
	}
	return nil
}

func putLinkFiles(ctx context.Context, tx *sql.Tx, files []LinkFile) error {
	stmt, err := tx.PrepareContext(ctx, `INSERT INTO link_files (path, dir, post_id, hash, revision, size, mtime, conflict)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (path) DO UPDATE SET dir = excluded.dir, post_id = excluded.post_id,
		hash = excluded.hash, revision = excluded.revision, size = excluded.size, mtime = excluded.mtime, conflict = excluded.conflict`)
	if err != nil {
		return err
	}
	defer stmt.Close()
	for _, f := range files {
		if _, err := stmt.ExecContext(ctx, f.Path, f.Dir, f.PostID, f.Hash, f.Revision, f.Size, f.ModTime, f.Conflict); err != nil {
			return fmt.Errorf("%s: %w", f.Path, err)
		}
	}
	return nil
}

// DeleteLinkFiles forgets files' sync state.
func (s *Store) DeleteLinkFiles(ctx context.Context, paths []string) error {
	if len(paths) == 0 {
		return nil
	}
	err := s.withTx(ctx, func(tx *sql.Tx) error {
		for _, p := range paths {
			if _, err := tx.ExecContext(ctx, `DELETE FROM link_files WHERE path = ?`, p); err != nil {
				return fmt.Errorf("%s: %w", p, err)
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("forget sync state: %w", err)
	}
	return nil
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
