-- Linked folders, their files' sync state and the text typed into a post
-- but never saved were keys of the settings table ("link:DIR",
-- "linkfile:PATH", "recovery:ID"), their values JSON read row by row. They
-- get tables of their own: columns SQLite can index and join (a linked
-- file's post, the files of a folder), and a recovery text that goes when
-- its post is deleted.
CREATE TABLE links (
	dir          TEXT PRIMARY KEY,   -- absolute and clean
	created_unix INTEGER NOT NULL
);

-- A file in a linked folder as it was when it and its post were last in step.
CREATE TABLE link_files (
	path     TEXT PRIMARY KEY,
	dir      TEXT NOT NULL,             -- the linked folder it is in
	post_id  INTEGER NOT NULL,
	hash     TEXT NOT NULL,             -- of the file's bytes
	revision INTEGER NOT NULL,          -- the post's
	size     INTEGER NOT NULL,          -- of the file, to skip reading unchanged files
	mtime    INTEGER NOT NULL,          -- of the file, Unix nanoseconds
	conflict TEXT NOT NULL DEFAULT ''   -- hash of a file version kept as a conflict revision, until resolved
);
CREATE INDEX link_files_dir ON link_files (dir);
CREATE INDEX link_files_post ON link_files (post_id);

-- Text typed into a post that could not be saved (a refused save, or the
-- editor's text kept while typing), offered back when the post is opened.
CREATE TABLE recovery (
	post_id INTEGER PRIMARY KEY REFERENCES posts (id) ON DELETE CASCADE,
	text    TEXT NOT NULL
);

INSERT INTO links (dir, created_unix)
	SELECT substr(key, length('link:') + 1), coalesce(CASE WHEN json_valid(value) THEN value ->> '$.created' END, 0)
	FROM settings WHERE key >= 'link:' AND key < 'link;';
INSERT INTO link_files (path, dir, post_id, hash, revision, size, mtime, conflict)
	SELECT substr(key, length('linkfile:') + 1), coalesce(value ->> '$.dir', ''), coalesce(value ->> '$.post', 0),
		coalesce(value ->> '$.hash', ''), coalesce(value ->> '$.rev', 0), coalesce(value ->> '$.size', 0),
		coalesce(value ->> '$.mtime', 0), coalesce(value ->> '$.conflict', '')
	FROM settings WHERE key >= 'linkfile:' AND key < 'linkfile;' AND json_valid(value);
INSERT INTO recovery (post_id, text)
	SELECT CAST(substr(key, length('recovery:') + 1) AS INTEGER), value
	FROM settings WHERE key >= 'recovery:' AND key < 'recovery;'
		AND CAST(substr(key, length('recovery:') + 1) AS INTEGER) IN (SELECT id FROM posts);
DELETE FROM settings WHERE (key >= 'link:' AND key < 'link;')
	OR (key >= 'linkfile:' AND key < 'linkfile;')
	OR (key >= 'recovery:' AND key < 'recovery;');
