package export

import (
	"fmt"
	"strings"
	"sync"
	"time"

	"quire/backend/post"
)

// segments caches segment: every list shows each post's terms.
var segments sync.Map

// segment makes a safe path element of a name (a category or tag).
func segment(name string) string {
	if s, ok := segments.Load(name); ok {
		return s.(string)
	}
	s := post.Slugify(name)
	segments.Store(name, s)
	return s
}

// permalink fills a permalink pattern; the result is a slash path relative
// to the site root, ending in "/" (a folder with index.html) or ".html".
func permalink(pattern, slug string, date time.Time, categories []string) string {
	var cats []string
	for _, c := range categories {
		if s := segment(c); s != "" {
			cats = append(cats, s)
		}
	}
	r := strings.NewReplacer(
		":categories", strings.Join(cats, "/"),
		":year", fmt.Sprintf("%04d", date.Year()),
		":month", fmt.Sprintf("%02d", int(date.Month())),
		":day", fmt.Sprintf("%02d", date.Day()),
		":slug", slug,
		":title", slug,
	)
	out := r.Replace(pattern)
	for strings.Contains(out, "//") { // no categories
		out = strings.ReplaceAll(out, "//", "/")
	}
	return strings.TrimPrefix(out, "/")
}

// fileOf is the file a permalink is served from.
func fileOf(link string) string {
	if link == "" || strings.HasSuffix(link, "/") {
		return link + "index.html"
	}
	return link
}
