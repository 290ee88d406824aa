package export

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"flag"
	"io/fs"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"golang.org/x/net/html"

	"quire/backend/hosting"
	"quire/backend/post"
	"quire/backend/site"
	"quire/backend/store"
	"quire/backend/theme"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// clock is the pinned "now" of the tests: after every post's date.
var clock = func() time.Time { return time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC) }

func mustOpen(t testing.TB) *store.Store {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "quire.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func mustCreate(t testing.TB, st *store.Store, p *post.Post) *post.Post {
	t.Helper()
	if err := st.CreatePost(context.Background(), p); err != nil {
		t.Fatalf("create %q: %v", p.Slug, err)
	}
	return p
}

func date(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 9, 0, 0, 0, time.UTC) }

// smallSite is the site of the golden and crawl tests: the sample post and
// a few posts that link to each other.
func smallSite(t testing.TB) *store.Store {
	t.Helper()
	st := mustOpen(t)
	src, err := os.ReadFile("../../testdata/kubecon-2017-austin-summary.md")
	if err != nil {
		t.Fatal(err)
	}
	p, _, err := post.ParseFile("kubecon-2017-austin-summary.md", src)
	if err != nil {
		t.Fatal(err)
	}
	p.Slug, p.Status = "kubecon-2017-austin-summary", post.StatusPublished
	mustCreate(t, st, p)
	mustCreate(t, st, &post.Post{Slug: "hello-world", Title: "Hello, world", Date: date(2019, 3, 4), Status: post.StatusPublished,
		Categories: []string{"Notes"}, Tags: []string{"intro", "Go"},
		Body: "# Hello\n\nSee [the KubeCon notes](kubecon-2017-austin-summary.md#overall) and [more](./second-post.md).\n\n```go\nfunc main() {}\n```\n"})
	mustCreate(t, st, &post.Post{Slug: "second-post", Title: "Second <post> & \"quotes\"", Date: date(2020, 6, 7), Status: post.StatusPublished,
		Categories: []string{"notes"}, Tags: []string{"go"},
		Body: "Back to [hello](hello-world.md) (also [by its Jekyll name](../_posts/2019-03-04-hello-world.md)).\n\nBroken: [gone](missing-post.md) and ![pic](img/pic.png).\n"})
	mustCreate(t, st, &post.Post{Slug: "a-draft", Title: "A draft", Date: date(2020, 7, 1), Status: post.StatusDraft, Body: "draft\n"})
	mustCreate(t, st, &post.Post{Slug: "future", Title: "Future", Date: date(2030, 1, 1), Status: post.StatusPublished, Body: "later\n"})
	for i, d := range []time.Time{date(2021, 1, 1), date(2021, 2, 1), date(2021, 3, 1)} {
		mustCreate(t, st, &post.Post{Slug: "note-" + string(rune('a'+i)), Title: "Note " + string(rune('A'+i)), Date: d, Status: post.StatusPublished, Tags: []string{"go"}, Body: "A note.\n"})
	}
	s := site.Default()
	s.Title, s.Description, s.Author, s.BaseURL, s.PostsPerPage = "Field Notes", "Notes from the field", "Ann Author", "https://example.org/blog/", 3
	if err := site.Save(context.Background(), st, s); err != nil {
		t.Fatal(err)
	}
	return st
}

func export(t testing.TB, st *store.Store, dir string, opt Options) Report {
	t.Helper()
	if opt.Now == nil {
		opt.Now = clock
	}
	rep, err := Export(context.Background(), st, dir, opt)
	if err != nil {
		t.Fatalf("export: %v", err)
	}
	return rep
}

// readTree reads every file under dir, by slash path.
func readTree(t testing.TB, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// The store stamps posts with the time they were saved; the golden files
// have that time replaced.
var savedTime = regexp.MustCompile(`(<updated>|<lastBuildDate>|<lastmod>)[^<]*`)

func TestGolden(t *testing.T) {
	st := smallSite(t)
	dir := filepath.Join(t.TempDir(), "site")
	rep := export(t, st, dir, Options{})
	if len(rep.Failed) > 0 {
		t.Fatalf("failed: %+v", rep.Failed)
	}
	got := readTree(t, dir)
	delete(got, hosting.ManifestName) // holds mtimes
	golden := filepath.Join("testdata", "golden")
	if *update {
		os.RemoveAll(golden)
		for rel, b := range got {
			p := filepath.Join(golden, filepath.FromSlash(rel))
			os.MkdirAll(filepath.Dir(p), 0o755)
			if err := os.WriteFile(p, savedTime.ReplaceAll(b, []byte("${1}SAVED")), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	want := readTree(t, golden)
	var names []string
	for rel := range want {
		names = append(names, rel)
	}
	for rel := range got {
		if want[rel] == nil {
			t.Errorf("unexpected file %s (run with -update if intended)", rel)
		}
	}
	sort.Strings(names)
	for _, rel := range names {
		g := savedTime.ReplaceAll(got[rel], []byte("${1}SAVED"))
		if !bytes.Equal(g, want[rel]) {
			t.Errorf("%s differs from the golden file (run with -update if intended)", rel)
		}
	}
	if len(names) < 20 {
		t.Errorf("golden site has only %d files", len(names))
	}
}

func TestWarningsAndSelection(t *testing.T) {
	st := smallSite(t)
	dir := filepath.Join(t.TempDir(), "site")
	rep := export(t, st, dir, Options{})
	if rep.Posts != 6 {
		t.Errorf("exported %d posts, want 6 (no draft, no future post)", rep.Posts)
	}
	var ws []string
	for _, w := range rep.Warnings {
		ws = append(ws, w.String())
	}
	want := []string{
		"second-post:11: link to a post that does not exist: missing-post.md",
		"second-post:11: link to a file that is not part of the site: img/pic.png",
	}
	if strings.Join(ws, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(ws, "\n"), strings.Join(want, "\n"))
	}
	page, err := os.ReadFile(filepath.Join(dir, "2019/03/04/hello-world/index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{`href="/blog/2018/01/05/kubecon-2017-austin-summary/#overall"`, `href="/blog/2020/06/07/second-post/"`, `class="chroma"`} {
		if !bytes.Contains(page, []byte(w)) {
			t.Errorf("hello-world page lacks %s", w)
		}
	}
	second, _ := os.ReadFile(filepath.Join(dir, "2020/06/07/second-post/index.html"))
	if n := bytes.Count(second, []byte(`href="/blog/2019/03/04/hello-world/"`)); n != 2 {
		t.Errorf("second-post links to hello-world %d times, want 2 (by slug and by Jekyll file name)", n)
	}
	if _, err := os.Stat(filepath.Join(dir, "2020/07/01/a-draft/index.html")); err == nil {
		t.Errorf("draft exported without --drafts")
	}
	rep = export(t, st, dir, Options{Drafts: true})
	if rep.Posts != 8 || rep.Removed != 0 {
		t.Errorf("with drafts: %+v", rep)
	}
	if _, err := os.Stat(filepath.Join(dir, "2020/07/01/a-draft/index.html")); err != nil {
		t.Errorf("draft not exported with Drafts: %v", err)
	}
	rep = export(t, st, dir, Options{})
	if rep.Removed < 2 {
		t.Errorf("draft and future pages not removed: %+v", rep)
	}
	if _, err := os.Stat(filepath.Join(dir, "2020/07/01")); err == nil {
		t.Errorf("empty folder of the removed draft left behind")
	}
}

// TestCrawl serves the site on loopback under its base path and follows
// every link.
func TestCrawl(t *testing.T) {
	st := smallSite(t)
	dir := filepath.Join(t.TempDir(), "site")
	rep := export(t, st, dir, Options{})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: http.StripPrefix("/blog", http.FileServer(http.Dir(dir)))}
	go srv.Serve(ln)
	defer srv.Close()
	root := "http://" + ln.Addr().String()
	// Links the export warned about are the author's to fix.
	warned := map[string]bool{}
	for _, w := range rep.Warnings {
		warned[w.Message[strings.LastIndex(w.Message, " ")+1:]] = true
	}
	toLocal := func(u string) string {
		return strings.Replace(u, "https://example.org", root, 1)
	}
	get := func(u string) (*http.Response, []byte) {
		t.Helper()
		resp, err := http.Get(u)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var b bytes.Buffer
		b.ReadFrom(resp.Body)
		return resp, b.Bytes()
	}
	seen := map[string]bool{}
	queue := []string{root + "/blog/"}
	pages := 0
	for len(queue) > 0 {
		u := queue[0]
		queue = queue[1:]
		if seen[u] {
			continue
		}
		seen[u] = true
		resp, body := get(u)
		if resp.StatusCode != 200 {
			t.Errorf("GET %s: %s", u, resp.Status)
			continue
		}
		if !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
			continue
		}
		pages++
		doc, err := html.Parse(bytes.NewReader(body))
		if err != nil {
			t.Errorf("%s does not parse: %v", u, err)
			continue
		}
		checkHead(t, u, doc)
		base, _ := url.Parse(u)
		var walk func(*html.Node)
		walk = func(n *html.Node) {
			if n.Type == html.ElementNode {
				for _, a := range n.Attr {
					if a.Key != "href" && a.Key != "src" {
						continue
					}
					if warned[a.Val] {
						continue
					}
					ref, err := url.Parse(toLocal(a.Val))
					if err != nil {
						t.Errorf("%s: bad link %q", u, a.Val)
						continue
					}
					abs := base.ResolveReference(ref)
					abs.Fragment = ""
					if abs.Host == base.Host {
						queue = append(queue, abs.String())
					}
				}
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c)
			}
		}
		walk(doc)
	}
	if pages < 15 {
		t.Errorf("crawled only %d pages", pages)
	}
	if resp, _ := get(root + "/blog/2018/01/05/kubecon-2017-austin-summary/"); resp.StatusCode != 200 {
		t.Errorf("sample post: %s", resp.Status)
	}

	// The feeds, parsed into their formats' structures.
	var a struct {
		XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
		Title   string   `xml:"title"`
		Entries []struct {
			Title string `xml:"title"`
			ID    string `xml:"id"`
			Link  struct {
				Href string `xml:"href,attr"`
			} `xml:"link"`
			Content struct {
				Type string `xml:"type,attr"`
				Body string `xml:",chardata"`
			} `xml:"content"`
		} `xml:"entry"`
	}
	_, b := get(root + "/blog/feed.xml")
	if err := xml.Unmarshal(b, &a); err != nil {
		t.Fatalf("Atom: %v", err)
	}
	if a.Title != "Field Notes" || len(a.Entries) != 6 {
		t.Errorf("Atom: title %q, %d entries", a.Title, len(a.Entries))
	}
	for _, e := range a.Entries {
		if resp, _ := get(toLocal(e.Link.Href)); resp.StatusCode != 200 {
			t.Errorf("Atom entry %s: %s", e.Link.Href, resp.Status)
		}
		if e.Content.Type != "html" || !strings.Contains(e.Content.Body, "<p>") {
			t.Errorf("Atom entry %s has no full content", e.Title)
		}
	}
	var r struct {
		XMLName xml.Name `xml:"rss"`
		Version string   `xml:"version,attr"`
		Channel struct {
			Title string `xml:"title"`
			Items []struct {
				Title       string `xml:"title"`
				Link        string `xml:"link"`
				PubDate     string `xml:"pubDate"`
				Description string `xml:"description"`
			} `xml:"item"`
		} `xml:"channel"`
	}
	_, b = get(root + "/blog/index.xml")
	if err := xml.Unmarshal(b, &r); err != nil {
		t.Fatalf("RSS: %v", err)
	}
	if r.Version != "2.0" || len(r.Channel.Items) != 6 {
		t.Errorf("RSS: version %q, %d items", r.Version, len(r.Channel.Items))
	}
	for _, it := range r.Channel.Items {
		if _, err := time.Parse(time.RFC1123Z, it.PubDate); err != nil {
			t.Errorf("RSS item %s: pubDate %v", it.Title, err)
		}
		if !strings.Contains(it.Description, "<p>") {
			t.Errorf("RSS item %s has no full content", it.Title)
		}
	}
	var sm struct {
		XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
		URLs    []struct {
			Loc string `xml:"loc"`
		} `xml:"url"`
	}
	_, b = get(root + "/blog/sitemap.xml")
	if err := xml.Unmarshal(b, &sm); err != nil {
		t.Fatalf("sitemap: %v", err)
	}
	if len(sm.URLs) < 7 {
		t.Errorf("sitemap has %d URLs", len(sm.URLs))
	}
	for _, u := range sm.URLs {
		if resp, _ := get(toLocal(u.Loc)); resp.StatusCode != 200 {
			t.Errorf("sitemap URL %s: %s", u.Loc, resp.Status)
		}
	}
	_, b = get(root + "/blog/robots.txt")
	if !bytes.Contains(b, []byte("Sitemap: https://example.org/blog/sitemap.xml")) {
		t.Errorf("robots.txt: %s", b)
	}
}

func TestForeignFilesAndIncremental(t *testing.T) {
	st := smallSite(t)
	dir := filepath.Join(t.TempDir(), "site")
	os.MkdirAll(filepath.Join(dir, ".git"), 0o755)
	foreign := map[string]string{".git/HEAD": "ref: refs/heads/main\n", "CNAME": "example.org\n", ".nojekyll": "", "README.md": "# mine\n", "404.html": "my own 404\n"}
	for rel, c := range foreign {
		os.WriteFile(filepath.Join(dir, rel), []byte(c), 0o644)
	}
	_, err := Export(context.Background(), st, dir, Options{Now: clock})
	if !errors.Is(err, hosting.ErrForeignFolder) {
		t.Fatalf("export into a folder with foreign files and no manifest: %v, want hosting.ErrForeignFolder", err)
	}
	rep := export(t, st, dir, Options{Force: true})
	if len(rep.Failed) != 1 || rep.Failed[0].Path != "404.html" {
		t.Errorf("failures: %+v, want the foreign 404.html refused", rep.Failed)
	}
	check := func() {
		t.Helper()
		for rel, c := range foreign {
			b, err := os.ReadFile(filepath.Join(dir, rel))
			if err != nil || string(b) != c {
				t.Errorf("foreign %s: %q, %v", rel, b, err)
			}
		}
	}
	check()
	os.Remove(filepath.Join(dir, "404.html"))
	delete(foreign, "404.html")
	rep = export(t, st, dir, Options{})
	if len(rep.Failed) != 0 || rep.Written != 1 {
		t.Errorf("after moving the 404 away: %+v", rep)
	}
	before := stamps(t, dir)
	rep = export(t, st, dir, Options{})
	if rep.Written != 0 || rep.Removed != 0 || rep.Unchanged == 0 {
		t.Errorf("second export: %+v, want nothing written", rep)
	}
	if after := stamps(t, dir); !equalStamps(before, after) {
		t.Errorf("second export changed files")
	}
	// Edit one post: its page and the lists it is on change, nothing else.
	p, err := st.GetPostBySlug(context.Background(), "note-a")
	if err != nil {
		t.Fatal(err)
	}
	p.Body = "An edited note.\n"
	if err := st.SavePost(context.Background(), p, store.KindSave); err != nil {
		t.Fatal(err)
	}
	rep = export(t, st, dir, Options{})
	if rep.Written == 0 || rep.Written > 8 {
		t.Errorf("after one edit: %+v", rep)
	}
	after := stamps(t, dir)
	if after["2018/01/05/kubecon-2017-austin-summary/index.html"] != before["2018/01/05/kubecon-2017-austin-summary/index.html"] {
		t.Errorf("an unchanged post's page was rewritten")
	}
	check()
	// A stale Quire file goes, foreign files stay.
	st.TrashPost(context.Background(), p.ID)
	rep = export(t, st, dir, Options{})
	if rep.Removed == 0 {
		t.Errorf("trashed post's page not removed: %+v", rep)
	}
	check()
}

func stamps(t *testing.T, dir string) map[string]time.Time {
	t.Helper()
	out := map[string]time.Time{}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			fi, _ := d.Info()
			rel, _ := filepath.Rel(dir, p)
			out[filepath.ToSlash(rel)] = fi.ModTime()
		}
		return nil
	})
	return out
}

func equalStamps(a, b map[string]time.Time) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if !b[k].Equal(v) {
			return false
		}
	}
	return true
}

// checkHead: every page has a title, a description, a canonical link, Open
// Graph tags and links to both feeds.
func checkHead(t *testing.T, u string, doc *html.Node) {
	t.Helper()
	found := map[string]string{}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			attr := map[string]string{}
			for _, a := range n.Attr {
				attr[a.Key] = a.Val
			}
			switch {
			case n.Data == "title" && n.FirstChild != nil:
				found["title"] = n.FirstChild.Data
			case n.Data == "meta" && attr["name"] == "description":
				found["description"] = attr["content"]
			case n.Data == "meta" && attr["property"] != "":
				found[attr["property"]] = attr["content"]
			case n.Data == "link" && attr["rel"] == "canonical":
				found["canonical"] = attr["href"]
			case n.Data == "link" && attr["rel"] == "alternate":
				found[attr["type"]] = attr["href"]
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	for _, k := range []string{"title", "description", "canonical", "og:title", "og:type", "og:url", "og:description",
		"application/atom+xml", "application/rss+xml"} {
		if strings.TrimSpace(found[k]) == "" {
			t.Errorf("%s has no %s", u, k)
		}
	}
	if c := found["canonical"]; c != "" && !strings.HasPrefix(c, "https://example.org/blog/") {
		t.Errorf("%s: canonical %q is not under the base URL", u, c)
	}
}

// TestOneFailureDoesNotStopTheOthers: a post whose page cannot be made is
// reported; the others are exported, and its old page stays.
func TestOneFailureDoesNotStopTheOthers(t *testing.T) {
	st := smallSite(t)
	dir := filepath.Join(t.TempDir(), "site")
	export(t, st, dir, Options{})
	old, err := os.ReadFile(filepath.Join(dir, "2020/06/07/second-post/index.html"))
	if err != nil {
		t.Fatal(err)
	}
	th, err := theme.Over(fstest.MapFS{"templates/post.html": {Data: []byte(
		`{{define "main"}}{{if eq .Title "Hello, world"}}{{index .Tags 5}}{{end}}<article>{{.Content}}</article>{{end}}`)}})
	if err != nil {
		t.Fatal(err)
	}
	rep := export(t, st, dir, Options{Theme: th})
	if len(rep.Failed) != 1 || !strings.Contains(rep.Failed[0].Source, "hello-world") || !strings.Contains(rep.Failed[0].Err, "index out of range") {
		t.Fatalf("failures: %+v", rep.Failed)
	}
	if rep.Posts != 6 || rep.Written == 0 {
		t.Errorf("report: %+v", rep)
	}
	now, _ := os.ReadFile(filepath.Join(dir, "2020/06/07/second-post/index.html"))
	if bytes.Equal(now, old) || !bytes.Contains(now, []byte("<article>")) {
		t.Errorf("the other posts were not exported with the new theme")
	}
	if _, err := os.Stat(filepath.Join(dir, "2019/03/04/hello-world/index.html")); err != nil {
		t.Errorf("the failed post's old page was removed: %v", err)
	}
}
