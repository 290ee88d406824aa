package importer

import "quire/backend/post"

// File is a Markdown file found in a site or folder, with what its place
// there says about it (a draft in _drafts, a page bundle, a page that is not
// a post). Linked folders (backend/linked) use it to read files by the same
// rules as Import.
type File struct{ c candidate }

// Path is the file's path.
func (f File) Path() string { return f.c.path }

// Skipped says why the file is not a post ("" when it is one).
func (f File) Skipped() string { return f.c.skip }

// Err is why the file could not even be looked at (a broken link), if so.
func (f File) Err() error { return f.c.err }

// Walk finds the files of a site or folder as Import does, and the site.
func Walk(dir string) (*Site, []File, error) {
	site, cs, err := collect(dir)
	if err != nil {
		return nil, nil, err
	}
	files := make([]File, len(cs))
	for i, c := range cs {
		files[i] = File{c}
	}
	return site, files, nil
}

// Classify says what the file at path (under s.Root) is; false when it is
// not a Markdown file the site holds (hidden, outside _posts, ...).
func (s *Site) Classify(path string) (File, bool) {
	c, ok := s.classify(path)
	return File{c}, ok
}

// Read reads and parses the file by the site's rules (see parseFile). p is
// nil when the file is skipped or failed; res says which and why. defaultSlug
// is the slug for a new post when the front matter names none.
func (f File) Read() (p *post.Post, defaultSlug string, res Result) {
	r := parseFile(f.c, "", nil, "")
	r.checkShortcodes(f.c.checker)
	return r.post, r.defaultSlug, r.res
}
