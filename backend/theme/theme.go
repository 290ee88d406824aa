// Package theme is Quire's default site theme: the CSS and the page
// templates that both the in-app preview and the export use, so the preview
// looks like the published page.
//
// A theme is a file tree: templates/*.html and static/site.css. Files whose
// name starts with "_" (such as _base.html) are shared layouts and partials;
// every other template is a page kind ("post"; later "index", "list",
// "feed") and is parsed with its own copy of the shared ones, so each page
// kind can fill the same blocks ("title", "main", "footer"). A theme folder
// chosen by the user can be loaded with New the same way the embedded
// default is.
package theme

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"path"
	"sort"
	"strings"
	"sync"
	"time"

	"quire/backend/render"
)

//go:embed templates/*.html static/site.css
var defaultFS embed.FS

// Hash identifies a theme's files, so the export knows when pages must be
// made again.
func (t *Theme) Hash() string { return t.hash }

// Site is what every page knows about the site.
type Site struct {
	Title   string
	Lang    string // BCP 47, e.g. "en"; "en" when empty
	BaseURL string // the home page's link (the base path, e.g. "/blog/"); "/" when empty
	// The fields below are set by the export.
	Description string
	Author      string
	URL         string // the absolute base URL ("https://example.org/blog/"); "" when not set
	Archive     string // link to the archive by year
	Categories  string // link to the list of categories
	Tags        string // link to the list of tags
}

// Head is what the export puts in every page's <head> besides the title and
// description. All links are ready to use (base path included).
type Head struct {
	Canonical string // absolute URL of the page; "" without a base URL
	OGType    string // Open Graph type: "article" for posts, "website" otherwise
	AtomURL   string // the Atom feed
	RSSURL    string // the RSS feed
	Generator string // "Quire"
	NoIndex   bool   // the 404 page asks robots not to index it
}

// Link is a named link.
type Link struct {
	Name  string
	URL   string
	Count int // posts under it, on term and year lists
}

// PostRef is a post as lists show it.
type PostRef struct {
	Title      string
	URL        string
	Date       time.Time
	Summary    string // plain text, the start of the post
	Categories []Link
	Tags       []Link
}

// Pager links a list page to its neighbours.
type Pager struct {
	Number, Total int    // 1-based page number and page count
	Prev, Next    string // links; "" at the ends
}

// ListPage is the data of every page that is not a post: the home page and
// its pages ("index"), a category or tag ("list"), the archive ("archive")
// and the missing-page page ("404").
type ListPage struct {
	Site          Site
	Head          Head
	Kind          string // "index", "list", "archive" or "404"
	Title         string // the page's title ("" on the home page: the site title is used)
	Heading       string // the visible heading, e.g. "Tag: go"
	Description   string
	Posts         []PostRef
	Links         []Link // archive: the years, or the categories/tags with their counts
	Pager         Pager
	StylesheetURL string
	CSS           template.CSS
}

// PostPage is the data of a post's page.
type PostPage struct {
	Site        Site
	Title       string
	Description string // the post's summary as text, for <meta name="description">
	Date        time.Time
	Categories  []string
	Tags        []string
	// Content is the rendered post (render.Result.HTML). It is trusted: the
	// author's raw HTML is published as written.
	Content        template.HTML
	ReadingMinutes int
	// StylesheetURL links the site's stylesheet; when empty, StyleSheet() is
	// inlined, which makes the page stand alone (quire render --full).
	StylesheetURL string
	// CSS is set by RenderPost when the stylesheet is inlined.
	CSS template.CSS
	// Set by the export: the page's head, and the categories and tags as
	// links to their pages (the templates prefer them to Categories/Tags).
	Head          Head
	Author        string
	Updated       time.Time
	CategoryLinks []Link
	TagLinks      []Link
}

// Theme is a parsed theme.
type Theme struct {
	pages    map[string]*template.Template
	css      string
	hash     string
	warnings []string
}

// New parses a theme from fsys (templates/*.html and static/site.css).
func New(fsys fs.FS) (*Theme, error) {
	return newTheme(fsys)
}

// Over returns a theme folder laid over the default theme: each of its
// files (templates/NAME.html, static/site.css) replaces the default's, and
// what it lacks comes from the default.
func Over(fsys fs.FS) (*Theme, error) {
	return newTheme(overlay{fsys, defaultFS})
}

// overlay reads from top, falling back to bottom.
type overlay struct{ top, bottom fs.FS }

func (o overlay) Open(name string) (fs.File, error) {
	if f, err := o.top.Open(name); err == nil {
		return f, nil
	}
	return o.bottom.Open(name)
}

func (o overlay) Glob(pattern string) ([]string, error) {
	a, err := fs.Glob(o.top, pattern)
	if err != nil {
		return nil, err
	}
	b, err := fs.Glob(o.bottom, pattern)
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	var out []string
	for _, n := range append(a, b...) {
		if !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	sort.Strings(out)
	return out, nil
}

func newTheme(fsys fs.FS) (*Theme, error) {
	css, err := fs.ReadFile(fsys, "static/site.css")
	if err != nil {
		return nil, fmt.Errorf("theme: %w", err)
	}
	names, err := fs.Glob(fsys, "templates/*.html")
	if err != nil {
		return nil, fmt.Errorf("theme: %w", err)
	}
	shared := template.New("").Funcs(funcs)
	var pages []string
	for _, name := range names {
		if strings.HasPrefix(path.Base(name), "_") {
			if _, err := shared.ParseFS(fsys, name); err != nil {
				return nil, fmt.Errorf("theme: %w", err)
			}
		} else {
			pages = append(pages, name)
		}
	}
	h := sha256.New()
	h.Write(css)
	for _, name := range names {
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("theme: %w", err)
		}
		fmt.Fprintf(h, "\x00%s\x00%d\x00", name, len(b))
		h.Write(b)
	}
	t := &Theme{pages: map[string]*template.Template{}, css: string(css), hash: hex.EncodeToString(h.Sum(nil))}
	for _, name := range pages {
		page, err := shared.Clone()
		if err != nil {
			return nil, fmt.Errorf("theme: %s: %w", name, err)
		}
		if _, err := page.ParseFS(fsys, name); err != nil {
			return nil, fmt.Errorf("theme: %w", err)
		}
		if page.Lookup("base") == nil {
			return nil, fmt.Errorf("theme: %s: no \"base\" layout (templates/_base.html)", name)
		}
		t.pages[strings.TrimSuffix(path.Base(name), ".html")] = page
	}
	if t.pages["post"] == nil {
		return nil, fmt.Errorf("theme: no templates/post.html")
	}
	return t, nil
}

var funcs = template.FuncMap{
	"isoDate":  func(t time.Time) string { return t.Format(time.RFC3339) },
	"longDate": func(t time.Time) string { return t.Format("January 2, 2006") },
	"year":     func(t time.Time) int { return t.Year() },
}

// Default is the theme embedded in Quire.
var Default = sync.OnceValue(func() *Theme {
	t, err := New(defaultFS)
	if err != nil {
		panic(err) // the embedded theme is tested
	}
	return t
})

// CSS is the theme's site stylesheet (without the code highlight styles).
func (t *Theme) CSS() string { return t.css }

// StyleSheet is everything a page needs: the site CSS and the highlight CSS
// for light and dark. The export writes it as the site's stylesheet.
func (t *Theme) StyleSheet() string { return t.css + "\n" + render.HighlightCSS() }

// RenderPost writes a post's complete page.
func (t *Theme) RenderPost(w io.Writer, data PostPage) error {
	if data.StylesheetURL == "" {
		data.CSS = template.CSS(t.StyleSheet())
	}
	if err := t.pages["post"].ExecuteTemplate(&limitWriter{w, MaxPageSize}, "base", data); err != nil {
		return fmt.Errorf("theme: post page %q: %w", data.Title, err)
	}
	return nil
}

// RenderPostMeta writes the part of a post's page under its title: the
// date, reading time, categories and tags, as the post page shows them. The
// in-app preview shows it over the post, so that it reads like the page.
// A theme whose post.html defines no "post-meta" writes nothing.
func (t *Theme) RenderPostMeta(w io.Writer, data PostPage) error {
	page := t.pages["post"]
	if page.Lookup("post-meta") == nil {
		return nil
	}
	if err := page.ExecuteTemplate(&limitWriter{w, MaxPageSize}, "post-meta", data); err != nil {
		return fmt.Errorf("theme: post meta %q: %w", data.Title, err)
	}
	return nil
}

// Has reports whether the theme has a page template (e.g. "index").
func (t *Theme) Has(kind string) bool { return t.pages[kind] != nil }

// RenderList writes a page that is not a post with the template named by
// data.Kind ("index", "list", "archive", "404").
func (t *Theme) RenderList(w io.Writer, data ListPage) error {
	page := t.pages[data.Kind]
	if page == nil {
		return fmt.Errorf("theme: no template %s.html", data.Kind)
	}
	if data.StylesheetURL == "" {
		data.CSS = template.CSS(t.StyleSheet())
	}
	if err := page.ExecuteTemplate(&limitWriter{w, MaxPageSize}, "base", data); err != nil {
		return fmt.Errorf("theme: %s page %q: %w", data.Kind, data.Title, err)
	}
	return nil
}

// CSS is the default theme's site stylesheet.
func CSS() string { return Default().CSS() }

// StyleSheet is the default theme's site and highlight CSS together.
func StyleSheet() string { return Default().StyleSheet() }

// RenderPost writes a post's page with the default theme.
func RenderPost(w io.Writer, data PostPage) error { return Default().RenderPost(w, data) }
