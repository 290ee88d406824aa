package fastparse

import (
	"bytes"
	"unicode"

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
// ns each, a fifth of the sample post's render, most of it in goldmark
// cutting the text at the space and putting it back together. goldmark's
// parser only returns a link where the text after that character starts
// with "http:", "https:", "ftp:" or "www.", or is an e-mail address, which
// has an '@'. So each block is looked at once for an '@', for "tp:", "ps:"
// and "www.", and for a backslash; in a block with none of them no call can
// find a link, and in one without an '@' only a call before one of those
// prefixes can.
//
// Where no call can, the parser also takes the plain text up to the last
// space before the next punctuation (where another parser may start) as
// text, instead of goldmark stopping at every space in it to ask again; see
// plainRun.
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
	block     ast.Node // holding it keeps its address from being reused
	url       bool     // it has "tp:", "ps:" or "www."
	email     bool     // it has an '@'
	backslash bool     // it has a backslash (an escape, or a hard line break)
}

func (p *linkifyParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	st, _ := pc.Get(linkifyKey).(*linkifyBlock)
	if st == nil {
		st = &linkifyBlock{}
		pc.Set(linkifyKey, st)
	}
	if st.block != parent {
		*st = linkifyBlock{block: parent}
		if lines := parent.Lines(); lines.Len() > 0 {
			// From the first line to the last, with what lies between
			// them ("> " and the like): a match there only costs a call.
			v := block.Source()[lines.At(0).Start:lines.At(lines.Len()-1).Stop]
			st.email = bytes.IndexByte(v, '@') >= 0
			st.backslash = bytes.IndexByte(v, '\\') >= 0
			st.url = bytes.Contains(v, []byte("www."))
			for i := 0; !st.url; {
				j := bytes.IndexByte(v[i:], ':')
				if j < 0 {
					break
				}
				i += j + 1
				st.url = i >= 3 && (v[i-3] == 't' && v[i-2] == 'p' || v[i-3] == 'p' && v[i-2] == 's')
			}
		}
	}
	if st.email {
		return p.InlineParser.Parse(parent, block, pc)
	}
	line, seg := block.PeekLine()
	if len(line) == 0 {
		return nil
	}
	if st.url && mayStartLink(line) {
		return p.InlineParser.Parse(parent, block, pc)
	}
	if st.backslash || seg.Padding != 0 {
		return nil
	}
	return plainRun(parent, block, line, seg, st.url)
}

// mayStartLink reports whether goldmark's parser could find a URL at line,
// which starts with the character it was called at, in a block without an
// '@' (no e-mail address).
func mayStartLink(line []byte) bool {
	switch line[0] {
	case ' ', '*', '_', '~', '(': // goldmark's parser steps over the trigger
		line = line[1:]
	}
	return urlStart(line)
}

// urlStart reports whether b starts as the URLs goldmark's linkify parser
// looks for do.
func urlStart(b []byte) bool {
	if len(b) < 4 {
		return false
	}
	switch b[0] {
	case 'h':
		return bytes.HasPrefix(b, []byte("http:")) || bytes.HasPrefix(b, []byte("https:"))
	case 'f':
		return bytes.HasPrefix(b, []byte("ftp:"))
	case 'w':
		return bytes.HasPrefix(b, []byte("www."))
	}
	return false
}

// Classes of bytes for plainRun.
const (
	runText  = iota
	runSpace // ' ' or '\t': goldmark would ask linkify here
	runStop  // punctuation, or another white space character
)

var runClass = func() (t [256]uint8) {
	for c := 0; c < 256; c++ {
		switch {
		case c == ' ' || c == '\t':
			t[c] = runSpace
		case util.IsPunct(byte(c)) || util.IsSpace(byte(c)):
			t[c] = runStop
		}
	}
	return t
}()

// plainRun returns the text from the current position, where no link
// starts, to the last space or tab before the next character that another
// parser may act on, and nil if there is no such space.
//
// goldmark's inline loop (parser.parseBlock) stops at each punctuation
// character and at each space, the only character this parser alone is
// called at, and at a stop it appends the text since the last one to the
// block, merged into the last Text node when that ends where the text
// starts and has no line break (ast.MergeOrAppendTextSegment). So taking
// such a run in one step, merged the same way, builds the same nodes, as
// long as the loop resumes in the same state: the block has no backslash
// (the loop's escape flag stays off), the run stops before the line's
// trailing white space (whose width decides a hard line break when the loop
// looks at the rest of the line again), and it stops before any space that
// a URL follows.
func plainRun(parent ast.Node, block text.Reader, line []byte, seg text.Segment, url bool) ast.Node {
	if util.IsPunct(line[0]) {
		return nil // '*', '_', '~', '(': other parsers had their turn
	}
	end := len(line)
	for end > 0 && util.IsSpace(line[end-1]) {
		end--
	}
	last := 0
scan:
	for j := 1; j < end; j++ {
		switch runClass[line[j]] {
		case runSpace:
			last = j
			if url && urlStart(line[j+1:end]) {
				break scan // goldmark's parser must be asked here
			}
		case runStop:
			break scan
		}
	}
	if last == 0 {
		return nil
	}
	stop := seg.Start + last
	block.Advance(last)
	// goldmark re-appends a returned node that is already the last child:
	// it stays where it is.
	if t, ok := parent.LastChild().(*ast.Text); ok && t.Segment.Stop == seg.Start && !t.SoftLineBreak() {
		t.Segment = t.Segment.WithStop(stop)
		return t
	}
	return ast.NewTextSegment(text.NewSegment(seg.Start, stop))
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
//
// It also turns the apostrophe between two letters (it's, don't) and double
// quotes into entities itself: goldmark's parser first makes a Delimiter (a
// 200-byte allocation) to learn whether the quote can open or close, which
// for a quote after a letter or digit decides nothing before its "normal
// apostrophe" rule, the same test as here, and for a double quote is two
// booleans.
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

// goldmark's default substitutions for extension.Apostrophe,
// LeftDoubleQuote and RightDoubleQuote.
var (
	apostrophe  = []byte("&rsquo;")
	leftDouble  = []byte("&ldquo;")
	rightDouble = []byte("&rdquo;")
)

func (p typographerParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, _ := block.PeekLine()
	switch {
	case len(line) > 1 && line[0] == '\'':
		before := block.PrecendingCharacter()
		if (unicode.IsDigit(before) || unicode.IsLetter(before)) && unicode.IsLetter(util.ToRune(line, 1)) {
			return entity(block, apostrophe)
		}
	case len(line) > 0 && line[0] == '"':
		return doubleQuote(line, block, pc)
	}
	return p.InlineParser.Parse(parent, block, pc)
}

func entity(block text.Reader, value []byte) ast.Node {
	n := ast.NewString(value)
	n.SetCode(true)
	block.Advance(1)
	return n
}

var openDoubleKey = parser.NewContextKey()

// doubleQuote is goldmark's typographer parser at a '"', with the count of
// open double quotes it keeps for the parse (never reset: goldmark never
// calls its CloseBlock) kept here instead, since every '"' comes here: it
// only differs in telling whether the quote can open or close without
// making a parser.Delimiter (parser.ScanDelimiter's rules, for a run of '"').
func doubleQuote(line []byte, block text.Reader, pc parser.Context) ast.Node {
	before := block.PrecendingCharacter()
	j := 1
	for j < len(line) && line[j] == '"' {
		j++
	}
	after := ' '
	if j != len(line) {
		after = util.ToRune(line, j)
	}
	beforeIsPunctuation, beforeIsWhitespace := util.IsPunctRune(before), util.IsSpaceRune(before)
	afterIsPunctuation, afterIsWhitespace := util.IsPunctRune(after), util.IsSpaceRune(after)
	canOpen := !afterIsWhitespace && (!afterIsPunctuation || beforeIsWhitespace || beforeIsPunctuation)
	canClose := !beforeIsWhitespace && (!beforeIsPunctuation || afterIsWhitespace || afterIsPunctuation)

	open, _ := pc.Get(openDoubleKey).(*int)
	if open == nil {
		open = new(int)
		pc.Set(openDoubleKey, open)
	}
	if canOpen && !canClose {
		*open++
		return entity(block, leftDouble)
	}
	if *open > 0 {
		isClose := canClose && !canOpen
		maybeClose := canClose && canOpen && len(line) > 1 && unicode.IsPunct(util.ToRune(line, 1)) &&
			(len(line) == 2 || (len(line) > 2 && util.IsPunct(line[2]) || util.IsSpace(line[2])))
		if isClose || maybeClose {
			// special case: "Monitor 21""
			if len(line) > 1 && line[1] == '"' && unicode.IsDigit(before) {
				return nil
			}
			*open--
			return entity(block, rightDouble)
		}
	}
	return nil
}
