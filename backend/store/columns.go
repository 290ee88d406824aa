package store

import (
	"encoding/json"
	"strings"
	"time"
	"unicode/utf8"

	"quire/backend/post"
)

// columns are a post's values as the posts table stores them (lists as
// JSON, the date as text and as Unix seconds, the snippet lists show).
type columns struct {
	date       string
	dateUnix   any
	categories string
	tags       string
	extra      string
	excerpt    string
	original   string // post.EncodeOriginal of the front matter as written
}

func postColumns(p *post.Post) (columns, error) {
	var c columns
	if !p.Date.IsZero() {
		c.date = p.Date.Format(time.RFC3339Nano)
		c.dateUnix = p.Date.Unix()
	}
	cats, err := json.Marshal(nonNil(p.Categories))
	if err != nil {
		return c, err
	}
	tags, err := json.Marshal(nonNil(p.Tags))
	if err != nil {
		return c, err
	}
	extra, err := post.EncodeMap(p.Extra)
	if err != nil {
		return c, err
	}
	c.categories, c.tags, c.extra = string(cats), string(tags), string(extra)
	if c.original, err = post.EncodeOriginal(p.Original); err != nil {
		return c, err
	}
	// The excerpt needs 200 characters of text: look at the first kilobyte,
	// and further only when markup (an embed, say) takes most of it.
	c.excerpt = snippetOf(p.Body)
	return c, nil
}

// indexDoc is what the search index holds of p.
func (c columns) indexDoc(p *post.Post) indexDoc {
	return indexDoc{title: p.Title, body: p.Body, tags: c.tags, categories: c.categories}
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// prefix is at most the first n bytes of s, cut at a rune boundary.
func prefix(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// excerpt is the start of the text as one line, for lists.
func excerpt(body string, max int) string {
	if len(body) > 4*max {
		body = body[:4*max]
	}
	body = strings.ToValidUTF8(body, "")
	s := strings.Join(strings.Fields(body), " ")
	if len(s) <= max {
		return s
	}
	cut := max
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	if i := strings.LastIndexByte(s[:cut], ' '); i > max/2 {
		cut = i
	}
	return s[:cut] + "…"
}

// snippetOf is the start of a body as plain text, for lists. It needs 200
// characters of text: it looks at the first kilobyte, and further only when
// markup (an embed, say) takes most of it.
func snippetOf(body string) string {
	s := excerpt(plainText(prefix(body, 1024)), 200)
	if len(s) < 150 && len(body) > 1024 {
		s = excerpt(plainText(prefix(body, 8192)), 200)
	}
	return s
}
