package export

import (
	"fmt"
	"strings"
	"sync"
	"unicode"

	"golang.org/x/net/html"
	hatom "golang.org/x/net/html/atom"

	"quire/backend/post"
	"quire/backend/render"
)

// excerptVersion is part of the lists' key: a change to how excerpts are
// made remakes the list pages placed with the old ones.
const excerptVersion = "excerpt-2"

// excerptWords is how many words of a post's text a list shows when the post
// has neither a summary nor a <!--more--> divider.
const excerptWords = 40

// lazyExcerpt is a post's excerpt, made at most once: by the post's own
// render when its page is made, else when a list page that shows it is made
// (a re-export after one edit makes few of either).
type lazyExcerpt struct {
	once sync.Once
	text string
}

// get is the excerpt; make renders the post when nothing has yet.
func (l *lazyExcerpt) get(make func() (*post.Post, *render.Result, error)) string {
	l.once.Do(func() {
		if p, res, err := make(); err == nil {
			l.text = excerptOf(p, res)
		}
	})
	return l.text
}

// fill sets the excerpt from a render already done.
func (l *lazyExcerpt) fill(p *post.Post, res *render.Result) {
	l.once.Do(func() { l.text = excerptOf(p, res) })
}

// excerpt renders p and returns its excerpt (see excerptOf).
func excerpt(r *render.Renderer, p *post.Post) (string, error) {
	res, err := r.RenderBody([]byte(p.Body), 1)
	if err != nil {
		return "", fmt.Errorf("excerpt: %w", err)
	}
	return excerptOf(p, res), nil
}

// excerptOf is what a list shows of post p rendered as res, as plain text
// with one block (a paragraph, a heading, a list item) a line: the front
// matter's summary when there is one, else the text before <!--more-->,
// else the first words of the rendered text. Code, tables and scripts are
// left out: they read as noise in a sentence.
func excerptOf(p *post.Post, res *render.Result) string {
	if s := strings.Join(strings.Fields(p.Summary), " "); s != "" {
		return s
	}
	if res.Summary != "" {
		return blockText(res.Summary, 0)
	}
	return blockText(res.HTML, excerptWords)
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
