package export

import (
	"fmt"
	"html"
	"path"
	"regexp"
	"strings"

	"quire/backend/post"
)

var attrURL = regexp.MustCompile(`(href|src)="([^"]*)"`)

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
	out := attrURL.ReplaceAllStringFunc(htmlText, func(m string) string {
		sub := attrURL.FindStringSubmatch(m)
		attr, raw := sub[1], html.UnescapeString(sub[2])
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
		if url, ok := ix[strings.ToLower(name)]; ok && (ext == ".md" || ext == ".markdown" || ext == "" || ext == ".html") {
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
