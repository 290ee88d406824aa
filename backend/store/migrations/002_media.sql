-- The media library: images pasted, dropped or imported into posts. The
-- files live beside the database in media/, named by their content (the
-- start of the SHA-256 and an extension); a row records what was checked
-- when the file came in. Which posts use a file is not stored: it is read
-- from the bodies (Store.MediaUsage), so it can never be out of step.
CREATE TABLE media (
	name         TEXT    PRIMARY KEY,        -- "3f2a9c0b1d4e5f60.png": the file in media/
	hash         TEXT    NOT NULL UNIQUE,    -- SHA-256 of the bytes, hex
	mime         TEXT    NOT NULL,           -- image/png, image/jpeg, image/gif, image/webp, image/svg+xml
	bytes        INTEGER NOT NULL,
	width        INTEGER NOT NULL DEFAULT 0, -- pixels; 0 when unknown (an SVG without a size)
	height       INTEGER NOT NULL DEFAULT 0,
	created_unix INTEGER NOT NULL,           -- Unix nanoseconds
	original     TEXT    NOT NULL DEFAULT '' -- the file name it came in with, for people
) WITHOUT ROWID;
