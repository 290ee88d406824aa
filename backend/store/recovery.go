package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// Recovery returns the text typed into post id that was never saved; ok is
// false when there is none.
func (s *Store) Recovery(ctx context.Context, id int64) (text string, ok bool, err error) {
	err = s.db.QueryRowContext(ctx, `SELECT text FROM recovery WHERE post_id = ?`, id).Scan(&text)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	if err != nil {
		return "", false, fmt.Errorf("unsaved text of post %d: %w", id, err)
	}
	return text, true, nil
}

// KeepRecovery stores text typed into post id that could not be saved yet,
// in place of what was kept before. It goes with the post when the post is
// deleted for good.
func (s *Store) KeepRecovery(ctx context.Context, id int64, text string) error {
	if _, err := s.db.ExecContext(ctx, `INSERT INTO recovery (post_id, text) VALUES (?, ?)
		ON CONFLICT (post_id) DO UPDATE SET text = excluded.text`, id, text); err != nil {
		return fmt.Errorf("keep unsaved text of post %d: %w", id, err)
	}
	return nil
}

// ClearRecovery forgets post id's unsaved text (saved since, or declined).
func (s *Store) ClearRecovery(ctx context.Context, id int64) error {
	if _, err := s.db.ExecContext(ctx, `DELETE FROM recovery WHERE post_id = ?`, id); err != nil {
		return fmt.Errorf("forget unsaved text of post %d: %w", id, err)
	}
	return nil
}
