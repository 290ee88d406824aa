// Package importer turns Markdown files with front matter into posts. Each
// file is imported on its own: one bad file is reported and never stops the
// rest, and a failed file leaves nothing behind.
//
// Importing the same file again updates the post made from it (a new
// revision when it changed, nothing when it did not): a post remembers the
// absolute path it came from.
package importer

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"quire/backend/post"
	"quire/backend/store"
)

// Outcome of importing one file.
type Outcome string

const (
	Imported  Outcome = "imported"  // a new post
	Updated   Outcome = "updated"   // the post from this file changed
	Unchanged Outcome = "unchanged" // the post from this file is already the same
	Failed    Outcome = "failed"
)

// Result is what happened to one file.
type Result struct {
	Path     string         `json:"path"`
	Outcome  Outcome        `json:"outcome"`
	PostID   int64          `json:"postId,omitempty"`
	Slug     string         `json:"slug,omitempty"`
	Revision int64          `json:"revision,omitempty"`
	Err      error          `json:"-"`
	Error    string         `json:"error,omitempty"`
	Warnings []post.Warning `json:"warnings,omitempty"`
}

// Report lists every file in the order they were found.
type Report struct {
	Results []Result `json:"results"`
}

// Count returns how many files had outcome o.
func (r *Report) Count(o Outcome) int {
	n := 0
	for _, res := range r.Results {
		if res.Outcome == o {
			n++
		}
	}
	return n
}

// Failed reports whether any file failed.
func (r *Report) Failed() bool { return r.Count(Failed) > 0 }

// Extensions imported when walking a folder. A file named explicitly is
// imported whatever its name.
var Extensions = []string{".md", ".markdown", ".mdown", ".mkd"}

// maxFileSize keeps a stray video out of the database.
const maxFileSize = store.MaxBodySize + 1<<20

// Import imports every path: files, and Markdown files anywhere under
// folders (skipping hidden folders and node_modules). It returns an error
// only when ctx is cancelled; everything else is in the report.
func Import(ctx context.Context, st *store.Store, paths []string) (*Report, error) {
	rep := &Report{}
	for _, path := range paths {
		files, err := collect(path)
		if err != nil {
			rep.add(Result{Path: path, Outcome: Failed, Err: err})
			continue
		}
		for _, f := range files {
			if err := ctx.Err(); err != nil {
				return rep, err
			}
			rep.add(importFile(ctx, st, f))
		}
	}
	return rep, nil
}

func (r *Report) add(res Result) {
	if res.Err != nil {
		res.Error = res.Err.Error()
	}
	r.Results = append(r.Results, res)
}

// collect lists the files to import from one argument.
func collect(path string) ([]string, error) {
	fi, err := os.Stat(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("%s: no such file or folder", path)
		}
		return nil, err
	}
	if !fi.IsDir() {
		return []string{path}, nil
	}
	var files []string
	err = filepath.WalkDir(path, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if p != path && (strings.HasPrefix(name, ".") || name == "node_modules") {
				return filepath.SkipDir
			}
			return nil
		}
		ext := strings.ToLower(filepath.Ext(name))
		for _, e := range Extensions {
			if ext == e && d.Type().IsRegular() {
				files = append(files, p)
				break
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return files, nil
}

// datePrefix is Jekyll's YYYY-MM-DD- at the start of a post's file name.
var datePrefix = regexp.MustCompile(`^(\d{4}-\d{2}-\d{2})-`)

func importFile(ctx context.Context, st *store.Store, path string) Result {
	res := Result{Path: path, Outcome: Failed}
	abs, err := filepath.Abs(path)
	if err != nil {
		res.Err = err
		return res
	}
	fi, err := os.Stat(path)
	if err != nil {
		res.Err = err
		return res
	}
	if fi.Size() > maxFileSize {
		res.Err = fmt.Errorf("%s: %d MB is too large for a post: %w", path, fi.Size()>>20, post.ErrInvalid)
		return res
	}
	src, err := os.ReadFile(path)
	if err != nil {
		res.Err = err
		return res
	}
	p, warnings, err := post.ParseFile(path, src)
	res.Warnings = warnings
	if err != nil {
		res.Err = err
		return res
	}
	// Jekyll names posts 2018-01-05-slug.md: the name gives the slug (so
	// links keep working) and, when the front matter has none, the date.
	// Other files get their slug from the title, or from the file name
	// when there is no title.
	stem := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	slugFrom := p.Title // as for posts written in Quire
	if m := datePrefix.FindStringSubmatch(stem); m != nil {
		stem = stem[len(m[0]):]
		slugFrom = stem
		if p.Date.IsZero() {
			if d, err := time.Parse("2006-01-02", m[1]); err == nil {
				p.Date = d
			}
		}
	}
	p.Source = abs

	old, err := st.GetPostBySource(ctx, abs)
	switch {
	case errors.Is(err, post.ErrNotFound):
		if slugFrom == "" {
			slugFrom = stem
		}
		if p.Slug == "" {
			p.Slug = post.Slugify(slugFrom)
		}
		if err := st.CreatePostAs(ctx, p, store.KindImport); err != nil {
			res.Err = fmt.Errorf("%s: %w", path, err)
			return res
		}
		res.Outcome = Imported
	case err != nil:
		res.Err = fmt.Errorf("%s: %w", path, err)
		return res
	default:
		p.ID, p.Revision = old.ID, old.Revision
		if p.Slug == "" {
			p.Slug = old.Slug // keep a slug the writer may have edited since
		}
		if err := st.SavePost(ctx, p, store.KindImport); err != nil {
			res.Err = fmt.Errorf("%s: %w", path, err)
			return res
		}
		res.Outcome = Updated
		if p.Revision == old.Revision {
			res.Outcome = Unchanged
		}
	}
	res.PostID, res.Slug, res.Revision = p.ID, p.Slug, p.Revision
	return res
}
