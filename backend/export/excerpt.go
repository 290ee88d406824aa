package export

import (
	"bufio"
	"bytes"
	"fmt"
	"strings"
	"unicode"

	"golang.org/x/net/html"
	hatom "golang.org/x/net/html/atom"

	"quire/backend/post"
	"quire/backend/render"
	"quire/backend/render/more"
)

// excerptVersion is part of the lists' key: a change to how excerpts are
// made remakes the list pages placed with the old ones.
const excerptVersion = "excerpt-2"

// excerptWords is how many words of a post's text a list shows when the post
// has neither a summary nor a <!--more--> divider.
const excerptWords = 40

// excerptHead is how much of the body is rendered to find its first words:
// enough for excerptWords after a long heading or a code block, cut at a
// blank line so no paragraph is cut in two.
const excerptHead = 4096

// excerpt is what a list shows of a post, as plain text with one block (a
// paragraph, a heading, a list item) a line: the front matter's summary when
// there is one, else the text before <!--more-->, else the first words of
// the rendered text. Code, tables and raw HTML's scripts are left out: they
// read as noise in a sentence.
func excerpt(r *render.Renderer, p *post.Post) (string, error) {
	if s := strings.Join(strings.Fields(p.Summary), " "); s != "" {
		return s, nil
	}
	body := p.Body
	if end, ok := dividerEnd(body); ok {
		res, err := r.RenderBody([]byte(body[:end]), 1)
		if err != nil {
			return "", fmt.Errorf("excerpt: %w", err)
		}
		if res.Summary != "" {
			return blockText(res.Summary, 0), nil
		}
	}
	res, err := r.RenderBody([]byte(headOf(body, excerptHead)), 1)
	if err != nil {
		return "", fmt.Errorf("excerpt: %w", err)
	}
	return blockText(res.HTML, excerptWords), nil
}

// dividerEnd is the end of the first line that reads as a <!--more-->
// divider (the renderer decides whether it is one: not in a fence).
func dividerEnd(body string) (int, bool) {
	sc := bufio.NewScanner(strings.NewReader(body))
	sc.Buffer(make([]byte, 0, 4096), len(body)+1)
	off := 0
	for sc.Scan() {
		line := sc.Bytes()
		off += len(line) + 1
		if bytes.Contains(line, []byte("<!--")) && more.IsDivider(line) {
			return min(off, len(body)), true
		}
	}
	return 0, false
}

// headOf is the start of body up to about n bytes, cut after a blank line.
func headOf(body string, n int) string {
	if len(body) <= n {
		return body
	}
	if i := strings.LastIndex(body[:n], "\n\n"); i > 0 {
		return body[:i+1]
	}
	return body[:n]
}

// skipped are the elements whose text stays out of an excerpt.
var skipped = map[hatom.Atom]bool{hatom.Pre: true, hatom.Table: true, hatom.Script: true, hatom.Style: true,
	hatom.Iframe: true, hatom.Svg: true, hatom.Math: true, hatom.Template: true, hatom.Noscript: true}

// blocks end a line of the excerpt.
var blocks = map[hatom.Atom]bool{hatom.P: true, hatom.H1: true, hatom.H2: true, hatom.H3: true, hatom.H4: true,
	hatom.H5: true, hatom.H6: true, hatom.Li: true, hatom.Blockquote: true, hatom.Div: true, hatom.Dt: true,
	hatom.Dd: true, hatom.Figcaption: true, hatom.Br: true, hatom.Hr: true, hatom.Ul: true, hatom.Ol: true,
	hatom.Dl: true, hatom.Section: true, hatom.Details: true, hatom.Summary: true}

// blockText is the text of an HTML fragment, one block a line, its spaces
// collapsed; with limit > 0, only the first limit words and "…" after them.
func blockText(fragment string, limit int) string {
	t := textWriter{limit: limit}
	z := html.NewTokenizer(strings.NewReader(fragment))
	skip := 0
	for !t.cut {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		name, hasAttr := z.TagName()
		a := hatom.Lookup(name)
		switch tt {
		case html.StartTagToken, html.SelfClosingTagToken:
			if skipped[a] && tt == html.StartTagToken {
				skip++
			}
			if blocks[a] {
				t.endLine()
			}
			if a == hatom.Img && skip == 0 {
				// An image counts by its alt text, as a reader without it hears it.
				for more := hasAttr; more; {
					var k, v []byte
					k, v, more = z.TagAttr()
					if string(k) == "alt" {
						t.text(string(v))
					}
				}
			}
		case html.EndTagToken:
			if skipped[a] && skip > 0 {
				skip--
				t.endLine()
			}
			if blocks[a] {
				t.endLine()
			}
		case html.TextToken:
			if skip == 0 {
				t.text(string(z.Text()))
			}
		}
	}
	t.endLine()
	out := strings.Join(t.lines, "\n")
	if t.cut {
		out += "…"
	}
	return out
}

// textWriter collects an excerpt's lines and counts their words.
type textWriter struct {
	lines       []string
	cur         strings.Builder
	limit       int
	words       int
	inWord, gap bool // in a word; a space is owed before the next one
	cut         bool
}

func (t *textWriter) text(s string) {
	for _, r := range s {
		if unicode.IsSpace(r) {
			t.gap = t.cur.Len() > 0
			t.inWord = false
			continue
		}
		if !t.inWord {
			if t.limit > 0 && t.words == t.limit {
				t.cut = true
				return
			}
			t.words++
			t.inWord = true
		}
		if t.gap {
			t.cur.WriteByte(' ')
			t.gap = false
		}
		t.cur.WriteRune(r)
	}
}

func (t *textWriter) endLine() {
	if s := t.cur.String(); s != "" {
		t.lines = append(t.lines, s)
	}
	t.cur.Reset()
	t.inWord, t.gap = false, false
}
