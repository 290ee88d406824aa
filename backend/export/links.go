package export

import (
	"context"
	"fmt"
	"html"
	"net/url"
	"path"
	"sort"
	"strings"

	"quire/backend/post"
	"quire/backend/render/shortcode"
	"quire/backend/store"
)

// linkIndex finds posts by what a Markdown link may name: the slug, or the
// file the post was imported from.
type linkIndex map[string]string // lower-case name -> permalink URL

func (ix linkIndex) add(name, url string) {
	if name != "" {
		ix[strings.ToLower(name)] = url
	}
}

// lookup finds a post by a name a link may give: its slug, or a Jekyll
// file name (2018-01-05-slug is the post "slug").
func (ix linkIndex) lookup(name string) (string, bool) {
	url, ok := ix[strings.ToLower(name)]
	if !ok && len(name) > 11 && jekyllDate(name) {
		url, ok = ix[strings.ToLower(name[11:])]
	}
	return url, ok
}

// resolve finds the post that a shortcode names (Hugo's ref "posts/other.md",
// a page bundle's "other/index.md", Jekyll's post_url
// "2020-01-01-first-post" or link "_posts/2020-01-01-first-post.md").
func (ix linkIndex) resolve(target string) (string, bool) {
	clean := strings.TrimSuffix(path.Clean(strings.TrimSpace(target)), "/")
	name := path.Base(clean)
	switch ext := strings.ToLower(path.Ext(name)); ext {
	case ".md", ".markdown", ".html":
		name = strings.TrimSuffix(name, path.Ext(name))
	}
	if name == "index" || name == "_index" {
		name = path.Base(path.Dir(clean))
	}
	return ix.lookup(name)
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
		url, ok := ix.lookup(name)
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

// shortcodeConfig is what Hugo shortcodes and Liquid tags need from the
// site: ref and post_url resolve to permalinks, site.baseurl is the base
// path without its last slash and site.url the scheme and host, include
// reads the _includes files kept at import.
func shortcodeConfig(si siteInfo, ix linkIndex, in includeSet) shortcode.Config {
	c := shortcode.Config{Resolve: ix.resolve, BaseURL: strings.TrimSuffix(si.basePath, "/")}
	if in != nil {
		c.Include = shortcode.Includes(in).Lookup
	}
	if u, err := url.Parse(si.base); err == nil && u.Host != "" {
		c.SiteURL = u.Scheme + "://" + u.Host
	}
	return c
}

// includeSet is an imported Jekyll site's _includes files, nil when none
// was imported.
type includeSet shortcode.Includes

func (in includeSet) names() []string {
	out := make([]string, 0, len(in))
	for k := range in {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// storedIncludes reads the _includes files the import kept. An unreadable
// value is as if none were kept: each include is then a warning.
func storedIncludes(ctx context.Context, st *store.Store) (includeSet, error) {
	v, ok, err := st.GetSetting(ctx, shortcode.IncludesSetting)
	if err != nil || !ok {
		return nil, err
	}
	in, err := shortcode.DecodeIncludes(v)
	if err != nil {
		return nil, nil
	}
	return includeSet(in), nil
}
