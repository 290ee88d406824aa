package store

import (
	"context"
	"fmt"
	"os"

	"quire/backend/post"
)

// originalVersion is the schema version that added posts.original
// (migrations/005_original.sql).
const originalVersion = 5

// fillOriginals gives the posts of a database from before posts.original
// their front matter as the files they were imported from (or are linked
// to) write it, when those files are still there: the editor then shows,
// and a write-back keeps, the file's own text (its quotes, order and
// comments) instead of Quire's rewrite of it. The stored fields stay what
// they were: where the file now says otherwise, writing the post edits
// those keys' lines. What the import derived (a slug from the file name, a
// draft from _drafts/) is noted as derived, not written. A post whose file
// is gone, or does not parse, is written afresh as before.
func (s *Store) fillOriginals(ctx context.Context) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("front matter as written: %w", err)
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, postSelect+` WHERE original = '' AND source IS NOT NULL`)
	if err != nil {
		return fmt.Errorf("front matter as written: %w", err)
	}
	var posts []*post.Post
	for rows.Next() {
		p, err := scanPost(rows)
		if err != nil {
			rows.Close()
			return fmt.Errorf("front matter as written: %w", err)
		}
		posts = append(posts, p)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("front matter as written: %w", err)
	}
	for _, p := range posts {
		src, err := os.ReadFile(p.Source)
		if err != nil {
			continue // gone or unreadable: written afresh, as before
		}
		f, _, err := post.ParseFile(p.Source, src)
		if err != nil || f.Original == nil {
			continue
		}
		p.Original = f.Original
		p.NoteDerived()
		enc, err := post.EncodeOriginal(p.Original)
		if err != nil {
			return fmt.Errorf("front matter of %s: %w", p.Source, err)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE posts SET original = ? WHERE id = ?`, enc, p.ID); err != nil {
			return fmt.Errorf("front matter of %s: %w", p.Source, err)
		}
	}
	return tx.Commit()
}
