-- Quire's first schema: posts, their revisions, the search index, settings.

-- Small columns come first and the body last: SQLite reads a row from its
-- start, and a filter on trashed_unix must not walk 50 KB of body to get there.
CREATE TABLE posts (
	id           INTEGER PRIMARY KEY,
	slug         TEXT    NOT NULL UNIQUE,
	status       TEXT    NOT NULL CHECK (status IN ('draft', 'published', 'scheduled')),
	date_unix    INTEGER,                      -- the date in Unix seconds, for sorting and ranges
	revision     INTEGER NOT NULL,              -- the revision the current content is
	created_unix INTEGER NOT NULL,              -- Unix nanoseconds
	updated_unix INTEGER NOT NULL,
	trashed_unix INTEGER,                       -- set while the post is in the trash
	fts_stale    INTEGER NOT NULL DEFAULT 0,    -- 1: saved by autosave, not yet in posts_fts
	date         TEXT    NOT NULL DEFAULT '',   -- RFC 3339 as the author gave it, '' for none
	title        TEXT    NOT NULL DEFAULT '',
	categories   TEXT    NOT NULL DEFAULT '[]', -- JSON array of strings
	tags         TEXT    NOT NULL DEFAULT '[]', -- JSON array of strings
	source       TEXT    UNIQUE,                -- the file it was imported from
	layout       TEXT    NOT NULL DEFAULT '',
	excerpt      TEXT    NOT NULL DEFAULT '',   -- start of the body for lists, so they never read bodies
	summary      TEXT    NOT NULL DEFAULT '',
	extra        TEXT    NOT NULL DEFAULT '',   -- other front-matter keys, a YAML mapping in order
	body         TEXT    NOT NULL DEFAULT ''
);

CREATE INDEX posts_date ON posts (date_unix) WHERE trashed_unix IS NULL;
CREATE INDEX posts_updated ON posts (updated_unix) WHERE trashed_unix IS NULL;
CREATE INDEX posts_title ON posts (title COLLATE NOCASE) WHERE trashed_unix IS NULL;
CREATE INDEX posts_trashed ON posts (trashed_unix) WHERE trashed_unix IS NOT NULL;
CREATE INDEX posts_fts_stale ON posts (id) WHERE fts_stale = 1;

-- One row per category and tag of a post, for filters and counts.
CREATE TABLE post_terms (
	post_id INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
	kind    TEXT    NOT NULL CHECK (kind IN ('category', 'tag')),
	term    TEXT    NOT NULL COLLATE NOCASE,
	PRIMARY KEY (post_id, kind, term)
) WITHOUT ROWID;

CREATE INDEX post_terms_term ON post_terms (kind, term);

-- Every kept version of a post, as the file Quire would write (YAML front
-- matter and body), so a revision reads the same in ten years.
CREATE TABLE revisions (
	post_id      INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
	rev          INTEGER NOT NULL,
	kind         TEXT    NOT NULL,
	based_on     INTEGER,                 -- for a conflict: the revision the refused save started from
	started_unix INTEGER NOT NULL,        -- start of an autosave run (coalescing window)
	created_unix INTEGER NOT NULL,
	title        TEXT    NOT NULL,
	-- stored before the file, so listing a history never reads the files
	size         INTEGER GENERATED ALWAYS AS (length(CAST(file AS BLOB))) STORED,
	file         TEXT    NOT NULL,
	PRIMARY KEY (post_id, rev)
) WITHOUT ROWID;

-- The search index keeps only the index, not a second copy of 50 MB of
-- posts (contentless), and contentless_delete lets a save replace a post's
-- row without feeding the old text back in: that halves the cost of
-- indexing a save. Triggers keep it in step in the save's transaction.
-- Snippets are cut in Go from posts.body (see search.go).
CREATE VIRTUAL TABLE posts_fts USING fts5 (
	title, body, tags, categories,
	content = '', contentless_delete = 1,
	tokenize = 'unicode61 remove_diacritics 2'
);

-- Matches in the title count most, then tags and categories, then the body.
INSERT INTO posts_fts (posts_fts, rank) VALUES ('rank', 'bm25(10.0, 1.0, 5.0, 5.0)');

-- Posts in the trash are not in the index, so a search needs no join to
-- leave them out.
CREATE TRIGGER posts_fts_insert AFTER INSERT ON posts WHEN new.trashed_unix IS NULL BEGIN
	INSERT INTO posts_fts (rowid, title, body, tags, categories)
	VALUES (new.id, new.title, new.body, new.tags, new.categories);
END;

CREATE TRIGGER posts_fts_delete AFTER DELETE ON posts WHEN old.trashed_unix IS NULL BEGIN
	DELETE FROM posts_fts WHERE rowid = old.id;
END;

CREATE TRIGGER posts_fts_trash AFTER UPDATE OF trashed_unix ON posts
WHEN old.trashed_unix IS NULL AND new.trashed_unix IS NOT NULL BEGIN
	DELETE FROM posts_fts WHERE rowid = old.id;
END;

CREATE TRIGGER posts_fts_untrash AFTER UPDATE OF trashed_unix ON posts
WHEN old.trashed_unix IS NOT NULL AND new.trashed_unix IS NULL BEGIN
	INSERT INTO posts_fts (rowid, title, body, tags, categories)
	VALUES (new.id, new.title, new.body, new.tags, new.categories);
END;

-- Autosaves (every few seconds while typing) leave the index alone and mark
-- the post stale: indexing 50 KB costs more than the rest of the save, and
-- only the last of a run of autosaves would ever be searched. The next
-- explicit save, or the next search (store.flushIndex), brings it up to date.
CREATE TRIGGER posts_fts_update AFTER UPDATE OF title, body, tags, categories, fts_stale ON posts
WHEN new.fts_stale = 0 AND new.trashed_unix IS NULL AND (old.fts_stale = 1
  OR old.title IS NOT new.title OR old.body IS NOT new.body
  OR old.tags IS NOT new.tags OR old.categories IS NOT new.categories)
BEGIN
	DELETE FROM posts_fts WHERE rowid = old.id;
	INSERT INTO posts_fts (rowid, title, body, tags, categories)
	VALUES (new.id, new.title, new.body, new.tags, new.categories);
END;

CREATE TABLE settings (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
) WITHOUT ROWID;
