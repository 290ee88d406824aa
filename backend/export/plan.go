package export

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"

	"quire/backend/theme"
)

// page is one file of the site and what makes it. The plan lists every page
// before any is made: the progress total is its length, and the runner
// (run.go) skips, makes and places each page the same way.
type page struct {
	path   string // in the site, slash-separated
	source string // what makes it, for messages ("post \"kubecon\"")
	// key is what the page is made from: a page placed with the same key,
	// and untouched since, is kept without being made. "" is made every time.
	key string
	// make makes the content. A post page that fails is that post's failure
	// (its old page stays); any other page that fails stops the export.
	make func() ([]byte, error)
	// job is the post of a post page.
	job *postJob
}

// plan is the site's pages in the order they are made: the post pages
// first, since the feeds and lists use what rendering them found.
type plan struct {
	posts []page
	rest  []page
}

func (p plan) total() int { return len(p.posts) + len(p.rest) }

// makePlan lists every page of the site. global is the key of what every
// post page depends on (settings, theme, includes, the link index).
func (x *exporter) makePlan(jobs []*postJob, terms termSet, global string) plan {
	var pl plan
	for _, j := range jobs {
		pl.posts = append(pl.posts, x.postPage(j, global))
	}
	// The lists' key: settings and theme, not the link index (lists link
	// to posts by the permalinks in their own keys).
	lh := sha256.Sum256([]byte(fmt.Sprintf("%+v\x00%s\x00%s", x.si, x.th.Hash(), excerptVersion)))
	listKey := hex.EncodeToString(lh[:])
	for _, spec := range listSpecs(x.si, jobs, terms) {
		pl.rest = append(pl.rest, x.listPage(spec, listKey))
	}
	pl.rest = append(pl.rest, x.sitePages(jobs, terms)...)
	return pl
}

// postPage is a post's page. A post in the feeds is always rendered: the
// feeds need its content.
func (x *exporter) postPage(j *postJob, global string) page {
	pg := page{path: fileOf(j.link), source: j.source, job: j}
	if j.feed < 0 {
		pg.key = postKey(global+j.media.key(j.sum.ID), j.sum)
	}
	pg.make = func() ([]byte, error) {
		b, fe, warns, err := renderPost(x.ctx, x.load, x.r, x.th, x.si, x.common, x.ix, j)
		if err != nil {
			return nil, err
		}
		x.mu.Lock()
		defer x.mu.Unlock()
		for _, w := range warns {
			x.rep.Warnings = append(x.rep.Warnings, Warning{Post: j.sum.Slug, Line: w.Line, Message: w.Message})
		}
		if j.feed >= 0 {
			x.feed[j.feed] = fe
		}
		return b, nil
	}
	return pg
}

// listSpec is one list page: the home page or one of its pages, a
// category's or a tag's, the lists of categories and tags, a year of the
// archive, the archive, the 404 page.
type listSpec struct {
	kind, rel                   string // theme.ListPage's kind; the page's folder ("" is the home page)
	title, heading, description string
	posts                       []*postJob
	links                       []theme.Link
	pager                       theme.Pager
}

// listSpecs lists the list pages of the site.
func listSpecs(si siteInfo, jobs []*postJob, terms termSet) []listSpec {
	var out []listSpec
	// paged lists posts in pages of perPage at dir/, dir/page/2/, ...
	paged := func(kind, dir, title, heading, desc string, posts []*postJob) {
		n := max(1, (len(posts)+si.perPage-1)/si.perPage)
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
			t := title
			if i > 1 && t != "" {
				t = fmt.Sprintf("%s (page %d)", t, i)
			}
			out = append(out, listSpec{kind: kind, rel: at(i), title: t, heading: heading, description: desc,
				posts: posts[(i-1)*si.perPage : min(i*si.perPage, len(posts))], pager: pg})
		}
	}
	paged("index", "", "", "", si.description, jobs)
	for _, kt := range []struct {
		kind, label string
		list        []*term
	}{{"categories", "Category", terms.cats}, {"tags", "Tag", terms.tags}} {
		var links []theme.Link
		for _, tm := range kt.list {
			links = append(links, theme.Link{Name: tm.name, URL: si.link(tm.link), Count: len(tm.posts)})
			h := kt.label + ": " + tm.name
			paged("list", tm.link, h, h, "Posts in "+tm.name, tm.posts)
		}
		title := strings.ToUpper(kt.kind[:1]) + kt.kind[1:]
		out = append(out, listSpec{kind: "list", rel: kt.kind + "/", title: title, heading: title,
			description: title + " of " + si.title, links: links})
	}
	var years []theme.Link
	for i := len(terms.years) - 1; i >= 0; i-- {
		tm := terms.years[i]
		years = append(years, theme.Link{Name: tm.name, URL: si.link(tm.link), Count: len(tm.posts)})
		out = append(out, listSpec{kind: "archive", rel: tm.link, title: "Archive " + tm.name, heading: tm.name,
			description: "Posts of " + tm.name, posts: tm.posts})
	}
	out = append(out, listSpec{kind: "archive", rel: "archive/", title: "Archive", heading: "Archive",
		description: "Posts by year", links: years})
	return append(out, listSpec{kind: "404", rel: "404.html", title: "Page not found", heading: "Page not found"})
}

// listPage is a list page; its key is everything it is made from.
func (x *exporter) listPage(spec listSpec, global string) page {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00%s\x00%s\x00%s\x00%s\x00%+v\x00", global, spec.kind, spec.rel, spec.title, spec.heading, spec.description, spec.pager)
	for _, j := range spec.posts {
		fmt.Fprintf(h, "%d\x00%d\x00%d\x00%s\x00", j.sum.ID, j.sum.Revision, j.sum.Updated.UnixNano(), j.link)
	}
	for _, l := range spec.links {
		fmt.Fprintf(h, "%s\x00%s\x00%d\x00", l.Name, l.URL, l.Count)
	}
	pg := page{path: fileOf(spec.rel), source: spec.kind + " page " + spec.rel, key: hex.EncodeToString(h.Sum(nil)[:16])}
	pg.make = func() ([]byte, error) {
		head := x.common.head
		if x.si.base != "" && spec.kind != "404" {
			head.Canonical = x.si.abs(spec.rel)
		}
		head.NoIndex = spec.kind == "404"
		data := theme.ListPage{Site: x.common.site, Head: head, Kind: spec.kind, Title: spec.title, Heading: spec.heading,
			Description: spec.description, Posts: refs(x.si, spec.posts, x.excerptOf), Links: spec.links, Pager: spec.pager,
			StylesheetURL: x.si.link(cssPath)}
		var b strings.Builder
		if err := x.th.RenderList(&b, data); err != nil {
			return nil, err
		}
		return []byte(b.String()), nil
	}
	return pg
}

// sitePages are the stylesheet, the feeds, the sitemap (with a base URL
// only: its addresses must be absolute) and robots.txt.
func (x *exporter) sitePages(jobs []*postJob, terms termSet) []page {
	si := x.si
	pages := []page{
		{path: cssPath, source: "theme stylesheet", make: func() ([]byte, error) { return []byte(x.th.StyleSheet()), nil }},
		{path: atomPath, source: "Atom feed", make: func() ([]byte, error) { return atom(si, x.feedEntries()) }},
		{path: rssPath, source: "RSS feed", make: func() ([]byte, error) { return rss(si, x.feedEntries()) }},
	}
	robots := "User-agent: *\nAllow: /\n"
	if si.base != "" {
		pages = append(pages, page{path: sitemapPath, source: "sitemap", make: func() ([]byte, error) {
			urls := []sitemapURL{{Loc: si.abs("")}}
			for _, j := range jobs {
				urls = append(urls, sitemapURL{Loc: si.abs(j.link), LastMod: j.sum.Updated.UTC().Format("2006-01-02")})
			}
			for _, tl := range [][]*term{terms.cats, terms.tags} {
				for _, tm := range tl {
					urls = append(urls, sitemapURL{Loc: si.abs(tm.link)})
				}
			}
			return sitemap(urls)
		}})
		robots += "Sitemap: " + si.abs(sitemapPath) + "\n"
	}
	return append(pages, page{path: "robots.txt", source: "robots.txt", make: func() ([]byte, error) { return []byte(robots), nil }})
}

// feedEntries are the feeds' posts, newest first; a post that failed has
// no entry.
func (x *exporter) feedEntries() []feedEntry {
	x.mu.Lock()
	defer x.mu.Unlock()
	var out []feedEntry
	for _, fe := range x.feed {
		if fe.URL != "" {
			out = append(out, fe)
		}
	}
	return out
}
