package fastparse

import (
	"bytes"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// GFM is extension.GFM with the stand-ins for its linkify parser and table
// cell renderer.
var GFM goldmark.Extender = gfm{}

type gfm struct{}

func (gfm) Extend(m goldmark.Markdown) {
	Linkify.Extend(m)
	Table.Extend(m)
	extension.Strikethrough.Extend(m)
	extension.TaskList.Extend(m)
}

// Table is extension.Table with a faster renderer for its cells.
var Table goldmark.Extender = table{}

type table struct{}

func (table) Extend(m goldmark.Markdown) {
	extension.Table.Extend(m)
	m.Renderer().AddOptions(renderer.WithNodeRenderers(
		util.Prioritized(newTableCellRenderer(), 499), // ahead of goldmark's (500)
	))
}

// Linkify is extension.Linkify with a parser that asks goldmark's only where
// a link can start.
var Linkify goldmark.Extender = linkifyExt{}

type linkifyExt struct{}

func (linkifyExt) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithInlineParsers(
		util.Prioritized(NewLinkifyParser(), 999), // goldmark's priority
	))
}

// linkifyParser wraps goldmark's linkify parser, which goldmark calls at every
// space (and '*', '_', '~', '(' and line start) of every paragraph: about 40
// ns each, a fifth of the sample post's render. goldmark's parser only
// returns a link where the text after that character starts with "http:",
// "https:", "ftp:" or "www.", or is an e-mail address, which has an '@'.
// So each block is looked at once for an '@' and for "tp:", "ps:" and
// "www."; in a block with none of them no call can find a link, and in one
// without an '@' only a call at 'h', 'f' or 'w' can.
type linkifyParser struct {
	parser.InlineParser // goldmark's
}

// NewLinkifyParser returns the stand-in for extension.NewLinkifyParser().
func NewLinkifyParser() parser.InlineParser {
	return &linkifyParser{extension.NewLinkifyParser()}
}

var linkifyKey = parser.NewContextKey()

// linkifyBlock is what a parse knows about the block being parsed.
type linkifyBlock struct {
	block ast.Node // holding it keeps its address from being reused
	url   bool     // it has "tp:", "ps:" or "www."
	email bool     // it has an '@'
}

func (p *linkifyParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	st, _ := pc.Get(linkifyKey).(*linkifyBlock)
	if st == nil {
		st = &linkifyBlock{}
		pc.Set(linkifyKey, st)
	}
	if st.block != parent {
		*st = linkifyBlock{block: parent}
		src := block.Source()
		lines := parent.Lines()
		for i := 0; i < lines.Len(); i++ {
			seg := lines.At(i)
			v := src[seg.Start:seg.Stop]
			st.email = st.email || bytes.IndexByte(v, '@') >= 0
			st.url = st.url || bytes.Contains(v, []byte("tp:")) || bytes.Contains(v, []byte("ps:")) ||
				bytes.Contains(v, []byte("www."))
		}
	}
	switch {
	case st.email:
		return p.InlineParser.Parse(parent, block, pc)
	case !st.url:
		return nil
	}
	line, _ := block.PeekLine()
	if len(line) > 0 {
		switch line[0] {
		case ' ', '*', '_', '~', '(': // goldmark's parser steps over the trigger
			line = line[1:]
		}
	}
	if len(line) == 0 || (line[0] != 'h' && line[0] != 'f' && line[0] != 'w') {
		return nil
	}
	return p.InlineParser.Parse(parent, block, pc)
}

// Typographer is extension.Typographer with a parser that is not called at
// the characters goldmark's never changes.
var Typographer goldmark.Extender = typographerExt{}

type typographerExt struct{}

func (typographerExt) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithInlineParsers(
		util.Prioritized(NewTypographerParser(), 9999), // goldmark's priority
	))
}

// typographerParser wraps goldmark's typographer parser, whose triggers
// include ',', '*' and '[', which it returns nil for: only quotes, "--",
// "...", "<<" and ">>" become entities. At a comma, the only character no
// other parser claims, goldmark would split the text for nothing.
type typographerParser struct {
	parser.InlineParser // goldmark's
}

// NewTypographerParser returns the stand-in for
// extension.NewTypographerParser().
func NewTypographerParser() parser.InlineParser {
	return typographerParser{extension.NewTypographerParser()}
}

// Trigger leaves out ',', '*' and '['. (goldmark's parser has a CloseBlock
// method, but not parser.CloseBlocker's, so goldmark never calls it; neither
// does this one.)
func (typographerParser) Trigger() []byte { return []byte{'\'', '"', '-', '.', '<', '>'} }
