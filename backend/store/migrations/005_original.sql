-- A post keeps its front matter as its file wrote it (quotes, key order,
-- comments, TOML or JSON), so that writing the post back gives the file
-- back byte for byte and edits only the keys the writer changed. The column
-- holds post.EncodeOriginal's JSON: the format, the head of the file up to
-- its body, and the values Quire derived (a slug from the file name, a
-- status from _drafts/) that the text does not write. '' for a post with
-- no such text: the posts of an older Quire, written afresh as before until
-- their file is imported again.
ALTER TABLE posts ADD COLUMN original TEXT NOT NULL DEFAULT '';
