package store

import (
	"context"
	"database/sql"
	"fmt"
)

// refreshSnippets makes again the snippets an older Quire cut with
// shortcodes and Liquid tags as written ("{{< youtube abc >}}"), which
// plainText now shows in a readable form. Only posts whose snippet holds
// one are read.
func (s *Store) refreshSnippets(ctx context.Context) error {
	err := s.withTx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT id, body FROM posts WHERE instr(excerpt, '{{') > 0 OR instr(excerpt, '{%') > 0`)
		if err != nil {
			return err
		}
		type fresh struct {
			id      int64
			snippet string
		}
		var todo []fresh
		for rows.Next() {
			var f fresh
			var body string
			if err := rows.Scan(&f.id, &body); err != nil {
				rows.Close()
				return err
			}
			f.snippet = snippetOf(body)
			todo = append(todo, f)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, f := range todo {
			if _, err := tx.ExecContext(ctx, `UPDATE posts SET excerpt = ? WHERE id = ?`, f.snippet, f.id); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("snippets with shortcodes: %w", err)
	}
	return nil
}
