// Package headingid is a goldmark extension that gives every heading an id
// made from its text, unique within the document, for the table of contents
// and for links to sections.
//
// goldmark's own auto heading IDs slug the raw Markdown line (link URLs and
// all) and drop every non-ASCII letter, so "Über uns" became "ber-uns"; these
// follow GitHub: the heading's visible text, lower-cased, letters and digits
// of any script kept, spaces as hyphens, other punctuation dropped.
package headingid

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"quire/backend/render/internal/mdtext"
)

// Slug turns heading text into an id (without deduplication).
func Slug(s string) string { return string(appendSlug(nil, s)) }

// appendSlug appends the slug of s to dst: a document of thousands of
// headings slugs them all into one buffer. ASCII, most of any heading, is
// sorted byte by byte without decoding; other runes by their Unicode class.
func appendSlug(dst []byte, s string) []byte {
	start := len(dst)
	s = strings.TrimSpace(s)
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			switch {
			case 'a' <= c && c <= 'z', '0' <= c && c <= '9', c == '-', c == '_':
				dst = append(dst, c)
			case 'A' <= c && c <= 'Z':
				dst = append(dst, c+'a'-'A')
			case c == ' ', '\t' <= c && c <= '\r':
				dst = append(dst, '-')
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r):
			dst = utf8.AppendRune(dst, unicode.ToLower(r))
		case unicode.IsSpace(r):
			dst = append(dst, '-')
		}
	}
	if len(dst) == start {
		dst = append(dst, "section"...)
	}
	return dst
}

// Text is a heading's text as its id was made from.
type Text struct {
	Heading *ast.Heading
	Text    string // mdtext.Plain(Heading, source)
}

var textsKey = parser.NewContextKey()

// Texts returns the text of every heading the parse with pc gave an id, in
// document order, so that the table of contents need not work it out again.
func Texts(pc parser.Context) []Text {
	t, _ := pc.Get(textsKey).([]Text)
	return t
}

// idName is the attribute's name, made once rather than per heading.
var idName = []byte("id")

type transformer struct{}

func (transformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	used := map[string]bool{}
	// next is, per base, the first suffix not yet tried: every one below it
	// is taken, so a heading repeated thousands of times ("Installation" in
	// a long document of READMEs) is not checked against all its copies.
	next := map[string]int{}
	var texts []Text
	var slug []byte
	mdtext.WalkBlocks(doc, func(n ast.Node) {
		h, ok := n.(*ast.Heading)
		if !ok {
			return
		}
		text := mdtext.Plain(h, src)
		texts = append(texts, Text{h, text})
		slug = appendSlug(slug[:0], text)
		var id string
		if !used[string(slug)] {
			id = string(slug)
		} else {
			base := string(slug)
			i := max(next[base], 1)
			for id = base + "-" + strconv.Itoa(i); used[id]; id = base + "-" + strconv.Itoa(i) {
				i++
			}
			next[base] = i + 1
		}
		used[id] = true
		h.SetAttribute(idName, []byte(id))
	})
	if texts != nil {
		pc.Set(textsKey, texts)
	}
}

type extension struct{}

// New returns the extension.
func New() goldmark.Extender { return extension{} }

func (extension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(transformer{}, 100)))
}
