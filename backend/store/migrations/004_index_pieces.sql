-- The search index is kept by the store's Go code instead of triggers, so
-- that a long post can be indexed in pieces and a save re-indexes only the
-- pieces it changed (see index.go). posts_fts keeps its columns and
-- tokenizer; its rows are now a post's id for a post of one row, and
-- numbers from 2^40 up for the rows of a pieced post.
DROP TRIGGER posts_fts_insert;
DROP TRIGGER posts_fts_delete;
DROP TRIGGER posts_fts_trash;
DROP TRIGGER posts_fts_untrash;
DROP TRIGGER posts_fts_update;

-- What each post has in posts_fts: which rows, and a checksum of what
-- each holds (index.go, indexState). No row: nothing indexed.
CREATE TABLE posts_fts_rows (
	post_id INTEGER PRIMARY KEY REFERENCES posts (id) ON DELETE CASCADE,
	rows    BLOB    NOT NULL
);

-- The index is built again, by the Go code, right after this migration
-- (Store.setup): every post not in the trash is marked for indexing.
INSERT INTO posts_fts (posts_fts) VALUES ('delete-all');
UPDATE posts SET fts_stale = 1 WHERE trashed_unix IS NULL;
