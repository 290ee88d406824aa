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
	"embed"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"path"
	"strings"
	"sync"
	"time"

	"quire/backend/render"
)

//go:embed templates/*.html static/site.css
var defaultFS embed.FS

// Site is what every page knows about the site.
type Site struct {
	Title   string
	Lang    string // BCP 47, e.g. "en"; "en" when empty
	BaseURL string // the home page's URL; "/" when empty
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
}

// Theme is a parsed theme.
type Theme struct {
	pages map[string]*template.Template
	css   string
}

// New parses a theme from fsys (templates/*.html and static/site.css).
func New(fsys fs.FS) (*Theme, error) {
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
	t := &Theme{pages: map[string]*template.Template{}, css: string(css)}
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
	if err := t.pages["post"].ExecuteTemplate(w, "base", data); err != nil {
		return fmt.Errorf("theme: post page %q: %w", data.Title, err)
	}
	return nil
}

// CSS is the default theme's site stylesheet.
func CSS() string { return Default().CSS() }

// StyleSheet is the default theme's site and highlight CSS together.
func StyleSheet() string { return Default().StyleSheet() }

// RenderPost writes a post's page with the default theme.
func RenderPost(w io.Writer, data PostPage) error { return Default().RenderPost(w, data) }
