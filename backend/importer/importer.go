// Package importer turns Markdown files with front matter into posts. It
// recognises a Jekyll site (_posts/, _drafts/, _config.yml), a Hugo site
// (content/**, page bundles, hugo.toml or config.toml) and any folder of
// Markdown files, and applies each generator's own rules for status, title,
// date and slug (see derive).
//
// Each file is imported on its own: one bad file is reported and never stops
// the rest, and a failed file leaves nothing behind. Importing the same file
// again updates the post made from it (a new revision when it changed,
// nothing when it did not): a post remembers the absolute path it came from.
package importer

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"syscall"

	"quire/backend/post"
	"quire/backend/store"
)

// Outcome of importing one file.
type Outcome string

const (
	Imported  Outcome = "imported"  // a new post
	Updated   Outcome = "updated"   // the post from this file changed
	Unchanged Outcome = "unchanged" // the post from this file is already the same
	Skipped   Outcome = "skipped"   // not a post (a Jekyll page, a Hugo section...): see Reason
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
	Reason   string         `json:"reason,omitempty"` // why a file was skipped
	Warnings []post.Warning `json:"warnings,omitempty"`
	// Assets are the files that belong with the post (a Hugo page bundle's
	// images and other resources). The images the post shows are brought
	// into the media library by Options.AddImage; Options.Assets may do
	// something with the rest.
	Assets []string `json:"assets,omitempty"`
}

// Report lists every file in the order they were found, and the sites
// recognised.
type Report struct {
	Sites   []Site   `json:"sites,omitempty"`
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

// Summary is one line: "3 imported, 1 updated, 0 unchanged, 0 failed, 2 skipped".
func (r *Report) Summary() string {
	return fmt.Sprintf("%d imported, %d updated, %d unchanged, %d failed, %d skipped",
		r.Count(Imported), r.Count(Updated), r.Count(Unchanged), r.Count(Failed), r.Count(Skipped))
}

// Extensions imported when walking a folder. A file named explicitly is
// imported whatever its name.
var Extensions = []string{".md", ".markdown", ".mdown", ".mkd"}

// maxFileSize keeps a stray video out of the database.
const maxFileSize = store.MaxBodySize + 1<<20

// batchSize is how many files share a transaction (each file still on its
// own savepoint): a commit per file spends most of an import in commits
// and in indexing tiny pieces.
const batchSize = 250

// Options for ImportWith. The zero value is fine.
type Options struct {
	// Progress, when set, is called as files are stored: done of total
	// files (skipped and failed ones included).
	Progress func(done, total int)
	// Assets, when set, is called for each imported or updated post that has
	// files belonging with it (Result.Assets). It is the hook for the media
	// issue (bring the files in, rewrite the links); nil leaves them.
	Assets func(ctx context.Context, res Result) error
	// AddImage, when set, brings the local images posts show into the media
	// library before they are stored: ![x](/assets/x.png) in a Jekyll site,
	// a Hugo page bundle's files, relative paths. Only files inside the
	// imported folder are read; the links become what AddImage returns
	// (media/NAME), so importing again finds the posts unchanged. An image
	// that is missing or refused keeps its link and is a warning.
	AddImage AddImageFunc
	// NoSiteSettings leaves the site settings found in _config.yml or
	// hugo.toml out of the database.
	NoSiteSettings bool
}

// Import imports every path with the default options; see ImportWith.
func Import(ctx context.Context, st *store.Store, paths []string) (*Report, error) {
	return ImportWith(ctx, st, paths, Options{})
}

// ImportWith imports every path: files, and the posts of the sites or
// folders of Markdown files named. It returns an error only when ctx is
// cancelled or the database fails; everything else is in the report. A
// cancelled import keeps the batches already stored (each file is whole).
func ImportWith(ctx context.Context, st *store.Store, paths []string, opt Options) (*Report, error) {
	rep := &Report{}
	var files []candidate
	for _, path := range paths {
		site, found, err := collect(path)
		if err != nil {
			rep.add(Result{Path: path, Outcome: Failed, Err: err})
			continue
		}
		if site != nil {
			if !opt.NoSiteSettings {
				site.apply(ctx, st)
			}
			site.storeSnippets(ctx, st)
			rep.Sites = append(rep.Sites, *site)
		}
		files = append(files, found...)
	}
	return rep, importCandidates(ctx, st, files, opt, rep)
}

func importCandidates(ctx context.Context, st *store.Store, files []candidate, opt Options, rep *Report) error {
	total := len(files)
	if opt.Progress != nil {
		opt.Progress(0, total)
	}
	// The next batch is parsed while this one is stored.
	parsedBatches := make(chan []parsed, 1)
	done := make(chan struct{})
	defer close(done)
	go func() {
		defer close(parsedBatches)
		for start := 0; start < len(files); start += batchSize {
			if ctx.Err() != nil {
				return
			}
			select {
			case parsedBatches <- parseAll(ctx, st, files[start:min(start+batchSize, len(files))], opt.AddImage != nil):
			case <-done:
				return
			}
		}
	}()
	stored := 0
	for results := range parsedBatches {
		if err := ctx.Err(); err != nil {
			return err
		}
		var items []*store.ImportItem
		var idx []int
		var touched []store.ImportedFile
		for i := range results {
			r := &results[i]
			if r.same != nil {
				// Unchanged since the last import: its post as it is, and
				// what that import said about it.
				r.res.Outcome, r.res.PostID, r.res.Slug, r.res.Revision = Unchanged, r.same.PostID, r.same.Slug, r.same.PostCurrent
				r.res.Warnings = r.same.Warnings
				if r.touched {
					touched = append(touched, *r.same)
				}
				continue
			}
			if r.post == nil {
				continue
			}
			if opt.AddImage != nil {
				warns, deps := bringImages(ctx, r.post, r.res.Path, r.root, r.kind, r.bodyLine, opt.AddImage)
				r.res.Warnings = append(r.res.Warnings, warns...)
				r.file.Deps = deps
			}
			r.file.Warnings = r.res.Warnings
			items = append(items, &store.ImportItem{Post: r.post, DefaultSlug: r.defaultSlug, File: r.file})
			idx = append(idx, i)
		}
		if err := st.PutImportedFiles(ctx, touched); err != nil && ctx.Err() == nil {
			// Only the next import's speed depends on it.
			for i := range results {
				if results[i].touched {
					results[i].res.Warnings = append(results[i].res.Warnings, post.Warning{Message: err.Error()})
				}
			}
		}
		if len(items) > 0 {
			if err := st.ImportPosts(ctx, items); err != nil {
				if ctx.Err() != nil {
					return ctx.Err()
				}
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
			if opt.Assets != nil && len(r.Assets) > 0 && r.Outcome != Unchanged {
				if err := opt.Assets(ctx, *r); err != nil {
					r.Warnings = append(r.Warnings, post.Warning{Message: "its files were not brought in: " + err.Error()})
				}
			}
		}
		for _, r := range results {
			if r.res.Err != nil {
				r.res.Outcome = Failed
			}
			rep.add(r.res)
		}
		stored += len(results)
		if opt.Progress != nil {
			opt.Progress(stored, total)
		}
	}
	return ctx.Err()
}

type parsed struct {
	res         Result
	post        *post.Post // nil when skipped, or reading or parsing failed
	defaultSlug string     // for a new post whose file names no slug
	root        string     // the imported folder (images are read only inside it)
	kind        Kind
	bodyLine    int // the line of the file the body starts on
	// file is the file's state to record with its post.
	file *store.ImportedFile
	// same, when set, is the last import of the file, which still stands:
	// the file was not parsed. touched: it has a new time, not new bytes.
	same    *store.ImportedFile
	touched bool
}

// parseAll reads and parses files on every core; parsing YAML is most of an
// import's CPU time. Files the store knows unchanged are not parsed.
func parseAll(ctx context.Context, st *store.Store, files []candidate, images bool) []parsed {
	out := make([]parsed, len(files))
	known, abs, err := knownFiles(ctx, st, files)
	if err != nil {
		known = nil // every file is read: slower, not wrong
	}
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				if ctx.Err() != nil {
					out[i] = parsed{res: Result{Path: files[i].path, Outcome: Failed, Err: ctx.Err()}}
					continue
				}
				var prev *store.ImportedFile
				if f, ok := known[abs[i]]; ok {
					prev = &f
				}
				out[i] = parseFile(files[i], abs[i], prev, fileContext(files[i], images))
				out[i].checkShortcodes(files[i].checker)
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

func isMarkdown(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	for _, e := range Extensions {
		if ext == e {
			return true
		}
	}
	return false
}

// describeErr turns the errors a walk meets into words.
func describeErr(path string, err error) error {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("%s: no such file or folder (it may have been removed during the import)", path)
	case errors.Is(err, syscall.ELOOP):
		return fmt.Errorf("%s: a symbolic link that loops back on itself", path)
	case errors.Is(err, fs.ErrPermission):
		return fmt.Errorf("%s: permission denied", path)
	}
	var pe *fs.PathError
	if errors.As(err, &pe) && pe.Path == path {
		return err
	}
	return fmt.Errorf("%s: %w", path, err)
}
