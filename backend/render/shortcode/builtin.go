package shortcode

import (
	"fmt"
	"html"
	"net/url"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/parser"

	"quire/backend/render/safeurl"
)

// result is what a tag renders to. A tag that stands for a URL or a value
// (ref, post_url, {{ site.baseurl }}) has it in value, so that it can go
// into a link's destination.
type result struct {
	html    string
	value   string
	isValue bool
}

func htmlOf(s string) result { return result{html: s} }

func valueOf(s string) result { return result{html: html.EscapeString(s), value: s, isValue: true} }

// evaluator renders the tags of one post.
type evaluator struct {
	c    Config
	page Page
	pc   parser.Context
	// include holds {% include %}'s parameters while its file is expanded.
	include map[string]string
	depth   int
	// steps counts the loop turns of the post's site shortcodes.
	steps int
}

func (ev *evaluator) warn(pos int, format string, args ...any) {
	warn(ev.pc, pos, fmt.Sprintf(format, args...))
}

// eval renders a tag at pos; inner is the text between a raw-bodied pair.
func (ev *evaluator) eval(t *Tag, pos int, block bool, inner string) result {
	if t.Syntax == Output {
		return ev.output(t, pos, block)
	}
	name := strings.ToLower(t.Name)
	if t.Syntax == Liquid {
		switch name {
		case "highlight":
			lang := t.Positional(0)
			o := hlOptions{lineNumbers: t.Has("linenos")}
			if v := t.Get("mark_lines", -1); v != "" {
				o.hlLines = parseLineRanges(v)
			}
			return htmlOf(highlightCode(lang, inner, o))
		case "comment":
			return htmlOf("")
		case "post_url", "link":
			return ev.ref(t, pos, block)
		case "include":
			return ev.includeFile(t, pos, block)
		case "gist":
			return ev.gist(t, pos, block)
		case "twitter":
			if u := t.Positional(0); u != "" {
				return htmlOf(linkCard("Post on X", u))
			}
		}
		return ev.unknown(t, pos, block)
	}
	switch name {
	case "youtube":
		id := t.Get("id", 0)
		if id == "" {
			break
		}
		title := t.Get("title", -1)
		if title == "" {
			title = "YouTube video"
		}
		src := "https://www.youtube.com/embed/" + url.PathEscape(id)
		if s := t.Get("start", -1); s != "" {
			src += "?start=" + url.QueryEscape(s)
		}
		return htmlOf(iframe(src, title))
	case "vimeo":
		id := t.Get("id", 0)
		if id == "" {
			break
		}
		title := t.Get("title", -1)
		if title == "" {
			title = "Vimeo video"
		}
		return htmlOf(iframe("https://player.vimeo.com/video/"+url.PathEscape(id), title))
	case "figure":
		return ev.figure(t, pos)
	case "highlight":
		o := parseHugoOptions(t.Positional(1))
		return htmlOf(highlightCode(t.Get("lang", 0), inner, o))
	case "ref", "relref":
		return ev.ref(t, pos, block)
	case "param":
		key := t.Get("name", 0)
		if v, ok := ev.param(key); ok {
			return valueOf(v)
		}
		ev.warn(pos, "param %q is not in the post's front matter", key)
		return valueOf("")
	case "gist":
		return ev.gist(t, pos, block)
	case "x", "tweet":
		id := t.Get("id", 0)
		if id == "" {
			break
		}
		user := t.Get("user", -1)
		if user == "" {
			user = "i"
		}
		return htmlOf(linkCard("Post on X", "https://x.com/"+url.PathEscape(user)+"/status/"+url.PathEscape(id)))
	case "instagram":
		id := t.Get("id", 0)
		if id == "" {
			break
		}
		return htmlOf(linkCard("Instagram post", "https://www.instagram.com/p/"+url.PathEscape(id)+"/"))
	case "comment":
		return htmlOf("")
	default:
		return ev.site(t, pos, block, inner)
	}
	ev.warn(pos, "shortcode '%s' needs an id", t.Name)
	return placeholder(t, block)
}

func (ev *evaluator) param(key string) (string, bool) {
	if key == "" {
		return "", false
	}
	if strings.EqualFold(key, "title") && ev.page.Title != "" {
		return ev.page.Title, true
	}
	if ev.page.Param != nil {
		return ev.page.Param(key)
	}
	return "", false
}

func (ev *evaluator) unknown(t *Tag, pos int, block bool) result {
	what := "shortcode"
	if t.Syntax == Liquid {
		what = "Liquid tag"
	}
	ev.warn(pos, "unknown %s '%s'", what, t.Name)
	return placeholder(t, block)
}

// placeholder is what an unknown tag shows: its name, marked, never its
// raw syntax.
func placeholder(t *Tag, block bool) result {
	what := "Shortcode"
	switch t.Syntax {
	case Liquid:
		what = "Liquid tag"
	case Output:
		what = "Liquid variable"
	}
	name := html.EscapeString(t.Name)
	if block {
		return htmlOf(`<div class="shortcode-unknown"><span class="shortcode-unknown-label">` + what +
			` not rendered</span> <code>` + name + `</code></div>`)
	}
	return htmlOf(`<span class="shortcode-unknown" title="` + what + ` not rendered">` + name + `</span>`)
}

func iframe(src, title string) string {
	return `<iframe src="` + html.EscapeString(src) + `" title="` + html.EscapeString(title) +
		`" allow="accelerometer; autoplay; clipboard-write; encrypted-media; gyroscope; picture-in-picture; web-share"` +
		` referrerpolicy="strict-origin-when-cross-origin" allowfullscreen loading="lazy"></iframe>`
}

// linkCard is a third-party post as a plain link: no script of theirs runs.
func linkCard(label, href string) string {
	h := html.EscapeString(href)
	return `<div class="link-card"><span class="link-card-label">` + html.EscapeString(label) +
		`</span>` + "\n" + `<a class="link-card-link" href="` + h + `">` + h + `</a></div>`
}

func (ev *evaluator) gist(t *Tag, pos int, block bool) result {
	user, id, file := t.Positional(0), t.Positional(1), t.Positional(2)
	if t.Syntax == Liquid {
		// {% gist user/id file %} or {% gist id %}
		user, id, file = "", t.Positional(0), t.Positional(1)
		if u, i, ok := strings.Cut(id, "/"); ok {
			user, id = u, i
		}
	}
	if id == "" {
		ev.warn(pos, "gist needs a user and an id")
		return placeholder(t, block)
	}
	href := "https://gist.github.com/"
	if user != "" {
		href += url.PathEscape(user) + "/"
	}
	href += url.PathEscape(id)
	if file != "" {
		href += "#file-" + url.PathEscape(strings.ReplaceAll(file, ".", "-"))
	}
	return htmlOf(linkCard("GitHub Gist", href))
}

func (ev *evaluator) figure(t *Tag, pos int) result {
	src := t.Get("src", -1)
	if src == "" {
		ev.warn(pos, "figure needs a src")
		return placeholder(t, true)
	}
	if src = ev.safe(src, pos); src == "" {
		return placeholder(t, true)
	}
	var b strings.Builder
	b.WriteString("<figure")
	if c := t.Get("class", -1); c != "" {
		b.WriteString(` class="` + html.EscapeString(c) + `"`)
	}
	b.WriteString(">")
	link := ev.safe(t.Get("link", -1), pos)
	if link != "" {
		b.WriteString(`<a href="` + html.EscapeString(link) + `">`)
	}
	b.WriteString(`<img src="` + html.EscapeString(src) + `" alt="` + html.EscapeString(t.Get("alt", -1)) + `"`)
	for _, k := range []string{"width", "height"} {
		if v := t.Get(k, -1); v != "" {
			b.WriteString(` ` + k + `="` + html.EscapeString(v) + `"`)
		}
	}
	b.WriteString(">")
	if link != "" {
		b.WriteString("</a>")
	}
	title, caption := t.Get("title", -1), t.Get("caption", -1)
	if title != "" || caption != "" {
		b.WriteString("<figcaption>")
		if title != "" {
			b.WriteString("<h4>" + html.EscapeString(title) + "</h4>")
		}
		if caption != "" {
			b.WriteString("<p>" + html.EscapeString(caption) + "</p>")
		}
		b.WriteString("</figcaption>")
	}
	b.WriteString("</figure>")
	return htmlOf(b.String())
}

// safe drops a URL that could run script, as safeurl does for Markdown links.
func (ev *evaluator) safe(u string, pos int) string {
	if u != "" && safeurl.Dangerous(u) {
		ev.warn(pos, "dropped the URL %q: its scheme can run script", u)
		return ""
	}
	return u
}

// ref renders ref, relref, post_url and link: the target post's permalink.
func (ev *evaluator) ref(t *Tag, pos int, block bool) result {
	target := t.Get("path", 0)
	if target == "" {
		ev.warn(pos, "%s needs the post it links to", t.Name)
		return placeholder(t, block)
	}
	frag := ""
	if i := strings.IndexByte(target, '#'); i >= 0 {
		target, frag = target[:i], target[i:]
	}
	if target == "" {
		return valueOf(frag)
	}
	if ev.c.Resolve == nil {
		return valueOf(target + frag)
	}
	if u, ok := ev.c.Resolve(target); ok {
		return valueOf(u + frag)
	}
	ev.warn(pos, "%s: no post %q in the site", t.Name, target)
	return valueOf("#")
}

func (ev *evaluator) includeFile(t *Tag, pos int, block bool) result {
	name := t.Positional(0)
	if ev.c.Include == nil {
		ev.warn(pos, "include %q: the site's _includes folder is not available", name)
		return placeholder(t, block)
	}
	b, ok := ev.c.Include(name)
	if !ok {
		ev.warn(pos, "include %q: no such file in _includes", name)
		return placeholder(t, block)
	}
	if strings.Contains(string(b), "{%") {
		ev.warn(pos, "include %q uses Liquid tags, which Quire does not run", name)
		return placeholder(t, block)
	}
	if ev.depth > 0 {
		ev.warn(pos, "include %q inside an include is not run", name)
		return placeholder(t, block)
	}
	args := map[string]string{}
	for _, a := range t.Args {
		if a.Key != "" {
			args[a.Key] = a.Val
		}
	}
	saved := ev.include
	ev.include, ev.depth = args, ev.depth+1
	out := ev.expand(string(b), pos)
	ev.include, ev.depth = saved, ev.depth-1
	return htmlOf(strings.TrimRight(out, "\n"))
}

// expand replaces the output tags and URL tags in s (an include's text, a
// link's destination) with their values.
func (ev *evaluator) expand(s string, pos int) string {
	var b strings.Builder
	for {
		i := strings.Index(s, "{")
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		s = s[i:]
		t, ok := lexTag([]byte(s))
		if !ok || !(t.Syntax == Output || shapeOf(&t) == shapeInline && !isCloser(&t)) {
			b.WriteByte('{')
			s = s[1:]
			continue
		}
		r := ev.eval(&t, pos, false, "")
		if r.isValue {
			b.WriteString(r.value)
		} else {
			b.WriteString(r.html)
		}
		s = s[t.Len:]
	}
}

// output evaluates {{ expression | filter }}.
func (ev *evaluator) output(t *Tag, pos int, block bool) result {
	parts := splitFilters(t.Name)
	v, ok := ev.variable(strings.TrimSpace(parts[0]))
	if !ok {
		ev.warn(pos, "unknown Liquid variable '%s'", strings.TrimSpace(parts[0]))
		return placeholder(t, block)
	}
	for _, f := range parts[1:] {
		f = strings.TrimSpace(f)
		switch f {
		case "relative_url":
			v = ev.relativeURL(v)
		case "absolute_url":
			v = ev.absoluteURL(v)
		case "escape", "xml_escape", "uri_escape", "strip":
			// Written out escaped in any case.
		case "downcase":
			v = strings.ToLower(v)
		case "upcase":
			v = strings.ToUpper(v)
		default:
			ev.warn(pos, "Liquid filter '%s' is not supported: the value is shown unfiltered", f)
		}
	}
	return valueOf(v)
}

func splitFilters(s string) []string {
	var parts []string
	var q byte
	last := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case q != 0:
			if c == q {
				q = 0
			}
		case c == '"' || c == '\'':
			q = c
		case c == '|':
			parts = append(parts, s[last:i])
			last = i + 1
		}
	}
	return append(parts, s[last:])
}

func (ev *evaluator) variable(expr string) (string, bool) {
	if len(expr) >= 2 && (expr[0] == '"' || expr[0] == '\'') && expr[len(expr)-1] == expr[0] {
		return expr[1 : len(expr)-1], true
	}
	root, key, _ := strings.Cut(expr, ".")
	switch root {
	case "site":
		switch key {
		case "baseurl":
			return ev.c.BaseURL, true
		case "url":
			return ev.c.SiteURL, true
		}
	case "page":
		return ev.param(key)
	case "include":
		if ev.include != nil {
			v, ok := ev.include[key]
			if !ok {
				return "", true // Liquid prints nothing for a parameter not given
			}
			return v, true
		}
	}
	return "", false
}

// relativeURL is Jekyll's relative_url: the base path in front of a path.
func (ev *evaluator) relativeURL(p string) string {
	if p == "" || strings.Contains(p, "://") || strings.HasPrefix(p, "//") {
		return p
	}
	base := strings.TrimSuffix(ev.c.BaseURL, "/")
	if base != "" && !strings.HasPrefix(base, "/") {
		base = "/" + base
	}
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	return base + p
}

func (ev *evaluator) absoluteURL(p string) string {
	if strings.Contains(p, "://") {
		return p
	}
	return strings.TrimSuffix(ev.c.SiteURL, "/") + ev.relativeURL(p)
}

// parseHugoOptions reads highlight's options: "linenos=table,hl_lines=2 4-5,linenostart=10".
func parseHugoOptions(s string) hlOptions {
	var o hlOptions
	for _, kv := range strings.Split(s, ",") {
		k, v, _ := strings.Cut(strings.TrimSpace(kv), "=")
		switch strings.TrimSpace(k) {
		case "linenos":
			v = strings.TrimSpace(v)
			o.lineNumbers = v != "false" && v != ""
			o.inline = v == "inline"
		case "hl_lines":
			o.hlLines = parseLineRanges(v)
		case "linenostart":
			if n, err := strconv.Atoi(strings.TrimSpace(v)); err == nil && n >= 0 && n < 1e9 {
				o.start = n
			}
		}
	}
	return o
}

// parseLineRanges reads "2 4-5" (or with commas, or in brackets).
func parseLineRanges(s string) [][2]int {
	var out [][2]int
	s = strings.Trim(strings.TrimSpace(s), "[]\"")
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == ',' }) {
		l, h, found := strings.Cut(strings.Trim(f, `"`), "-")
		lo, err := strconv.Atoi(l)
		if err != nil {
			continue
		}
		hi := lo
		if found {
			if hi, err = strconv.Atoi(h); err != nil {
				continue
			}
		}
		if lo < 1 || hi < lo || hi-lo > 1e6 {
			continue
		}
		out = append(out, [2]int{lo, hi})
	}
	return out
}
