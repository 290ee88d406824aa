// Package mdtext holds the small helpers Quire's goldmark extensions share:
// turning byte offsets into line numbers and an AST into plain text.
package mdtext

import (
	"bytes"
	"html"
	"sort"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/util"
)

// LineIndex maps byte offsets in a source to 1-based line numbers.
type LineIndex struct {
	starts []int // offset at which each line starts; starts[0] == 0
}

// NewLineIndex indexes src. It costs one pass of bytes.IndexByte, so callers
// build it lazily, only when a line number is actually wanted.
func NewLineIndex(src []byte) *LineIndex {
	starts := make([]int, 1, 1+bytes.Count(src, []byte{'\n'}))
	for off := 0; ; {
		i := bytes.IndexByte(src[off:], '\n')
		if i < 0 {
			break
		}
		off += i + 1
		starts = append(starts, off)
	}
	return &LineIndex{starts: starts}
}

// Line returns the 1-based line holding offset pos (clamped to the source).
func (ix *LineIndex) Line(pos int) int {
	if pos < 0 {
		return 1
	}
	// The first line start greater than pos is one past pos's line.
	return sort.SearchInts(ix.starts, pos+1)
}

// Plain returns the text of n's inline content as a reader sees it: escapes
// and entities resolved, typographic substitutions applied, markup dropped,
// soft line breaks as spaces. Raw HTML is markup, so it is left out.
func Plain(n ast.Node, src []byte) string {
	var b strings.Builder
	writePlain(&b, n, src)
	return strings.TrimSpace(b.String())
}

func writePlain(b *strings.Builder, n ast.Node, src []byte) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			v := c.Segment.Value(src)
			if !c.IsRaw() {
				v = util.UnescapePunctuations(v)
				v = util.ResolveNumericReferences(v)
				v = util.ResolveEntityNames(v)
			}
			b.Write(v)
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			if c.IsCode() {
				// Typographer substitutions are entities such as &rsquo;.
				b.WriteString(html.UnescapeString(string(c.Value)))
			} else {
				b.Write(c.Value)
			}
		case *ast.RawHTML:
			// markup, not text
		default:
			writePlain(b, c, src)
		}
	}
}

// WalkBlocks calls fn for every block node under n (n included), in document
// order, without visiting inline nodes: cheaper than ast.Walk for passes that
// only look at blocks.
func WalkBlocks(n ast.Node, fn func(ast.Node)) {
	fn(n)
	switch n.Kind() {
	case ast.KindParagraph, ast.KindTextBlock, ast.KindHeading, east.KindTableCell:
		// Leaf blocks: what they hold is inline (and in a long post, most
		// of the tree).
		return
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if c.Type() == ast.TypeBlock {
			WalkBlocks(c, fn)
		}
	}
}
