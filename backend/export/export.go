// Package export writes the posts of a store as a static site into a hosting
// folder.
//
// The exporter makes the site as a stream of items ({TargetPath, Content});
// one Publisher places them, so staging, hashing, the manifest and the
// journal live in one place (publish.go).
//
// The guarantee. Changed files are written into a stage folder beside the
// hosting folder (".NAME.quire-stage", each file at its path under site/),
// never into it. When every item is staged, the staged data is flushed to
// disk and a journal (".NAME.quire-journal") listing the stale files to
// remove and the staged files to place is written, fsynced and renamed into
// place: that rename is the moment the export happens. The stale files are
// then removed and the staged ones renamed into the folder one by one, or a
// folder the site does not have yet with everything in it at once (each
// rename is atomic, so no file is ever seen half-written), the manifest last.
// If the process dies before the journal exists, the folder was not touched
// and the next export throws the stage away; if it dies after, the next
// export (or Recover) finishes the journal before anything else. So after
// Recover the folder holds exactly the old site or exactly the new one, byte
// for byte; while a placement is under way (milliseconds for a few files) a
// web server reading the folder may serve some files old and some new. This
// is tested by killing an exporting process with SIGKILL; against power loss
// the data and the journal are flushed before the commit point, but the
// folders are not fsynced after each rename. One export runs per folder at a
// time (a lock on the folder that the kernel drops when the process ends).
//
// Files not listed in the manifest (.quire-manifest.json) are never written,
// moved or removed: a page whose path holds such a file fails with the
// reason. A file Quire wrote that was changed by hand since (its size or
// time differ from the manifest) is not removed when it goes stale; it is
// left as a foreign file.
package export

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"html/template"
	"os"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"quire/backend/post"
	"quire/backend/render"
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
	Dir       string    `json:"dir"`
	Posts     int       `json:"posts"`
	Written   int       `json:"written"`
	Unchanged int       `json:"unchanged"`
	Removed   int       `json:"removed"`
	Failed    []Failure `json:"failed"`
	Warnings  []Warning `json:"warnings"`
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
	rep := Report{Dir: dir, Failed: []Failure{}, Warnings: []Warning{}}
	now := time.Now
	if opt.Now != nil {
		now = opt.Now
	}
	var set site.Settings
	if opt.Site != nil {
		set = *opt.Site
	} else {
		var err error
		if set, err = site.Load(ctx, st); err != nil {
			return rep, err
		}
	}
	if opt.BaseURL != "" {
		if err := set.Set("base-url", opt.BaseURL); err != nil {
			return rep, err
		}
	}
	if opt.Drafts {
		set.Drafts, set.Future = true, true
	}
	if err := set.Validate(); err != nil {
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

	phase := phaseTimer()
	// Which posts, and where each goes.
	list, err := st.ListPosts(ctx, store.ListOptions{Limit: 1 << 30, Sort: store.SortDate})
	if err != nil {
		return rep, err
	}
	t := now()
	var jobs []*postJob
	byFold := map[string]*postJob{}
	ix := linkIndex{}
	for _, s := range list.Posts {
		switch s.Status {
		case post.StatusDraft:
			if !set.Drafts {
				continue
			}
		case post.StatusScheduled:
			if !set.Future {
				continue
			}
		}
		if s.Status == post.StatusPublished && s.Date.After(t) && !set.Future {
			continue
		}
		date := s.Date
		if date.IsZero() {
			date = s.Updated
		}
		j := &postJob{sum: s, link: permalink(set.Permalink, s.Slug, date, s.Categories), feed: -1, source: "post " + strconv.Quote(s.Slug)}
		if err := checkPath(fileOf(j.link)); err != nil {
			rep.Failed = append(rep.Failed, Failure{Source: j.source, Err: err.Error()})
			continue
		}
		k := foldPath(fileOf(j.link))
		if other, dup := byFold[k]; dup {
			return rep, &CollisionError{Path: fileOf(j.link), PathA: fileOf(other.link), A: other.source, B: j.source}
		}
		byFold[k] = j
		jobs = append(jobs, j)
		ix.add(s.Slug, si.link(j.link))
	}
	rep.Posts = len(jobs)
	for i, j := range jobs {
		if i < feedSize {
			j.feed = i
		}
	}

	mx, err := loadMedia(ctx, st, si, jobs)
	if err != nil {
		return rep, err
	}
	for _, j := range jobs {
		j.media = mx
	}
	phase("list posts")
	pub, err := OpenPublisher(dir, opt.Force)
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

	terms := collectTerms(si, jobs)
	listPages := 1 + (len(jobs)+si.perPage-1)/si.perPage + len(terms.years) + 2
	for _, tl := range [][]*term{terms.cats, terms.tags} {
		for _, tm := range tl {
			listPages += (len(tm.posts) + si.perPage - 1) / si.perPage
		}
	}
	total := len(jobs) + listPages + 6 + mx.items()
	var done atomic.Int64
	step := func() {
		n := done.Add(1)
		if opt.Progress != nil {
			opt.Progress(int(n), total)
		}
	}

	// A key per post page: what its content is made from.
	kh := sha256.New()
	fmt.Fprintf(kh, "%+v\x00%s\x00", si, th.Hash())
	snip, err := storedSnippets(ctx, st, kh)
	if err != nil {
		return rep, err
	}
	linkKeys := make([]string, 0, len(ix))
	for k, v := range ix {
		linkKeys = append(linkKeys, k+"\x00"+v)
	}
	sort.Strings(linkKeys)
	for _, k := range linkKeys {
		kh.Write([]byte(k))
	}
	globalKey := hex.EncodeToString(kh.Sum(nil))

	common := commonPage(si)
	r := render.New(render.Settings{Typographer: true, Once: true, Shortcodes: snip.config(shortcodeConfig(si, ix, snip.includes))})
	feed := make([]feedEntry, min(feedSize, len(jobs)))
	var warnMu sync.Mutex

	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	// Writers place items while the workers render: the disk and the CPUs
	// work at once, and at most cap(items) pages wait in memory.
	items := make(chan Item, 4*workers)
	var wwg sync.WaitGroup
	for w := 0; w < 2; w++ {
		wwg.Add(1)
		go func() {
			defer wwg.Done()
			for it := range items {
				pub.Put(it)
				step()
			}
		}()
	}
	send := func(it Item) { items <- it }
	closeItems := sync.OnceFunc(func() {
		close(items)
		wwg.Wait()
	})
	defer closeItems()
	// The workers read their posts one at a time: a read is short next to a
	// render, and one at a time they share one database connection (and its
	// page cache, 16 MB once full) instead of each filling one of its own.
	var readMu sync.Mutex
	load := func(id int64) (*post.Post, error) {
		readMu.Lock()
		defer readMu.Unlock()
		return st.GetPost(ctx, id)
	}
	excerptOf := func(j *postJob) string {
		return j.excerpt.get(func() (*post.Post, *render.Result, error) {
			p, err := load(j.sum.ID)
			if err != nil {
				return nil, nil, err
			}
			res, err := r.RenderBody([]byte(p.Body), 1)
			return p, res, err
		})
	}
	jobCh := make(chan *postJob)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobCh {
				if ctx.Err() != nil {
					continue
				}
				file := fileOf(j.link)
				key := postKey(globalKey+j.media.key(j.sum.ID), j.sum)
				if j.feed < 0 && pub.Fresh(file, key) {
					send(Item{TargetPath: file, Source: j.source, Key: key, Keep: true})
					continue
				}
				b, fe, warns, err := renderPost(ctx, load, r, th, si, common, ix, j)
				if err != nil {
					warnMu.Lock()
					rep.Failed = append(rep.Failed, Failure{Path: file, Source: j.source, Err: err.Error()})
					warnMu.Unlock()
					pub.KeepOld(file, j.source)
					step()
					continue
				}
				warnMu.Lock()
				for _, w := range warns {
					rep.Warnings = append(rep.Warnings, Warning{Post: j.sum.Slug, Line: w.Line, Message: w.Message})
				}
				if j.feed >= 0 {
					feed[j.feed] = fe
				}
				warnMu.Unlock()
				send(Item{TargetPath: file, Content: b, Source: j.source, Key: key})
			}
		}()
	}
	for _, j := range jobs {
		if ctx.Err() != nil {
			break
		}
		jobCh <- j
	}
	close(jobCh)
	wg.Wait()
	phase("posts")
	if err := ctx.Err(); err != nil {
		return rep, err
	}

	put := func(rel string, content []byte, source string) {
		send(Item{TargetPath: rel, Content: content, Source: source})
	}
	keep := func(rel, key, source string) bool {
		if !pub.Fresh(rel, key) {
			return false
		}
		send(Item{TargetPath: rel, Source: source, Key: key, Keep: true})
		return true
	}
	putKey := func(rel string, content []byte, source, key string) {
		send(Item{TargetPath: rel, Content: content, Source: source, Key: key})
	}
	// The lists' key: settings and theme, not the link index (lists link
	// to posts by the permalinks in their own keys).
	lh := sha256.Sum256([]byte(fmt.Sprintf("%+v\x00%s\x00%s", si, th.Hash(), excerptVersion)))
	if err := writeLists(ctx, th, si, common, jobs, terms, hex.EncodeToString(lh[:]), workers, keep, putKey, excerptOf); err != nil {
		return rep, err
	}
	put(cssPath, []byte(th.StyleSheet()), "theme stylesheet")
	// A post that failed has no entry in the feeds.
	kept := feed[:0]
	for _, fe := range feed {
		if fe.URL != "" {
			kept = append(kept, fe)
		}
	}
	feed = kept
	if b, err := atom(si, feed); err == nil {
		put(atomPath, b, "Atom feed")
	} else {
		return rep, err
	}
	if b, err := rss(si, feed); err == nil {
		put(rssPath, b, "RSS feed")
	} else {
		return rep, err
	}
	robots := "User-agent: *\nAllow: /\n"
	if si.base != "" {
		urls := []sitemapURL{{Loc: si.abs("")}}
		for _, j := range jobs {
			urls = append(urls, sitemapURL{Loc: si.abs(j.link), LastMod: j.sum.Updated.UTC().Format("2006-01-02")})
		}
		for _, tl := range [][]*term{terms.cats, terms.tags} {
			for _, tm := range tl {
				urls = append(urls, sitemapURL{Loc: si.abs(tm.link)})
			}
		}
		b, err := sitemap(urls)
		if err != nil {
			return rep, err
		}
		put(sitemapPath, b, "sitemap")
		robots += "Sitemap: " + si.abs(sitemapPath) + "\n"
	}
	put("robots.txt", []byte(robots), "robots.txt")
	mx.publish(ctx, st, jobs, pub, send, &rep)
	closeItems()
	if err := ctx.Err(); err != nil {
		return rep, err
	}

	// Two pages on one path stop the export before anything is placed.
	if cerr := pub.collision(); cerr != nil {
		return rep, cerr
	}
	phase("lists and feeds")
	res, err := pub.Commit()
	phase("commit")
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
