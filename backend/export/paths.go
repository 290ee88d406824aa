package export

import (
	"fmt"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"quire/backend/post"
)

// checkPath is the guard every path passes before anything is written: a
// relative, slash-separated path of plain names, so nothing can land outside
// the folder or on a name some system refuses or treats specially.
func checkPath(rel string) error {
	bad := func(why string) error { return fmt.Errorf("export path %q %s: %w", rel, why, post.ErrInvalid) }
	if rel == "" || !utf8.ValidString(rel) {
		return bad("is empty or not UTF-8")
	}
	if strings.HasPrefix(rel, "/") || strings.Contains(rel, `\`) || strings.Contains(rel, ":") {
		return bad("is absolute or has a backslash or colon")
	}
	for _, seg := range strings.Split(rel, "/") {
		switch {
		case seg == "" || seg == "." || seg == "..":
			return bad("has an empty, . or .. element")
		case len(seg) > 255:
			return bad("has an element longer than 255 bytes")
		case strings.HasPrefix(seg, ".") && seg != ManifestName:
			return bad("has an element starting with a dot")
		case strings.HasSuffix(seg, ".") || strings.HasSuffix(seg, " "):
			return bad("has an element ending in a dot or space")
		case strings.ContainsAny(seg, `*?"<>|#%`):
			return bad(`has one of * ? " < > | # %`)
		case reservedName(seg):
			return bad("has a device name on Windows")
		}
		for _, r := range seg {
			if unicode.IsControl(r) || r == utf8.RuneError || unicode.Is(unicode.Bidi_Control, r) {
				return bad("has a control character")
			}
		}
	}
	return nil
}

func reservedName(seg string) bool {
	base, _, _ := strings.Cut(strings.ToLower(seg), ".")
	base = strings.TrimRight(base, " ")
	switch base {
	case "con", "prn", "aux", "nul":
		return true
	}
	return len(base) == 4 && (strings.HasPrefix(base, "com") || strings.HasPrefix(base, "lpt")) && base[3] >= '1' && base[3] <= '9'
}

// foldPath is the key under which two paths are the same file on a
// case-insensitive or normalising file system (macOS, Windows).
func foldPath(rel string) string {
	return strings.ToLower(norm.NFC.String(rel))
}

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
