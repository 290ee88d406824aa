-- What an import made of each file (see importfiles.go) was a settings key,
-- "importfile:PATH", with a JSON value that every re-import parsed once per
-- file, in SQL to join it to its post and again in Go. A table of its own
-- has the columns to join on and read directly; the rare lists (the images
-- a post showed, the import's warnings) stay JSON, '' when empty.
CREATE TABLE import_files (
	path           TEXT PRIMARY KEY,   -- absolute: the post's source
	post_id        INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
	revision       INTEGER NOT NULL,   -- the post's revision the import left
	size           INTEGER NOT NULL,
	mtime          INTEGER NOT NULL,   -- Unix nanoseconds
	hash           TEXT NOT NULL,
	context        TEXT NOT NULL DEFAULT '',
	date_from_time INTEGER NOT NULL DEFAULT 0,
	deps           TEXT NOT NULL DEFAULT '',
	warnings       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX import_files_post ON import_files (post_id);

INSERT INTO import_files (path, post_id, revision, size, mtime, hash, context, date_from_time, deps, warnings)
	SELECT substr(key, length('importfile:') + 1), value ->> '$.post', coalesce(value ->> '$.rev', 0),
		coalesce(value ->> '$.size', 0), coalesce(value ->> '$.mtime', 0), coalesce(value ->> '$.hash', ''),
		coalesce(value ->> '$.ctx', ''), coalesce(value ->> '$.mtimeDate', 0),
		coalesce(value -> '$.deps', ''), coalesce(value -> '$.warnings', '')
	FROM settings
	WHERE key >= 'importfile:' AND key < 'importfile;' AND json_valid(value)
		AND value ->> '$.post' IN (SELECT id FROM posts);
DELETE FROM settings WHERE key >= 'importfile:' AND key < 'importfile;';
