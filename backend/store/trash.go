package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"quire/backend/post"
)

// TrashPost moves a post to the trash: it leaves lists and search but keeps
// everything, including its slug, until the trash is emptied.
func (s *Store) TrashPost(ctx context.Context, id int64) error {
	return s.setTrashed(ctx, id, true)
}

// RestorePost takes a post out of the trash.
func (s *Store) RestorePost(ctx context.Context, id int64) error {
	return s.setTrashed(ctx, id, false)
}

func (s *Store) setTrashed(ctx context.Context, id int64, trashed bool) error {
	var at any
	what := "restore post %d from the trash: %w"
	if trashed {
		at = s.now().UnixNano()
		what = "move post %d to the trash: %w"
	}
	err := s.withTx(ctx, func(tx *sql.Tx) error {
		var was bool
		err := tx.QueryRowContext(ctx, `SELECT trashed_unix IS NOT NULL FROM posts WHERE id = ?`, id).Scan(&was)
		if errors.Is(err, sql.ErrNoRows) {
			return post.ErrNotFound
		}
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE posts SET trashed_unix = ? WHERE id = ?`, at, id); err != nil {
			return err
		}
		// The trash is not in the search index: a post leaves it going in
		// and is indexed again coming out.
		switch {
		case trashed && !was:
			return unindexPost(ctx, tx, id)
		case !trashed && was:
			return reindexStored(ctx, tx, id)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf(what, id, err)
	}
	return nil
}

// ErrNotInTrash: only a post in the trash can be deleted for good.
var ErrNotInTrash = errors.New("the post is not in the trash")

// PurgePost deletes one post in the trash for good, with its revisions
// (as EmptyTrash does for all of them). A post outside the trash is kept.
func (s *Store) PurgePost(ctx context.Context, id int64) error {
	res, err := s.db.ExecContext(ctx, `DELETE FROM posts WHERE id = ? AND trashed_unix IS NOT NULL`, id)
	if err != nil {
		return fmt.Errorf("delete post %d for good: %w", id, err)
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		if _, gerr := s.GetPost(ctx, id); gerr != nil {
			return fmt.Errorf("delete post %d for good: %w", id, gerr)
		}
		return fmt.Errorf("delete post %d for good: %w", id, ErrNotInTrash)
	}
	return nil
}

// EmptyTrash deletes the posts in the trash for good, with their revisions,
// and returns how many there were.
func (s *Store) EmptyTrash(ctx context.Context) (int, error) {
	res, err := s.db.ExecContext(ctx, `DELETE FROM posts WHERE trashed_unix IS NOT NULL`)
	if err != nil {
		return 0, fmt.Errorf("empty the trash: %w", err)
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}
