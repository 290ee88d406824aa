package fastparse

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// htmlBlockParser is goldmark's HTML block parser, which tries up to eight
// regular expressions on every line that starts with '<'; the one for type 7
// backtracks through every attribute, about 10 µs on an <iframe> embed line.
// Most such lines are decided by the tag name alone: an <iframe>, <div> or
// <table> (a block tag, type 6) followed by a space or '>', a tag that is
// not a block tag under a paragraph (type 7 cannot interrupt one), or a
// line that is no tag at all. The rest go to goldmark's parser, which also
// continues and closes every block.
type htmlBlockParser struct {
	parser.BlockParser // goldmark's
}

// NewHTMLBlockParser returns the stand-in for parser.NewHTMLBlockParser.
func NewHTMLBlockParser() parser.BlockParser {
	return htmlBlockParser{parser.NewHTMLBlockParser()}
}

func (b htmlBlockParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, segment := reader.PeekLine()
	switch classifyHTMLLine(line, ast.IsParagraph(pc.LastOpenedBlock().Node)) {
	case notHTMLBlock:
		return nil, parser.NoChildren
	case htmlBlockType6:
		// As goldmark opens one.
		node := ast.NewHTMLBlock(ast.HTMLBlockType6)
		reader.AdvanceToEOL()
		node.Lines().Append(segment)
		return node, parser.NoChildren
	}
	return b.BlockParser.Open(parent, reader, pc)
}

type htmlLine int

const (
	undecided htmlLine = iota // goldmark's parser decides
	notHTMLBlock
	htmlBlockType6
)

// classifyHTMLLine decides what goldmark's HTML block parser would open for
// line, where it can without regular expressions. afterParagraph is whether
// the last open block is a paragraph.
//
// goldmark (parser/html_block.go) tries, in order: type 1 (script, pre,
// style, textarea; case-insensitive, with Unicode folding), types 2 to 5
// (<!--, <?, <!X, <![CDATA[), then its type 7 expression, taking a match as
// type 6 when the tag is a block tag and as type 7 otherwise (unless the tag
// is script, style or pre, or a paragraph is open, or it is a closing tag
// with attributes), then its type 6 expression, for block tags only. All of
// them start with ^[ ]{0,3}<, and types 6 and 7 go on with (/[ ]*)? and a tag
// name [a-zA-Z][a-zA-Z0-9-]*, which is always the longest such run: what
// may follow it starts with a space, a tab, '>', '/' or a line end.
func classifyHTMLLine(line []byte, afterParagraph bool) htmlLine {
	i := 0
	for i < 3 && i < len(line) && line[i] == ' ' {
		i++
	}
	if i+1 >= len(line) || line[i] != '<' {
		return notHTMLBlock // no expression matches without "<" and a character
	}
	i++
	switch c := line[i]; {
	case c == '!' || c == '?':
		return undecided // types 2 to 5
	case c >= 0x80:
		return undecided // type 1 folds ſ to s: <ſcript> is a script block
	case c != '/' && !isLetter(c):
		return notHTMLBlock
	}
	if c := line[i]; c != '/' && type1Candidate(line[i:]) {
		return undecided
	}
	j := i
	if line[j] == '/' {
		j++
		for j < len(line) && line[j] == ' ' {
			j++
		}
	}
	if j >= len(line) || !isLetter(line[j]) {
		return notHTMLBlock
	}
	start := j
	for j < len(line) && (isLetter(line[j]) || '0' <= line[j] && line[j] <= '9' || line[j] == '-') {
		j++
	}
	var lower [16]byte
	name := lower[:0]
	if j-start <= len(lower) {
		for _, c := range line[start:j] {
			name = append(name, c|0x20) // ASCII letters, digits and '-' only
		}
	}
	if blockTags[string(name)] {
		if type6Rest(line[j:]) {
			return htmlBlockType6 // whether or not the type 7 expression matches
		}
		return undecided // a tab or a line break among the attributes, say
	}
	switch string(name) {
	case "script", "style", "pre":
		return notHTMLBlock // never type 7; only type 1, which was ruled out
	}
	if afterParagraph {
		return notHTMLBlock // type 7 cannot interrupt a paragraph
	}
	return undecided
}

// type1Candidate reports whether s (after "<") might start a type 1 block:
// its first letters are script, pre, style or textarea in any case, or it
// has a byte outside ASCII where one of those names would be.
func type1Candidate(s []byte) bool {
	var b [8]byte
	n := 0
	for ; n < len(b) && n < len(s); n++ {
		c := s[n]
		if c >= 0x80 {
			return true
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b[n] = c
	}
	p := b[:n]
	return bytes.HasPrefix(p, []byte("script")) || bytes.HasPrefix(p, []byte("pre")) ||
		bytes.HasPrefix(p, []byte("style")) || bytes.HasPrefix(p, []byte("textarea"))
}

// type6Rest reports whether goldmark's type 6 expression matches rest, what
// follows the tag name: (?:[ ].*|>.*|/>.*|)(?:\r\n|\n)?$, where . is any
// character but a newline.
func type6Rest(rest []byte) bool {
	switch {
	case len(rest) == 0, string(rest) == "\n", string(rest) == "\r\n":
		return true
	case rest[0] == ' ', rest[0] == '>', rest[0] == '/' && len(rest) > 1 && rest[1] == '>':
		nl := bytes.IndexByte(rest, '\n')
		return nl < 0 || nl == len(rest)-1
	}
	return false
}

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// blockTags is goldmark's allowedBlockTags (the CommonMark spec's list for
// type 6, plus "search"). TestBlockTags checks it against goldmark's parser
// for every HTML element name, so that a goldmark update that changes the
// list fails a test instead of changing the output.
var blockTags = map[string]bool{
	"address": true, "article": true, "aside": true, "base": true, "basefont": true,
	"blockquote": true, "body": true, "caption": true, "center": true, "col": true,
	"colgroup": true, "dd": true, "details": true, "dialog": true, "dir": true,
	"div": true, "dl": true, "dt": true, "fieldset": true, "figcaption": true,
	"figure": true, "footer": true, "form": true, "frame": true, "frameset": true,
	"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"head": true, "header": true, "hr": true, "html": true, "iframe": true,
	"legend": true, "li": true, "link": true, "main": true, "menu": true,
	"menuitem": true, "meta": true, "nav": true, "noframes": true, "ol": true,
	"optgroup": true, "option": true, "p": true, "param": true, "search": true,
	"section": true, "summary": true, "table": true, "tbody": true, "td": true,
	"tfoot": true, "th": true, "thead": true, "title": true, "tr": true,
	"track": true, "ul": true,
}

// linkRefTransformer is goldmark's LinkReferenceParagraphTransformer, which
// makes a block reader for every paragraph to look for "[label]: url"
// definitions at its start. A definition starts with '[' after spaces, so a
// paragraph that does not is left as it is, as goldmark would leave it.
type linkRefTransformer struct{}

// LinkReferenceParagraphTransformer returns the stand-in for
// parser.LinkReferenceParagraphTransformer.
func LinkReferenceParagraphTransformer() parser.ParagraphTransformer { return linkRefTransformer{} }

func (linkRefTransformer) Transform(node *ast.Paragraph, reader text.Reader, pc parser.Context) {
	if lines := node.Lines(); lines.Len() > 0 {
		first := lines.At(0)
		src := reader.Source()[first.Start:first.Stop] // padding is spaces, skipped anyway
		i := 0
		for i < len(src) && util.IsSpace(src[i]) {
			i++
		}
		if i < len(src) && src[i] != '[' {
			return
		}
	}
	parser.LinkReferenceParagraphTransformer.Transform(node, reader, pc)
}
