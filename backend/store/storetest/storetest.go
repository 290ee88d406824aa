// Package storetest builds large Quire databases for tests: tens of
// thousands of posts made by SQL in a second or two, where saving them one
// by one would take minutes. Tests of what must work past SQLite's limits
// (one variable per post fails past 32,766) need that many.
package storetest

import (
	"database/sql"
	"testing"

	_ "github.com/mattn/go-sqlite3" // the "sqlite3" driver
)

// CopyPost adds n copies of the post with slug to the Quire database at
// path, which no Store may have open. Copy i has the slug "SLUG-STATUS-<i>", the
// title "TITLE <i>", the given status, a date i hours before the post's,
// the post's categories, tags, text and revision, and no source file. The
// copies are not in the search index (they are not marked for indexing
// either): searching finds the original only.
func CopyPost(tb testing.TB, path, slug string, n int, status string) {
	tb.Helper()
	db, err := sql.Open("sqlite3", "file:"+path+"?_foreign_keys=on")
	if err != nil {
		tb.Fatal(err)
	}
	defer db.Close()
	tx, err := db.Begin()
	if err != nil {
		tb.Fatal(err)
	}
	defer tx.Rollback()
	var id, last int64
	if err := tx.QueryRow(`SELECT id, (SELECT max(id) FROM posts) FROM posts WHERE slug = ?`, slug).Scan(&id, &last); err != nil {
		tb.Fatalf("copy post %q: %v", slug, err)
	}
	// The copies are the posts after last.
	steps := []struct {
		what, q string
		args    []any
	}{
		{"posts", `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?2)
			INSERT INTO posts (slug, status, date_unix, revision, created_unix, updated_unix, fts_stale, date,
				title, categories, tags, layout, excerpt, summary, extra, body)
			SELECT p.slug || '-' || ?3 || '-' || n.i, ?3, coalesce(p.date_unix, 0) - 3600 * n.i, p.revision, p.created_unix,
				p.updated_unix + n.i, 0, strftime('%Y-%m-%dT%H:%M:%SZ', coalesce(p.date_unix, 0) - 3600 * n.i, 'unixepoch'),
				p.title || ' ' || n.i, p.categories, p.tags, p.layout, p.excerpt, p.summary, p.extra, p.body
			FROM posts p, n WHERE p.id = ?1`, []any{id, n, status}},
		{"terms", `INSERT INTO post_terms (post_id, kind, term)
			SELECT c.id, t.kind, t.term FROM posts c JOIN post_terms t ON t.post_id = ?1 WHERE c.id > ?2`, []any{id, last}},
		{"revisions", `INSERT INTO revisions (post_id, rev, kind, started_unix, created_unix, title, file)
			SELECT c.id, c.revision, r.kind, r.started_unix, r.created_unix, c.title, r.file
			FROM posts c JOIN posts o ON o.id = ?1 JOIN revisions r ON r.post_id = o.id AND r.rev = o.revision
			WHERE c.id > ?2`, []any{id, last}},
	}
	for _, st := range steps {
		if _, err := tx.Exec(st.q, st.args...); err != nil {
			tb.Fatalf("copy post %q: %s: %v", slug, st.what, err)
		}
	}
	if err := tx.Commit(); err != nil {
		tb.Fatal(err)
	}
}
