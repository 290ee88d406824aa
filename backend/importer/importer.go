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
	"runtime"
	"strings"
	"sync"
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

// batchSize is how many files share a transaction (each file still on its
// own savepoint): 10,000 single-file commits took 8.5 s, mostly in commits
// and in indexing tiny pieces.
const batchSize = 250

// Import imports every path: files, and Markdown files anywhere under
// folders (skipping hidden folders and node_modules). It returns an error
// only when ctx is cancelled or the database fails; everything else is in
// the report.
func Import(ctx context.Context, st *store.Store, paths []string) (*Report, error) {
	rep := &Report{}
	var files []string
	for _, path := range paths {
		found, err := collect(path)
		if err != nil {
			rep.add(Result{Path: path, Outcome: Failed, Err: err})
			continue
		}
		files = append(files, found...)
	}
	// The next batch is parsed while this one is stored.
	parsedBatches := make(chan []parsed, 1)
	done := make(chan struct{})
	defer close(done)
	go func() {
		defer close(parsedBatches)
		for start := 0; start < len(files); start += batchSize {
			select {
			case parsedBatches <- parseAll(files[start:min(start+batchSize, len(files))]):
			case <-done:
				return
			}
		}
	}()
	for results := range parsedBatches {
		if err := ctx.Err(); err != nil {
			return rep, err
		}
		var items []*store.ImportItem
		var idx []int
		for i := range results {
			if results[i].post != nil {
				items = append(items, &store.ImportItem{Post: results[i].post, DefaultSlug: results[i].defaultSlug})
				idx = append(idx, i)
			}
		}
		if len(items) > 0 {
			if err := st.ImportPosts(ctx, items); err != nil {
				for _, i := range idx {
					results[i].res.Err = err
				}
			}
		}
		for k, it := range items {
			r := &results[idx[k]].res
			if r.Err != nil {
				continue
			}
			switch it.Outcome {
			case store.ImportCreated:
				r.Outcome = Imported
			case store.ImportUpdated:
				r.Outcome = Updated
			case store.ImportUnchanged:
				r.Outcome = Unchanged
			default:
				r.Err = it.Err
				continue
			}
			r.PostID, r.Slug, r.Revision = it.Post.ID, it.Post.Slug, it.Post.Revision
		}
		for _, r := range results {
			rep.add(r.res)
		}
	}
	return rep, nil
}

type parsed struct {
	res         Result
	post        *post.Post // nil when reading or parsing failed
	defaultSlug string     // for a new post whose file names no slug
}

// parseAll reads and parses files on every core; parsing YAML is most of an
// import's CPU time.
func parseAll(files []string) []parsed {
	out := make([]parsed, len(files))
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				out[i] = parseFile(files[i])
			}
		}()
	}
	for i := range files {
		next <- i
	}
	close(next)
	wg.Wait()
	return out
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

func parseFile(path string) parsed {
	res := Result{Path: path, Outcome: Failed}
	fail := func(err error) parsed {
		res.Err = err
		return parsed{res: res}
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return fail(err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		return fail(err)
	}
	if fi.Size() > maxFileSize {
		return fail(fmt.Errorf("%s: %d MB is too large for a post: %w", path, fi.Size()>>20, post.ErrInvalid))
	}
	src, err := os.ReadFile(path)
	if err != nil {
		return fail(err)
	}
	p, warnings, err := post.ParseFile(path, src)
	res.Warnings = warnings
	if err != nil {
		return fail(err)
	}
	// Jekyll names posts 2018-01-05-slug.md: the name gives the slug (so
	// links keep working) and, when the front matter has none, the date.
	// Other files get their slug from the title, or from the file name
	// when there is no title. A post imported before keeps its slug unless
	// the file names one (see store.ImportPosts).
	p.Source = abs
	stem := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	if m := datePrefix.FindStringSubmatch(stem); m != nil {
		stem = stem[len(m[0]):]
		if p.Date.IsZero() {
			if d, err := time.Parse("2006-01-02", m[1]); err == nil {
				p.Date = d
			}
		}
		return parsed{res: res, post: p, defaultSlug: post.Slugify(stem)}
	}
	if p.Title == "" {
		return parsed{res: res, post: p, defaultSlug: post.Slugify(stem)}
	}
	return parsed{res: res, post: p}
}
