package shortcode

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// What a name is, which decides how it is parsed.
type shape int

const (
	// shapeInline is text in a sentence (a URL, a value): never a block.
	shapeInline shape = iota
	// shapeBlock stands alone on its line (an embed, a figure).
	shapeBlock
	// shapeRawBody is a pair whose lines are text (highlight, comment).
	shapeRawBody
	// shapeRaw is Liquid's raw: a pair whose Markdown is rendered with no
	// tags in it.
	shapeRaw
)

func shapeOf(t *Tag) shape {
	if t.Syntax == Output {
		return shapeInline
	}
	name := strings.ToLower(t.Name)
	if t.Syntax == Liquid {
		switch name {
		case "highlight", "comment":
			return shapeRawBody
		case "raw":
			return shapeRaw
		case "post_url", "link":
			return shapeInline
		}
		return shapeBlock
	}
	switch name {
	case "highlight":
		return shapeRawBody
	case "ref", "relref", "param":
		return shapeInline
	}
	return shapeBlock
}

// closerText is how the tag that closes t is written, for messages.
func closerText(t *Tag) string {
	switch t.Syntax {
	case Hugo:
		return "{{< /" + t.Name + " >}}"
	case HugoMarkdown:
		return "{{% /" + t.Name + " %}}"
	}
	return "{% end" + t.Name + " %}"
}

// isCloser reports whether t closes something: {{< /x >}} or {% endx %}.
func isCloser(t *Tag) bool {
	if t.Close {
		return true
	}
	return t.Syntax == Liquid && strings.HasPrefix(t.Name, "end") && len(t.Name) > 3
}

// findCloser looks in src[from:to] for the tag that closes open, counting
// nested pairs of the same name. With ownLine, only a closer that is alone
// on its line counts. It returns the offsets of the closer.
func findCloser(src []byte, from, to int, open *Tag, ownLine bool) (start, end int, ok bool) {
	depth := 0
	for i := from; i < to; {
		j := bytes.IndexByte(src[i:to], '{')
		if j < 0 {
			return 0, 0, false
		}
		i += j
		t, lexed := lexTag(src[i:to])
		if !lexed {
			i++
			continue
		}
		if ownLine && !aloneOnLine(src, i, i+t.Len) {
			i += t.Len
			continue
		}
		switch {
		case t.closes(open) && depth == 0:
			return i, i + t.Len, true
		case t.closes(open):
			depth--
		case t.opensSame(open) && shapeOf(&t) != shapeInline:
			if _, _, paired := findCloserShallow(src, i+t.Len, to, &t); paired {
				depth++
			}
		}
		i += t.Len
	}
	return 0, 0, false
}

// findCloserShallow is findCloser without nesting, to tell whether a nested
// opener is a pair at all (an unpaired {{< x >}} inside {{< x >}}…{{< /x >}}
// must not eat the closer).
func findCloserShallow(src []byte, from, to int, open *Tag) (int, int, bool) {
	for i := from; i < to; {
		j := bytes.IndexByte(src[i:to], '{')
		if j < 0 {
			return 0, 0, false
		}
		i += j
		t, lexed := lexTag(src[i:to])
		if !lexed {
			i++
			continue
		}
		if t.closes(open) {
			return i, i + t.Len, true
		}
		i += t.Len
	}
	return 0, 0, false
}

// aloneOnLine reports whether src[start:end] has only spaces (and, for
// quotes and lists, their markers) around it on its line.
func aloneOnLine(src []byte, start, end int) bool {
	ls := bytes.LastIndexByte(src[:start], '\n') + 1
	before := bytes.TrimLeft(src[ls:start], " \t>")
	if len(bytes.TrimSpace(before)) != 0 {
		return false
	}
	le := bytes.IndexByte(src[end:], '\n')
	if le < 0 {
		le = len(src) - end
	}
	return util.IsBlank(src[end : end+le])
}

// insideRaw reports whether n is inside a Liquid raw block.
func insideRaw(n ast.Node) bool {
	for ; n != nil; n = n.Parent() {
		if b, ok := n.(*Block); ok && shapeOf(&b.Tag) == shapeRaw && b.paired {
			return true
		}
	}
	return false
}

type blockParser struct {
	site func(string) (*Template, bool) // Config.Template
}

func (blockParser) Trigger() []byte { return []byte{'{'} }

func (b blockParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	if insideRaw(parent) {
		return nil, parser.NoChildren
	}
	line, seg := reader.PeekLine()
	w, pos := util.IndentWidth(line, reader.LineOffset())
	if w > 3 || pos >= len(line) || line[pos] != '{' {
		return nil, parser.NoChildren
	}
	t, ok := lexTag(line[pos:])
	if ok && !util.IsBlank(line[pos+t.Len:]) {
		if n := b.oneLinePair(t, line, seg, pos); n != nil {
			reader.AdvanceToEOL()
			return n, parser.NoChildren
		}
	}
	if !ok || t.Syntax == Output || t.Comment || isCloser(&t) || !util.IsBlank(line[pos+t.Len:]) {
		return nil, parser.NoChildren
	}
	sh := shapeOf(&t)
	if sh == shapeInline {
		return nil, parser.NoChildren
	}
	n := &Block{Tag: t, source: string(line[pos : pos+t.Len])}
	n.SetPos(seg.Start + pos)
	src := reader.Source()
	if !t.SelfClose {
		if _, _, found := findCloser(src, seg.Stop, len(src), &t, true); found {
			n.paired = true
		}
	}
	switch {
	case sh == shapeRawBody || sh == shapeRaw:
		if !n.paired {
			// Shown as text by the paragraph it is left to, with a warning.
			return nil, parser.NoChildren
		}
		n.rawBody = sh == shapeRawBody
	case n.paired && runnable(b.site, &t):
		n.rawBody = true // the lines are the template's .Inner
	}
	reader.AdvanceToEOL()
	if n.paired && !n.rawBody {
		return n, parser.HasChildren
	}
	return n, parser.NoChildren
}

func (blockParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	n := node.(*Block)
	if !n.paired || n.closed {
		return parser.Close
	}
	line, seg := reader.PeekLine()
	if line == nil {
		return parser.Close
	}
	if w, pos := util.IndentWidth(line, reader.LineOffset()); w <= 3 && pos < len(line) && line[pos] == '{' {
		t, ok := lexTag(line[pos:])
		alone := ok && util.IsBlank(line[pos+t.Len:])
		if alone && t.closes(&n.Tag) && !nestedOpen(n, pc) && !n.rawNested(&t, reader.Source(), seg.Stop) {
			n.closed = true
			reader.AdvanceToEOL()
			return parser.Close
		}
	}
	if !n.rawBody {
		return parser.Continue | parser.HasChildren
	}
	if t, ok := lexTag(bytes.TrimLeft(line, " \t")); ok && t.opensSame(&n.Tag) {
		n.rawNested(&t, reader.Source(), seg.Stop)
	}
	s := text.NewSegmentPadding(seg.Start, seg.Stop, seg.Padding)
	s.ForceNewline = true
	n.Lines().Append(s)
	reader.AdvanceToEOL()
	return parser.Continue | parser.NoChildren
}

// nestedOpen reports whether a pair of n's name is open inside n: the
// closer on this line is its, not n's.
func nestedOpen(n *Block, pc parser.Context) bool {
	inside := false
	for _, b := range pc.OpenedBlocks() {
		if b.Node == ast.Node(n) {
			inside = true
			continue
		}
		if c, ok := b.Node.(*Block); inside && ok && c.paired && !c.closed && c.Tag.opensSame(&n.Tag) {
			return true
		}
	}
	return false
}

func (blockParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {
	n := node.(*Block)
	if n.paired && !n.closed {
		warn(pc, n.Pos(), fmt.Sprintf("%s is not closed by %s here: shown as text", n.source, closerText(&n.Tag)))
	}
}

func (blockParser) CanInterruptParagraph() bool { return true }
func (blockParser) CanAcceptIndentedLine() bool { return false }

// inlineState is what the inline parser keeps across one paragraph.
type inlineState struct {
	para ast.Node
	// open counts inline pairs by name whose closer is still ahead.
	open map[string]int
	// raw is set between {% raw %} and {% endraw %} in a paragraph.
	raw bool
}

type inlineParser struct {
	site func(string) (*Template, bool) // Config.Template
}

func (inlineParser) Trigger() []byte { return []byte{'{'} }

func (p inlineParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	if insideRaw(parent) {
		return nil
	}
	line, seg := block.PeekLine()
	if len(line) < 2 || line[1] != '{' && line[1] != '%' {
		return nil
	}
	st, _ := pc.Get(stateKey).(*inlineState)
	if st == nil || st.para != parent {
		st = &inlineState{para: parent, open: map[string]int{}}
		pc.Set(stateKey, st)
	}
	pos := seg.Start
	t, ok := lexTag(line)
	if !ok {
		if bytes.HasPrefix(line, []byte("{{<")) || bytes.HasPrefix(line, []byte("{{%")) {
			warn(pc, pos, "a malformed shortcode (not complete on its line, or a shortcode among its arguments): shown as text")
			if n := nestedLen(line); n > 0 {
				// All of it as text, the tags among its arguments too.
				block.Advance(n)
				return &Inline{role: asText, Literal: string(line[:n])}
			}
		}
		return nil
	}
	if st.raw {
		if t.Syntax == Liquid && t.Name == "endraw" {
			st.raw = false
			block.Advance(t.Len)
			return &Inline{Tag: t, role: asPairEnd}
		}
		return nil
	}
	src := block.Source()
	end := paragraphEnd(parent, seg.Stop)
	asIs := func(msg string) ast.Node {
		warn(pc, pos, msg)
		block.Advance(t.Len)
		return &Inline{Tag: t, role: asText, Literal: string(line[:t.Len])}
	}
	switch {
	case t.Comment:
		block.Advance(t.Len)
		return &Inline{Tag: t, role: asText, Literal: t.Name}
	case t.Syntax == Output:
		block.Advance(t.Len)
		n := &Inline{Tag: t}
		n.SetPos(pos)
		return n
	case isCloser(&t):
		name := t.Name
		if !t.Close {
			name = strings.TrimPrefix(name, "end")
		}
		if st.open[name] > 0 {
			st.open[name]--
			block.Advance(t.Len)
			return &Inline{Tag: t, role: asPairEnd}
		}
		return asIs(fmt.Sprintf("%s closes nothing: shown as text", line[:t.Len]))
	}
	sh := shapeOf(&t)
	if t.SelfClose {
		block.Advance(t.Len)
		n := &Inline{Tag: t}
		n.SetPos(pos)
		return n
	}
	cs, ce, paired := findCloser(src, pos+t.Len, end, &t, false)
	if paired && runnable(p.site, &t) {
		sh = shapeRawBody // the text up to the closer is the template's .Inner
	}
	switch sh {
	case shapeRaw:
		if !paired {
			// What the author meant to keep as written stays so, up to the
			// end of the paragraph.
			st.raw = true
			return asIs(fmt.Sprintf("%s is not closed by %s: shown as text", line[:t.Len], closerText(&t)))
		}
		st.raw = true
		block.Advance(t.Len)
		return &Inline{Tag: t, role: asPairEnd}
	case shapeRawBody:
		if !paired {
			return asIs(fmt.Sprintf("%s is not closed by %s: shown as text", line[:t.Len], closerText(&t)))
		}
		n := &Inline{Tag: t, hasInner: true}
		n.SetPos(pos)
		block.Advance(t.Len)
		n.Inner = advanceTo(block, cs)
		block.Advance(ce - cs)
		return n
	}
	if paired {
		st.open[t.Name]++
	}
	block.Advance(t.Len)
	n := &Inline{Tag: t}
	n.SetPos(pos)
	return n
}

// paragraphEnd is where the paragraph being parsed ends in the source.
func paragraphEnd(parent ast.Node, lineEnd int) int {
	if l := parent.Lines(); l != nil && l.Len() > 0 {
		if s := l.At(l.Len() - 1).Stop; s > lineEnd {
			return s
		}
	}
	return lineEnd
}

// advanceTo moves the reader to offset to and returns the text passed over.
func advanceTo(block text.Reader, to int) string {
	var b strings.Builder
	for {
		line, seg := block.PeekLine()
		if line == nil {
			return b.String()
		}
		if to <= seg.Stop {
			n := max(0, min(to-seg.Start, len(line)))
			b.Write(line[:n])
			block.Advance(n)
			return b.String()
		}
		b.Write(line)
		block.AdvanceLine()
	}
}

// nestedLen is the length of a shortcode with shortcodes among its
// arguments, {{< a {{< b >}} >}}, up to the delimiter that balances the
// first; 0 if none on the line does.
func nestedLen(line []byte) int {
	depth := 0
	for i := 0; i+2 < len(line); i++ {
		switch s := string(line[i : i+3]); s {
		case "{{<", "{{%":
			depth++
			i += 2
		case ">}}", "%}}":
			depth--
			i += 2
			if depth == 0 {
				return i + 1
			}
		}
	}
	return 0
}
