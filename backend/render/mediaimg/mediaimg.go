// Package mediaimg rewrites the <img> elements of rendered HTML that show a
// file of the media library (src="media/NAME"): the preview points them at
// the app's media handler, the export at the site's /media/ folder, and
// both give them width and height (so the page does not jump while they
// load) and, in the export, a srcset of the resized copies.
//
// It works on the HTML the renderer wrote (goldmark's <img> and the
// author's raw HTML) without parsing the rest of the page.
package mediaimg

import (
	"html"
	"regexp"
	"strconv"
	"strings"
)

// Image is what an <img> of a media file becomes.
type Image struct {
	Src           string // the new src
	Width, Height int    // 0: leave out
	Srcset, Sizes string // "": leave out
	Lazy          bool   // loading="lazy" decoding="async"
}

// Lookup says what the media file name becomes; false leaves the element
// as it is.
type Lookup func(name string) (Image, bool)

// srcRE matches a src that names a media file: media/NAME or ./media/NAME.
var srcRE = regexp.MustCompile(`^(?:\./)?media/([0-9a-f]{16,64}\.(?:png|jpg|gif|webp|svg))$`)

// Name returns the media file name a src refers to, if it refers to one.
func Name(src string) (string, bool) {
	m := srcRE.FindStringSubmatch(src)
	if m == nil {
		return "", false
	}
	return m[1], true
}

// Rewrite rewrites every <img> in h whose src names a media file, as look
// says.
func Rewrite(h string, look Lookup) string {
	if !strings.Contains(h, "media/") {
		return h
	}
	var b strings.Builder
	last := 0
	for i := 0; i < len(h); {
		j := strings.IndexByte(h[i:], '<')
		if j < 0 {
			break
		}
		start := i + j
		if len(h) < start+5 || !strings.EqualFold(h[start+1:start+4], "img") || !isSpace(h[start+4]) {
			i = start + 1
			continue
		}
		end := tagEnd(h, start+4)
		if end < 0 {
			break
		}
		tag, ok := rewriteTag(h[start:end+1], look)
		if ok {
			if b.Len() == 0 {
				b.Grow(len(h) + 256)
			}
			b.WriteString(h[last:start])
			b.WriteString(tag)
			last = end + 1
		}
		i = end + 1
	}
	if last == 0 {
		return h
	}
	b.WriteString(h[last:])
	return b.String()
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }

// tagEnd finds the '>' that closes the tag, skipping quoted values.
func tagEnd(h string, i int) int {
	var quote byte
	for ; i < len(h); i++ {
		c := h[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '>':
			return i
		}
	}
	return -1
}

type attr struct {
	name             string
	value            string // unescaped
	valStart, valEnd int    // the raw value's bounds in the tag (quotes excluded); -1 without a value
}

// attrs reads the attributes of a tag ("<img a=b ...>").
func attrs(tag string) []attr {
	var out []attr
	i := 4 // after "<img"
	n := len(tag) - 1
	for i < n {
		for i < n && (isSpace(tag[i]) || tag[i] == '/') {
			i++
		}
		s := i
		for i < n && !isSpace(tag[i]) && tag[i] != '=' && tag[i] != '/' {
			i++
		}
		if s == i {
			break
		}
		a := attr{name: strings.ToLower(tag[s:i]), valStart: -1, valEnd: -1}
		for i < n && isSpace(tag[i]) {
			i++
		}
		if i < n && tag[i] == '=' {
			i++
			for i < n && isSpace(tag[i]) {
				i++
			}
			if i < n && (tag[i] == '"' || tag[i] == '\'') {
				q := tag[i]
				e := strings.IndexByte(tag[i+1:], q)
				if e < 0 {
					return out
				}
				a.valStart, a.valEnd = i+1, i+1+e
				i = a.valEnd + 1
			} else {
				vs := i
				for i < n && !isSpace(tag[i]) {
					i++
				}
				a.valStart, a.valEnd = vs, i
			}
			a.value = html.UnescapeString(tag[a.valStart:a.valEnd])
		}
		out = append(out, a)
	}
	return out
}

func rewriteTag(tag string, look Lookup) (string, bool) {
	as := attrs(tag)
	var src *attr
	has := map[string]bool{}
	for k := range as {
		has[as[k].name] = true
		if as[k].name == "src" && src == nil && as[k].valStart >= 0 {
			src = &as[k]
		}
	}
	if src == nil {
		return tag, false
	}
	name, ok := Name(src.value)
	if !ok {
		return tag, false
	}
	im, ok := look(name)
	if !ok {
		return tag, false
	}
	var extra strings.Builder
	add := func(k, v string) {
		if !has[k] {
			extra.WriteString(" " + k + `="` + html.EscapeString(v) + `"`)
		}
	}
	if im.Width > 0 && im.Height > 0 && !has["width"] && !has["height"] {
		add("width", strconv.Itoa(im.Width))
		add("height", strconv.Itoa(im.Height))
	}
	if im.Srcset != "" {
		add("srcset", im.Srcset)
		if im.Sizes != "" {
			add("sizes", im.Sizes)
		}
	}
	if im.Lazy {
		add("loading", "lazy")
		add("decoding", "async")
	}
	// The new src, in the quotes the value had (or in double quotes).
	before, after := tag[:src.valStart], tag[src.valEnd:]
	newSrc := html.EscapeString(im.Src)
	if src.valStart > 0 && tag[src.valStart-1] != '"' && tag[src.valStart-1] != '\'' {
		newSrc = `"` + newSrc + `"`
	}
	out := before + newSrc + after
	// The extra attributes go before "/>" or ">".
	close := len(out) - 1
	if close > 0 && out[close-1] == '/' {
		close--
	}
	return strings.TrimRight(out[:close], " \t\n") + extra.String() + spaceBefore(out[close:]) + out[close:], true
}

// spaceBefore keeps XHTML's " />" spacing.
func spaceBefore(end string) string {
	if strings.HasPrefix(end, "/") {
		return " "
	}
	return ""
}
