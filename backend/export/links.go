package export

import (
	"fmt"
	"html"
	"path"
	"strings"

	"quire/backend/post"
)

// linkIndex finds posts by what a Markdown link may name: the slug, or the
// file the post was imported from.
type linkIndex map[string]string // lower-case name -> permalink URL

func (ix linkIndex) add(name, url string) {
	if name != "" {
		ix[strings.ToLower(name)] = url
	}
}

// rewriteLinks turns relative links to posts ([x](other-post.md)) into their
// permalinks and reports relative links to posts or files that are not in
// the site, with the line in the post's file.
func rewriteLinks(htmlText, body string, bodyLine int, ix linkIndex) (string, []post.Warning) {
	var warns []post.Warning
	out := replaceURLAttrs(htmlText, func(m, attr, val string) string {
		raw := html.UnescapeString(val)
		if raw == "" || strings.HasPrefix(raw, "#") || strings.HasPrefix(raw, "/") || strings.HasPrefix(raw, "?") {
			return m
		}
		if i := strings.IndexAny(raw, ":/?#"); i >= 0 && raw[i] == ':' {
			return m // has a scheme: mailto:, https:, ...
		}
		target, frag := raw, ""
		if i := strings.IndexAny(raw, "?#"); i >= 0 {
			target, frag = raw[:i], raw[i:]
		}
		clean := strings.TrimSuffix(path.Clean(target), "/")
		base := path.Base(clean)
		ext := strings.ToLower(path.Ext(base))
		name := base
		if ext == ".md" || ext == ".markdown" {
			name = strings.TrimSuffix(base, path.Ext(base))
		}
		url, ok := ix[strings.ToLower(name)]
		if !ok && len(name) > 11 && jekyllDate(name) {
			// A Jekyll file name: 2018-01-05-slug.md is the post "slug".
			url, ok = ix[strings.ToLower(name[11:])]
		}
		if ok && (ext == ".md" || ext == ".markdown" || ext == "" || ext == ".html") {
			return fmt.Sprintf(`%s="%s"`, attr, html.EscapeString(url+frag))
		}
		what := "a file that is not part of the site"
		if ext == ".md" || ext == ".markdown" || ext == "" {
			what = "a post that does not exist"
		}
		warns = append(warns, post.Warning{Line: lineOf(body, raw, bodyLine), Message: fmt.Sprintf("link to %s: %s", what, raw)})
		return m
	})
	return out, warns
}

// lineOf finds the line of the file where s first appears in the body.
func lineOf(body, s string, bodyLine int) int {
	i := strings.Index(body, "("+s)
	if i < 0 {
		i = strings.Index(body, s)
	}
	if i < 0 {
		return 0
	}
	return bodyLine + strings.Count(body[:i], "\n")
}

// replaceURLAttrs calls f for every href="..." and src="..." in s (goldmark
// writes attributes in double quotes) and puts back what it returns.
func replaceURLAttrs(s string, f func(match, attr, val string) string) string {
	var b strings.Builder
	last := 0
	for i := 0; i < len(s); {
		j := strings.IndexAny(s[i:], "hs")
		if j < 0 {
			break
		}
		i += j
		attr := ""
		switch {
		case strings.HasPrefix(s[i:], `href="`):
			attr = "href"
		case strings.HasPrefix(s[i:], `src="`):
			attr = "src"
		}
		if attr == "" || (i > 0 && s[i-1] != ' ') {
			i++
			continue
		}
		start := i + len(attr) + 2
		end := strings.IndexByte(s[start:], '"')
		if end < 0 {
			break
		}
		end += start
		if b.Len() == 0 {
			b.Grow(len(s) + 64)
		}
		b.WriteString(s[last:i])
		b.WriteString(f(s[i:end+1], attr, s[start:end]))
		last = end + 1
		i = last
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// jekyllDate reports whether name starts with "YYYY-MM-DD-".
func jekyllDate(name string) bool {
	for i, c := range name[:11] {
		switch i {
		case 4, 7, 10:
			if c != '-' {
				return false
			}
		default:
			if c < '0' || c > '9' {
				return false
			}
		}
	}
	return true
}
