-- Revisions become an ordinary (rowid) table with (post_id, rev) as a unique
-- index. As a WITHOUT ROWID table its rows were its b-tree keys, 50 KB keys
-- for a 50 KB post: every search of the table (finding the current revision,
-- the newest number, the place for a new one) read whole files off their
-- overflow pages to compare them, about 60 µs per lookup with a thousand
-- revisions of one post. Now a lookup reads a small index and one row.
-- Columns, meanings and contents are unchanged.
CREATE TABLE revisions_new (
	id           INTEGER PRIMARY KEY,
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
	UNIQUE (post_id, rev)
);

INSERT INTO revisions_new (post_id, rev, kind, based_on, started_unix, created_unix, title, file)
SELECT post_id, rev, kind, based_on, started_unix, created_unix, title, file
FROM revisions ORDER BY post_id, rev;

DROP TABLE revisions;
ALTER TABLE revisions_new RENAME TO revisions;
