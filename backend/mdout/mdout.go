// Package mdout writes every post out as a Markdown file with YAML front
// matter, in a Jekyll or Hugo layout, so that nobody is locked into Quire's
// database. Importing the folder it writes gives the same posts back.
//
// Files are written atomically (a temporary file in the same folder, fsync,
// rename, fsync of the folder); a file whose content is already the same is
// left alone, so writing twice changes nothing.
package mdout

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"quire/backend/atomicfile"
	"quire/backend/media"
	"quire/backend/post"
	"quire/backend/store"
)

// Layouts.
const (
	LayoutJekyll = "jekyll" // _posts/YYYY-MM-DD-slug.md, drafts in _drafts/slug.md
	LayoutHugo   = "hugo"   // content/posts/slug.md, drafts with draft: true
)

// Options say how to write.
type Options struct {
	// Layout is "jekyll" (the default: _posts/YYYY-MM-DD-slug.md, drafts in
	// _drafts/) or "hugo" (content/posts/slug.md, draft: true).
	Layout string
	// Progress, when set, is called after each post with how many of total
	// are done.
	Progress func(done, total int)
}

// Report says what Write did.
type Report struct {
	Written   int `json:"written"`
	Unchanged int `json:"unchanged"` // the file already had this content
	Failed    int `json:"failed"`
	// Failures are "slug: reason" for each post that could not be written.
	Failures []string `json:"failures,omitempty"`
}

func (r Report) String() string {
	s := fmt.Sprintf("%d written, %d unchanged, %d failed", r.Written, r.Unchanged, r.Failed)
	for _, f := range r.Failures {
		s += "\n  " + f
	}
	return s
}

// Write writes every post that is not in the trash into dir. It returns an
// error only when the layout is unknown, dir cannot be made, the database
// fails or ctx is cancelled; a post that cannot be written is counted in the
// report and the others go on.
func Write(ctx context.Context, st *store.Store, dir string, opt Options) (Report, error) {
	var rep Report
	layout := strings.ToLower(opt.Layout)
	switch layout {
	case "":
		layout = LayoutJekyll
	case LayoutJekyll, LayoutHugo:
	default:
		return rep, fmt.Errorf("markdown layout %q is not one of jekyll, hugo: %w", opt.Layout, post.ErrInvalid)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return rep, fmt.Errorf("export markdown to %s: %w", dir, err)
	}
	ids, err := allIDs(ctx, st)
	if err != nil {
		return rep, fmt.Errorf("export markdown: %w", err)
	}
	made := map[string]bool{}
	lib, copied := media.New(st), map[string]bool{} // the images posts show (media.go)
	for i, id := range ids {
		if err := ctx.Err(); err != nil {
			return rep, err
		}
		p, err := st.GetPost(ctx, id)
		if err != nil {
			if errors.Is(err, post.ErrNotFound) { // deleted meanwhile
				continue
			}
			return rep, fmt.Errorf("export markdown: %w", err)
		}
		p, err = withMedia(lib, p, dir, layout, copied)
		var rel string
		var content []byte
		if err == nil {
			rel, content, err = File(p, layout)
		}
		if err == nil {
			var changed bool
			path := filepath.Join(dir, rel)
			if d := filepath.Dir(path); !made[d] {
				err = os.MkdirAll(d, 0o755)
				made[d] = err == nil
			}
			if err == nil {
				changed, err = WriteFileIfChanged(path, content, 0o644)
			}
			if err == nil && changed {
				rep.Written++
			} else if err == nil {
				rep.Unchanged++
			}
		}
		if err != nil {
			rep.Failed++
			rep.Failures = append(rep.Failures, fmt.Sprintf("%s: %v", p.Slug, err))
		}
		if opt.Progress != nil {
			opt.Progress(i+1, len(ids))
		}
	}
	return rep, nil
}

// allIDs lists the posts not in the trash, oldest first.
func allIDs(ctx context.Context, st *store.Store) ([]int64, error) {
	var ids []int64
	const page = 1000
	for off := 0; ; off += page {
		res, err := st.ListPosts(ctx, store.ListOptions{Sort: store.SortDate, Reverse: true, Offset: off, Limit: page})
		if err != nil {
			return nil, err
		}
		for _, s := range res.Posts {
			ids = append(ids, s.ID)
		}
		if len(res.Posts) < page {
			return ids, nil
		}
	}
}

// File returns where a post goes in a layout (a slash-separated path
// relative to the output folder) and the file's content.
func File(p *post.Post, layout string) (string, []byte, error) {
	c := p.Clone()
	var rel string
	switch layout {
	case LayoutHugo:
		rel = "content/posts/" + c.Slug + ".md"
		if c.Status == post.StatusDraft && c.Original != nil {
			hugoDraft(c)
		} else if c.Status == post.StatusDraft {
			c.Extra = append(post.Map{{Key: "draft", Value: true}}, c.Extra...)
		}
	default:
		switch {
		case c.Status == post.StatusDraft:
			rel = "_drafts/" + c.Slug + ".md"
		case c.Date.IsZero():
			rel = "_posts/" + c.Slug + ".md"
		default:
			rel = "_posts/" + c.Date.Format("2006-01-02") + "-" + c.Slug + ".md"
		}
	}
	if err := post.ValidateSlug(c.Slug); err != nil {
		return "", nil, err
	}
	c.WriteDerived(targetNeeds(c, rel)...)
	b, err := c.MarshalFile()
	if err != nil {
		return "", nil, err
	}
	if layout != LayoutHugo && bare(c, b) {
		// Jekyll copies a file without front matter as it is, unrendered.
		b = append([]byte(emptyBlock), b...)
	}
	return filepath.FromSlash(rel), b, nil
}

// WriteFileIfChanged writes data to path atomically unless the file already
// holds exactly data; it reports whether it wrote.
func WriteFileIfChanged(path string, data []byte, perm os.FileMode) (bool, error) {
	if old, err := os.ReadFile(path); err == nil && bytes.Equal(old, data) {
		return false, nil
	}
	return true, atomicfile.Write(path, data, perm)
}
