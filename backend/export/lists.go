package export

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
	"strings"
	"sync"

	"quire/backend/theme"
)

// term is a category, a tag or a year with its posts, newest first.
type term struct {
	name  string
	link  string // relative to the site root, ending in "/"
	posts []*postJob
}

type termSet struct {
	cats, tags, years []*term
}

// collectTerms groups the posts by category, tag and year. Names that make
// the same path ("Go" and "go") share one page, under the first spelling.
func collectTerms(si siteInfo, jobs []*postJob) termSet {
	group := func(kind string, names func(*postJob) []string) []*term {
		m := map[string]*term{}
		var out []*term
		for _, j := range jobs {
			seen := map[string]bool{}
			for _, n := range names(j) {
				seg := segment(n)
				if seg == "" || seen[seg] {
					continue
				}
				seen[seg] = true
				tm := m[seg]
				if tm == nil {
					tm = &term{name: n, link: kind + "/" + seg + "/"}
					m[seg] = tm
					out = append(out, tm)
				}
				tm.posts = append(tm.posts, j)
			}
		}
		sort.Slice(out, func(a, b int) bool { return strings.ToLower(out[a].name) < strings.ToLower(out[b].name) })
		return out
	}
	return termSet{
		cats: group("categories", func(j *postJob) []string { return j.sum.Categories }),
		tags: group("tags", func(j *postJob) []string { return j.sum.Tags }),
		years: group("archive", func(j *postJob) []string {
			d := j.sum.Date
			if d.IsZero() {
				d = j.sum.Updated
			}
			return []string{fmt.Sprintf("%04d", d.Year())}
		}),
	}
}

func termLinks(si siteInfo, kind string, names []string) []theme.Link {
	var out []theme.Link
	for _, n := range names {
		if seg := segment(n); seg != "" {
			out = append(out, theme.Link{Name: n, URL: si.link(kind + "/" + seg + "/")})
		}
	}
	return out
}

func refs(si siteInfo, jobs []*postJob, excerpt func(*postJob) string) []theme.PostRef {
	out := make([]theme.PostRef, 0, len(jobs))
	for _, j := range jobs {
		s := j.sum
		title := s.Title
		if title == "" {
			title = s.Slug
		}
		summary := excerpt(j)
		if summary == "" {
			summary = s.Snippet
		}
		out = append(out, theme.PostRef{Title: title, URL: si.link(j.link), Date: s.Date, Summary: summary,
			Categories: termLinks(si, "categories", s.Categories), Tags: termLinks(si, "tags", s.Tags)})
	}
	return out
}

// writeLists makes the home page and its pages, a paged list per category
// and per tag, the lists of categories and tags, the archive by year and the
// 404 page.
//
// global is the key of what every page depends on (settings, theme); keep
// reports whether the page placed with a key can stay, and put places it.
func writeLists(ctx context.Context, th *theme.Theme, si siteInfo, common pageCommon, jobs []*postJob, terms termSet,
	global string, workers int, keep func(rel, key, source string) bool, put func(rel string, b []byte, source, key string),
	excerpt func(*postJob) string) error {
	// The pages are listed first, then made by the workers.
	var tasks []func() error
	var makePage func(kind, rel, title, heading, desc string, posts []*postJob, links []theme.Link, pager theme.Pager) error
	page := func(kind, rel, title, heading, desc string, posts []*postJob, links []theme.Link, pager theme.Pager) error {
		tasks = append(tasks, func() error {
			return makePage(kind, rel, title, heading, desc, posts, links, pager)
		})
		return nil
	}
	makePage = func(kind, rel, title, heading, desc string, posts []*postJob, links []theme.Link, pager theme.Pager) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		// The page's key: everything it is made from. A page whose key is
		// the one it was placed with is not made again.
		h := sha256.New()
		fmt.Fprintf(h, "%s\x00%s\x00%s\x00%s\x00%s\x00%s\x00%+v\x00", global, kind, rel, title, heading, desc, pager)
		for _, j := range posts {
			fmt.Fprintf(h, "%d\x00%d\x00%d\x00%s\x00", j.sum.ID, j.sum.Revision, j.sum.Updated.UnixNano(), j.link)
		}
		for _, l := range links {
			fmt.Fprintf(h, "%s\x00%s\x00%d\x00", l.Name, l.URL, l.Count)
		}
		key := hex.EncodeToString(h.Sum(nil)[:16])
		if keep(fileOf(rel), key, kind+" page "+rel) {
			return nil
		}
		head := common.head
		if si.base != "" && kind != "404" {
			head.Canonical = si.abs(rel)
		}
		head.NoIndex = kind == "404"
		data := theme.ListPage{Site: common.site, Head: head, Kind: kind, Title: title, Heading: heading, Description: desc,
			Posts: refs(si, posts, excerpt), Links: links, Pager: pager, StylesheetURL: si.link(cssPath)}
		var b strings.Builder
		if err := th.RenderList(&b, data); err != nil {
			return err
		}
		put(fileOf(rel), []byte(b.String()), kind+" page "+rel, key)
		return nil
	}
	// paged writes posts in pages of perPage at dir/, dir/page/2/, ...
	paged := func(kind, dir, title, heading, desc string) func([]*postJob) error {
		return func(posts []*postJob) error {
			n := (len(posts) + si.perPage - 1) / si.perPage
			if n == 0 {
				n = 1
			}
			at := func(i int) string {
				if i == 1 {
					return dir
				}
				return fmt.Sprintf("%spage/%d/", dir, i)
			}
			for i := 1; i <= n; i++ {
				pg := theme.Pager{Number: i, Total: n}
				if i > 1 {
					pg.Prev = si.link(at(i - 1))
				}
				if i < n {
					pg.Next = si.link(at(i + 1))
				}
				lo, hi := (i-1)*si.perPage, min(i*si.perPage, len(posts))
				t := title
				if i > 1 && t != "" {
					t = fmt.Sprintf("%s (page %d)", t, i)
				}
				if err := page(kind, at(i), t, heading, desc, posts[lo:hi], nil, pg); err != nil {
					return err
				}
			}
			return nil
		}
	}
	if err := paged("index", "", "", "", si.description)(jobs); err != nil {
		return err
	}
	for _, kt := range []struct {
		kind, label string
		list        []*term
	}{{"categories", "Category", terms.cats}, {"tags", "Tag", terms.tags}} {
		var links []theme.Link
		for _, tm := range kt.list {
			links = append(links, theme.Link{Name: tm.name, URL: si.link(tm.link), Count: len(tm.posts)})
			h := kt.label + ": " + tm.name
			if err := paged("list", tm.link, h, h, "Posts in "+tm.name)(tm.posts); err != nil {
				return err
			}
		}
		title := strings.ToUpper(kt.kind[:1]) + kt.kind[1:]
		if err := page("list", kt.kind+"/", title, title, title+" of "+si.title, nil, links, theme.Pager{}); err != nil {
			return err
		}
	}
	var years []theme.Link
	for i := len(terms.years) - 1; i >= 0; i-- {
		tm := terms.years[i]
		years = append(years, theme.Link{Name: tm.name, URL: si.link(tm.link), Count: len(tm.posts)})
		if err := page("archive", tm.link, "Archive "+tm.name, tm.name, "Posts of "+tm.name, tm.posts, nil, theme.Pager{}); err != nil {
			return err
		}
	}
	if err := page("archive", "archive/", "Archive", "Archive", "Posts by year", nil, years, theme.Pager{}); err != nil {
		return err
	}
	page("404", "404.html", "Page not found", "Page not found", "", nil, nil, theme.Pager{})
	return runTasks(ctx, workers, tasks)
}

// runTasks runs tasks on workers goroutines and returns the first error.
func runTasks(ctx context.Context, workers int, tasks []func() error) error {
	ch := make(chan func() error)
	errs := make(chan error, workers)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var first error
			for t := range ch {
				if first == nil && ctx.Err() == nil {
					first = t()
				}
			}
			errs <- first
		}()
	}
	for _, t := range tasks {
		ch <- t
	}
	close(ch)
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			return err
		}
	}
	return ctx.Err()
}
