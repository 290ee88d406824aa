// Package export writes the posts of a store as a static site into a hosting
// folder.
//
// The exporter lists the site's pages as a plan (plan.go) and makes them as
// a stream of items ({TargetPath, Content}); one hosting.Publisher places
// them, so staging, hashing, the manifest and the journal live in one place
// (package hosting, which says what an export guarantees).
package export

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"html/template"
	"os"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"quire/backend/hosting"
	"quire/backend/post"
	"quire/backend/render"
	"quire/backend/render/highlight"
	"quire/backend/site"
	"quire/backend/store"
	"quire/backend/theme"
)

// Options change one export.
type Options struct {
	// Site overrides the settings stored in the database.
	Site *site.Settings
	// Drafts includes drafts (and posts dated in the future).
	Drafts bool
	// BaseURL overrides the base URL of the settings.
	BaseURL string
	// Force exports into a folder that holds files and no manifest.
	Force bool
	// Theme is the theme; nil is the default one.
	Theme *theme.Theme
	// Now is the clock (what is in the future); nil is time.Now.
	Now func() time.Time
	// Progress is called as items are done.
	Progress func(done, total int)
	// Workers render posts in parallel; 0 is one per core.
	Workers int
	// FeedSize is the number of newest posts in the feeds; 0 is 20.
	FeedSize int
}

// Warning is something the author should fix, in a post, at a line.
type Warning struct {
	Post    string `json:"post"`
	Line    int    `json:"line,omitempty"`
	Message string `json:"message"`
}

func (w Warning) String() string {
	if w.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", w.Post, w.Line, w.Message)
	}
	return w.Post + ": " + w.Message
}

// Report is what an export did.
type Report struct {
	Dir       string            `json:"dir"`
	Posts     int               `json:"posts"`
	Written   int               `json:"written"`
	Unchanged int               `json:"unchanged"`
	Removed   int               `json:"removed"`
	Failed    []hosting.Failure `json:"failed"`
	Warnings  []Warning         `json:"warnings"`
}

// String is the one-line summary.
func (r Report) String() string {
	return fmt.Sprintf("%d posts: %d written, %d unchanged, %d removed, %d failed, %d warnings",
		r.Posts, r.Written, r.Unchanged, r.Removed, len(r.Failed), len(r.Warnings))
}

// siteInfo is the settings the pages are made from, with link helpers.
type siteInfo struct {
	title, description, author, lang string
	base                             string // absolute base URL with "/" at the end, or ""
	basePath                         string // "/blog/"
	perPage                          int
	permalink                        string
}

// link is a link to a site path (no leading slash), rooted at the base path.
func (s siteInfo) link(rel string) string { return s.basePath + rel }

// abs is the absolute URL of a site path, or its link without a base URL.
func (s siteInfo) abs(rel string) string {
	if s.base == "" {
		return s.link(rel)
	}
	return s.base + rel
}

// The paths of the pages every site has.
const (
	cssPath     = "css/quire.css"
	atomPath    = "feed.xml"
	rssPath     = "index.xml"
	sitemapPath = "sitemap.xml"
)

// postJob is a post to export.
type postJob struct {
	sum    store.Summary
	link   string // permalink, relative to the site root
	feed   int    // index in the feed, or -1
	source string
	media  *mediaSet // the media library (media.go)
	// excerpt is what lists show of the post (excerpt.go), made once and
	// only for a list page that is made again; "" falls back to the store's
	// snippet.
	excerpt lazyExcerpt
}

// Export writes the site of st into dir.
func Export(ctx context.Context, st *store.Store, dir string, opt Options) (Report, error) {
	rep := Report{Dir: dir, Failed: []hosting.Failure{}, Warnings: []Warning{}}
	set, err := settingsFor(ctx, st, opt)
	if err != nil {
		return rep, err
	}
	th := opt.Theme
	if th == nil {
		th = theme.Default()
	}
	for _, k := range []string{"post", "index", "list", "archive", "404"} {
		if !th.Has(k) {
			return rep, fmt.Errorf("theme has no templates/%s.html", k)
		}
	}
	for _, w := range th.Warnings() {
		rep.Warnings = append(rep.Warnings, Warning{Post: "theme", Message: w})
	}
	si := siteInfo{title: set.Title, description: set.Description, author: set.Author, lang: set.Language,
		base: set.BaseURL, basePath: set.BasePath(), perPage: set.PostsPerPage, permalink: set.Permalink}
	feedSize := opt.FeedSize
	if feedSize <= 0 {
		feedSize = 20
	}
	now := time.Now
	if opt.Now != nil {
		now = opt.Now
	}

	phase := phaseTimer()
	jobs, ix, err := selectPosts(ctx, st, set, si, now(), &rep)
	if err != nil {
		return rep, err
	}
	rep.Posts = len(jobs)
	for i, j := range jobs[:min(feedSize, len(jobs))] {
		j.feed = i
	}
	mx, err := loadMedia(ctx, st, si, jobs)
	if err != nil {
		return rep, err
	}
	for _, j := range jobs {
		j.media = mx
	}
	phase("list posts")
	pub, err := hosting.Open(dir, opt.Force)
	if err != nil {
		return rep, err
	}
	phase("open folder")
	rep.Dir = pub.Dir()
	committed := false
	defer func() {
		if !committed {
			pub.Abort()
		}
	}()

	// What every post page is made from besides its post: settings, theme,
	// the files an import kept for shortcodes and includes, the links.
	kh := sha256.New()
	fmt.Fprintf(kh, "%+v\x00%s\x00", si, th.Hash())
	snip, err := storedSnippets(ctx, st, kh)
	if err != nil {
		return rep, err
	}
	rs := render.Settings{Typographer: true, Once: true, Shortcodes: snip.config(shortcodeConfig(si, ix, snip.includes))}
	plain := rs
	plain.NoHighlight = true
	x := &exporter{ctx: ctx, st: st, si: si, th: th, common: commonPage(si), ix: ix, pub: pub, rep: &rep,
		feed: make([]feedEntry, min(feedSize, len(jobs))),
		r:    render.New(rs), plain: render.New(plain)}
	terms := collectTerms(si, jobs)
	pl := x.makePlan(jobs, terms, postsKey(kh, ix))

	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	prog := &progress{total: pl.total() + mx.items(), fn: opt.Progress}
	placer := newPlacer(pub, workers, prog.step)
	defer placer.close()
	if err := x.runPages(pl.posts, workers, placer, prog); err != nil {
		return rep, err
	}
	phase("posts")
	if err := x.runPages(pl.rest, workers, placer, prog); err != nil {
		return rep, err
	}
	mx.publish(ctx, st, jobs, pub, placer.send, &rep)
	placer.close()
	if err := ctx.Err(); err != nil {
		return rep, err
	}

	// Two pages on one path stop the export before anything is placed.
	if cerr := pub.Collision(); cerr != nil {
		return rep, cerr
	}
	phase("lists and feeds")
	res, err := pub.Commit()
	phase("commit")
	// Failing to keep highlighted code for later is not this export's
	// failure: the cache says so itself when the process ends.
	_ = highlight.FlushDisk()
	committed = true
	rep.Written, rep.Unchanged, rep.Removed = res.Written, res.Unchanged, res.Removed
	rep.Failed = append(rep.Failed, res.Failed...)
	sort.Slice(rep.Warnings, func(a, b int) bool {
		x, y := rep.Warnings[a], rep.Warnings[b]
		if x.Post != y.Post {
			return x.Post < y.Post
		}
		return x.Line < y.Line
	})
	return rep, err
}

// settingsFor is the site's settings for this export: stored, or given,
// with the options' overrides.
func settingsFor(ctx context.Context, st *store.Store, opt Options) (site.Settings, error) {
	var set site.Settings
	if opt.Site != nil {
		set = *opt.Site
	} else {
		var err error
		if set, err = site.Load(ctx, st); err != nil {
			return set, err
		}
	}
	if opt.BaseURL != "" {
		if err := set.Set("base-url", opt.BaseURL); err != nil {
			return set, err
		}
	}
	if opt.Drafts {
		set.Drafts, set.Future = true, true
	}
	return set, set.Validate()
}

// selectPosts lists the posts the site shows, newest first, each with its
// permalink, and the index of their links. A post whose path is not safe
// is a failure; two posts on one path stop the export.
func selectPosts(ctx context.Context, st *store.Store, set site.Settings, si siteInfo, now time.Time, rep *Report) ([]*postJob, linkIndex, error) {
	opt := store.ListOptions{Limit: 1 << 30, Sort: store.SortDate}
	if !set.Drafts && !set.Future {
		// Only published posts are exported: the store leaves out the
		// drafts and scheduled posts, which a large site has thousands of,
		// without reading them.
		opt.Status = post.StatusPublished
	}
	list, err := st.ListPosts(ctx, opt)
	if err != nil {
		return nil, nil, err
	}
	var jobs []*postJob
	byFold := map[string]*postJob{}
	ix := linkIndex{}
	for _, s := range list.Posts {
		switch {
		case s.Status == post.StatusDraft && !set.Drafts,
			s.Status == post.StatusScheduled && !set.Future,
			s.Status == post.StatusPublished && s.Date.After(now) && !set.Future:
			continue
		}
		date := s.Date
		if date.IsZero() {
			date = s.Updated
		}
		j := &postJob{sum: s, link: permalink(set.Permalink, s.Slug, date, s.Categories), feed: -1, source: "post " + strconv.Quote(s.Slug)}
		if err := hosting.CheckPath(fileOf(j.link)); err != nil {
			rep.Failed = append(rep.Failed, hosting.Failure{Source: j.source, Err: err.Error()})
			continue
		}
		k := hosting.FoldPath(fileOf(j.link))
		if other, dup := byFold[k]; dup {
			return nil, nil, &hosting.CollisionError{Path: fileOf(j.link), PathA: fileOf(other.link), A: other.source, B: j.source}
		}
		byFold[k] = j
		jobs = append(jobs, j)
		ix.add(s.Slug, si.link(j.link))
	}
	return jobs, ix, nil
}

// postsKey ends the key of what every post page is made from (kh holds the
// rest) with every post's link: a post that moves changes the links to it.
func postsKey(kh hash.Hash, ix linkIndex) string {
	linkKeys := make([]string, 0, len(ix))
	for k, v := range ix {
		linkKeys = append(linkKeys, k+"\x00"+v)
	}
	sort.Strings(linkKeys)
	for _, k := range linkKeys {
		kh.Write([]byte(k))
	}
	return hex.EncodeToString(kh.Sum(nil))
}

func postKey(global string, s store.Summary) string {
	h := sha256.Sum256([]byte(fmt.Sprintf("%s\x00%d\x00%d\x00%d", global, s.ID, s.Revision, s.Updated.UnixNano())))
	return hex.EncodeToString(h[:16])
}

// commonPage is what every page shares.
func commonPage(si siteInfo) pageCommon {
	return pageCommon{theme.Site{
		Title: si.title, Lang: si.lang, BaseURL: si.basePath, Description: si.description, Author: si.author,
		URL: si.base, Archive: si.link("archive/"), Categories: si.link("categories/"), Tags: si.link("tags/"),
	}, theme.Head{
		OGType: "website", AtomURL: si.link(atomPath), RSSURL: si.link(rssPath), Generator: "Quire",
	}}
}

type pageCommon struct {
	site theme.Site
	head theme.Head
}

func renderPost(ctx context.Context, load func(int64) (*post.Post, error), r *render.Renderer, th *theme.Theme, si siteInfo, common pageCommon, ix linkIndex, j *postJob) ([]byte, feedEntry, []post.Warning, error) {
	p, err := load(j.sum.ID)
	if err != nil {
		return nil, feedEntry{}, nil, err
	}
	res, err := r.RenderBodyOf(p, []byte(p.Body), 1)
	if err != nil {
		return nil, feedEntry{}, nil, err
	}
	j.excerpt.fill(p, res)
	content, warns := rewriteLinks(j.media.rewrite(res.HTML), p.Body, 1, ix)
	warns = append(res.Warnings, warns...)
	if len(warns) > 0 {
		// Lines in the file as the editor shows it, front matter included.
		if file, err := p.MarshalEditable(); err == nil {
			if _, _, body, _, err := post.SplitFrontMatter(file); err == nil && len(body) <= len(file) {
				shift := strings.Count(string(file[:len(file)-len(body)]), "\n")
				for i := range warns {
					if warns[i].Line > 0 {
						warns[i].Line += shift
					}
				}
			}
		}
	}
	desc := p.Summary
	if desc == "" {
		desc = j.sum.Snippet
	}
	if strings.Contains(desc, "{{") || strings.Contains(desc, "{%") {
		// The snippet is the body's text, shortcodes as written: the
		// rendered page's words describe it instead.
		desc = clipWords(strings.Join(strings.Fields(j.excerpt.text), " "), len(desc))
	}
	title := p.Title
	if title == "" {
		title = res.Title
	}
	if title == "" {
		title = p.Slug
	}
	head := common.head
	head.OGType = "article"
	if si.base != "" {
		head.Canonical = si.abs(j.link)
	}
	page := theme.PostPage{
		Site: common.site, Title: title, Description: desc, Date: p.Date, Categories: p.Categories, Tags: p.Tags,
		Content: template.HTML(content), ReadingMinutes: res.ReadingMinutes, StylesheetURL: si.link(cssPath),
		Head: head, Author: si.author, Updated: p.Updated,
		CategoryLinks: termLinks(si, "categories", p.Categories), TagLinks: termLinks(si, "tags", p.Tags),
	}
	var b strings.Builder
	if err := th.RenderPost(&b, page); err != nil {
		return nil, feedEntry{}, nil, err
	}
	fe := feedEntry{Title: title, URL: si.abs(j.link), Content: content, Summary: p.Summary, Author: si.author,
		Date: p.Date, Updated: p.Updated, Categories: p.Categories}
	if fe.Date.IsZero() {
		fe.Date = p.Updated
	}
	return []byte(b.String()), fe, warns, nil
}

// phaseTimer prints how long each phase took when QUIRE_EXPORT_TIMING is set.
func phaseTimer() func(string) {
	if os.Getenv("QUIRE_EXPORT_TIMING") == "" {
		return func(string) {}
	}
	t := time.Now()
	return func(name string) {
		fmt.Fprintf(os.Stderr, "export: %-16s %v\n", name, time.Since(t))
		t = time.Now()
	}
}

// clipWords cuts s at a space to at most n bytes, with "…" when cut.
func clipWords(s string, n int) string {
	if len(s) <= n {
		return s
	}
	if i := strings.LastIndexByte(s[:n], ' '); i > 0 {
		return s[:i] + "…"
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}
