package shortcode

import (
	"bytes"
	"html"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

type transformer struct{ c Config }

// Transform renders every tag of the document, now that the whole post is
// parsed, and mends links whose destination is a tag.
func (tr *transformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	if !mayHoldTag(src) {
		return // no tag, and no link to mend: the walk would find nothing
	}
	w := tagWalker{ev: &evaluator{c: tr.c, page: pageOf(pc), pc: pc}, src: src}
	w.walk(doc)
	ev, inlines := w.ev, w.inlines
	for _, n := range inlines {
		switch n.role {
		case asText:
			n.HTML = html.EscapeString(n.Literal)
		case asTag:
			r := ev.eval(&n.Tag, n.Pos(), false, n.Inner)
			n.HTML = r.html
			n.value, n.isValue = r.value, r.isValue
		}
	}
	for _, n := range inlines {
		if n.isValue && n.Parent() != nil {
			mendLink(n, src)
		}
	}
}

// tagWalker renders the block tags and mends link destinations of the
// document, and gathers its inline tags, in document order: by hand rather
// than with ast.Walk, which calls a closure twice for every node of the post.
type tagWalker struct {
	ev      *evaluator
	src     []byte
	inlines []*Inline
}

func (w *tagWalker) walk(n ast.Node) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *Inline:
			w.inlines = append(w.inlines, c)
		case *Block:
			w.ev.block(c, w.src)
		case *ast.Link:
			c.Destination = w.ev.expandDestination(c.Destination, c)
		case *ast.Image:
			c.Destination = w.ev.expandDestination(c.Destination, c)
		}
		w.walk(c)
	}
}

func (ev *evaluator) expandDestination(d []byte, n ast.Node) []byte {
	s := string(d)
	if u, err := unescapeBraces(s); err == nil {
		s = u
	}
	if !strings.Contains(s, "{{") && !strings.Contains(s, "{%") {
		return d
	}
	pos := -1
	for p := n.Parent(); p != nil && pos < 0; p = p.Parent() {
		if l := p.Lines(); l != nil && l.Len() > 0 {
			pos = l.At(0).Start
		}
	}
	return []byte(ev.expand(s, max(pos, 0)))
}

// mayHoldTag reports whether src has "{{" or "{%", which open every tag,
// or a percent-encoded "{", which a link destination may hold a tag in.
// A lone "{" (JSON in a code block) is not enough to walk the document for.
func mayHoldTag(src []byte) bool {
	return bytes.Contains(src, []byte("{{")) || bytes.Contains(src, []byte("{%")) ||
		bytes.Contains(src, []byte("%7B")) || bytes.Contains(src, []byte("%7b"))
}

// unescapeBraces undoes the percent-encoding of braces, which some editors
// apply to a destination such as %7B%7Bsite.baseurl%7D%7D.
func unescapeBraces(s string) (string, error) {
	if !strings.Contains(s, "%7B") && !strings.Contains(s, "%7b") {
		return s, nil
	}
	r := strings.NewReplacer("%7B", "{", "%7b", "{", "%7D", "}", "%7d", "}", "%25", "%", "%20", " ")
	return r.Replace(s), nil
}

// block renders a block tag.
func (ev *evaluator) block(n *Block, src []byte) {
	sh := shapeOf(&n.Tag)
	switch {
	case n.paired && !n.closed && !n.rawBody:
		// Unclosed around Markdown: the opener as text, and the Markdown
		// after it rendered (the warning was given when the block closed).
		n.Open = "<p>" + html.EscapeString(n.source) + "</p>"
	case n.paired && !n.closed:
		// Unclosed with raw lines: the opener and its lines as text.
		var b strings.Builder
		b.WriteString(n.source)
		for i := 0; i < n.Lines().Len(); i++ {
			seg := n.Lines().At(i)
			b.WriteString("\n")
			b.Write(seg.Value(src))
		}
		n.Open = "<p>" + strings.ReplaceAll(html.EscapeString(strings.TrimRight(b.String(), "\n")), "\n", "<br>\n") + "</p>"
		n.rawBody = true // the lines are shown; there are no children
	case sh == shapeRaw:
		// The children are the Markdown; nothing around them.
	case n.rawBody:
		var b strings.Builder
		for i := 0; i < n.Lines().Len(); i++ {
			seg := n.Lines().At(i)
			b.Write(seg.Value(src))
		}
		n.Open = ev.eval(&n.Tag, n.Pos(), true, b.String()).html
	case n.paired:
		if strings.EqualFold(n.Tag.Name, "details") && n.Tag.Syntax != Liquid {
			n.Open = "<details><summary>" + html.EscapeString(n.Tag.Get("summary", 0)) + "</summary>"
			n.Close = "</details>"
			break
		}
		r := ev.eval(&n.Tag, n.Pos(), true, "")
		if strings.HasPrefix(r.html, `<div class="shortcode-unknown">`) {
			// An unknown pair: the placeholder, and the Markdown inside it
			// still on the page.
			n.Open = strings.TrimSuffix(r.html, "</div>")
			n.Close = "</div>"
		} else {
			n.Open = r.html
		}
	default:
		n.Open = ev.eval(&n.Tag, n.Pos(), true, "").html
	}
}

// mendLink makes a link of [label]({{< ref "x" >}}) or
// ![alt]({{ "/img.png" | relative_url }}): goldmark reads no link there,
// as a destination cannot hold spaces, so the text around the tag is
// "[label](" and ")". The tag's value becomes the destination.
func mendLink(n *Inline, src []byte) {
	prev, ok := n.PreviousSibling().(*ast.Text)
	if !ok {
		return
	}
	pv := prev.Segment.Value(src)
	if len(pv) < 2 || pv[len(pv)-1] != '(' || pv[len(pv)-2] != ']' {
		return
	}
	dest, middle, end, endAt, ok := linkDest(n, src)
	if !ok {
		return
	}
	label, open, openAt := linkLabel(prev, src)
	if open == nil {
		return
	}
	image := false
	ov := open.Segment.Value(src)
	if openAt > 0 && ov[openAt-1] == '!' {
		image = true
	}
	parent := n.Parent()
	var link ast.Node
	if image {
		link = ast.NewImage(ast.NewLink())
		link.(*ast.Image).Destination = []byte(dest)
	} else {
		l := ast.NewLink()
		l.Destination = []byte(dest)
		link = l
	}
	// Split the texts at the brackets: open = before '[' | label start;
	// prev = label end | "](", end = dest rest ")" | after.
	start := open.Segment.Start
	labelHead := text.NewSegment(start+openAt+1, open.Segment.Stop)
	if open == prev {
		labelHead.Stop = prev.Segment.Stop - 2
	}
	cut := openAt
	if image {
		cut--
	}
	parent.InsertAfter(parent, n, link)
	if labelHead.Len() > 0 {
		link.AppendChild(link, ast.NewTextSegment(labelHead))
	}
	for i := len(label) - 1; i >= 0; i-- {
		link.AppendChild(link, label[i])
	}
	if open != prev {
		prev.Segment = prev.Segment.WithStop(prev.Segment.Stop - 2)
		if prev.Segment.Len() > 0 {
			link.AppendChild(link, prev)
		} else {
			parent.RemoveChild(parent, prev)
		}
	}
	open.Segment = open.Segment.WithStop(start + cut)
	if open.Segment.Len() == 0 {
		parent.RemoveChild(parent, open)
	}
	// When open is prev, prev keeps only what came before '['.
	parent.RemoveChild(parent, n)
	for _, m := range middle {
		parent.RemoveChild(parent, m)
	}
	end.Segment = end.Segment.WithStart(end.Segment.Start + endAt + 1)
	if end.Segment.Len() == 0 && !end.SoftLineBreak() && !end.HardLineBreak() {
		parent.RemoveChild(parent, end)
	}
}

// linkDest reads the destination of a link mendLink mends: this tag's
// value, then text and value tags up to ')'. middle are the nodes between
// the tag and end, the text holding ')' at endAt. ok is false when what
// follows is not a destination (a space before ')', another kind of tag),
// so the text is left as it is.
func linkDest(n *Inline, src []byte) (dest string, middle []ast.Node, end *ast.Text, endAt int, ok bool) {
	dest = n.value
	for c := n.NextSibling(); c != nil && end == nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *Inline:
			if !c.isValue {
				return "", nil, nil, 0, false
			}
			dest += c.value
			middle = append(middle, c)
		case *ast.Text:
			v := c.Segment.Value(src)
			i := strings.IndexByte(string(v), ')')
			if i < 0 {
				if strings.ContainsAny(string(v), " \t\n") || c.SoftLineBreak() {
					return "", nil, nil, 0, false
				}
				dest += string(v)
				middle = append(middle, c)
				continue
			}
			d := strings.TrimSpace(string(v[:i]))
			if j := strings.IndexAny(d, " \t"); j >= 0 {
				d = d[:j] // a title after the destination is dropped
			}
			dest += d
			end, endAt = c, i
		default:
			return "", nil, nil, 0, false
		}
	}
	return dest, middle, end, endAt, end != nil
}

// linkLabel reads the label of a link mendLink mends, back from prev (the
// text ending in "](") to the text holding its '[': open, with the bracket
// at openAt (open is nil when there is none). label are the nodes between,
// last first.
func linkLabel(prev *ast.Text, src []byte) (label []ast.Node, open *ast.Text, openAt int) {
	openAt = -1
	for c := ast.Node(prev); c != nil; c = c.PreviousSibling() {
		t, ok := c.(*ast.Text)
		if !ok {
			label = append(label, c)
			continue
		}
		v := t.Segment.Value(src)
		if t == prev {
			v = v[:len(v)-2]
		}
		if i := strings.LastIndexByte(string(v), '['); i >= 0 {
			return label, t, i
		}
		if t != prev {
			label = append(label, c)
		}
	}
	return label, nil, openAt
}

type nodeRenderer struct{}

func (nodeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindInline, renderInline)
	reg.Register(KindBlock, renderBlock)
}

func renderInline(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		_, _ = w.WriteString(node.(*Inline).HTML)
	}
	return ast.WalkSkipChildren, nil
}

func renderBlock(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*Block)
	if entering {
		open := n.Open
		if v, ok := n.AttributeString("data-line"); ok {
			if b, ok := v.([]byte); ok {
				open = withLine(open, string(b))
			}
		}
		_, _ = w.WriteString(open)
		if open != "" && n.Close == "" {
			_ = w.WriteByte('\n')
		}
		if n.rawBody || !n.paired {
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	}
	if n.Close != "" {
		_, _ = w.WriteString(n.Close + "\n")
	}
	return ast.WalkContinue, nil
}

// withLine puts data-line on the first tag of s, for the preview's scroll sync.
func withLine(s, line string) string {
	if !strings.HasPrefix(s, "<") || len(s) < 2 || !(s[1] >= 'a' && s[1] <= 'z') {
		return s
	}
	i := strings.IndexAny(s, " >")
	if i < 0 {
		return s
	}
	return s[:i] + ` data-line="` + html.EscapeString(line) + `"` + s[i:]
}
