// Package more is a goldmark extension for the summary divider: a <!--more-->
// comment on a line of its own, at the top level of the post, ends the summary
// (Hugo's and Jekyll's convention). The first such line becomes a Marker node,
// which renders as the same comment; the renderer splits its output there.
//
// Only a divider on its own line counts: one inside a paragraph would cut the
// paragraph's HTML in two.
package more

import (
	"bytes"
	"unicode"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Kind is the node kind of a Marker.
var Kind = ast.NewNodeKind("More")

// Marker is the summary divider.
type Marker struct {
	ast.BaseBlock
}

func (n *Marker) Kind() ast.NodeKind { return Kind }

func (n *Marker) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }

// IsDivider reports whether an HTML block's text is the divider: the comment
// "more", any case, with optional spaces inside.
func IsDivider(b []byte) bool {
	b = bytes.TrimSpace(b)
	if !bytes.HasPrefix(b, []byte("<!--")) || !bytes.HasSuffix(b, []byte("-->")) || len(b) < 7 {
		return false
	}
	return bytes.EqualFold(bytes.TrimSpace(b[4:len(b)-3]), []byte("more"))
}

// mayHoldDivider reports whether src has the divider's text anywhere:
// "<!--", "more" in any case and "-->", with only spaces between, which a
// block IsDivider takes must have.
func mayHoldDivider(src []byte) bool {
	for {
		i := bytes.Index(src, []byte("<!--"))
		if i < 0 {
			return false
		}
		src = src[i+4:]
		rest := bytes.TrimLeftFunc(src, unicode.IsSpace)
		if len(rest) >= 4 && bytes.EqualFold(rest[:4], []byte("more")) &&
			bytes.HasPrefix(bytes.TrimLeftFunc(rest[4:], unicode.IsSpace), []byte("-->")) {
			return true
		}
	}
}

type transformer struct{}

func (transformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	if !mayHoldDivider(src) {
		return // most posts: no need to visit every top-level block
	}
	for c := doc.FirstChild(); c != nil; c = c.NextSibling() {
		h, ok := c.(*ast.HTMLBlock)
		if !ok || h.HTMLBlockType != ast.HTMLBlockType2 {
			continue
		}
		var text []byte
		for i := 0; i < h.Lines().Len(); i++ {
			seg := h.Lines().At(i)
			text = append(text, seg.Value(src)...)
		}
		if IsDivider(text) {
			m := &Marker{}
			m.SetPos(h.Pos())
			doc.ReplaceChild(doc, h, m)
			return
		}
	}
}

type nodeRenderer struct{}

func (nodeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(Kind, func(w util.BufWriter, _ []byte, _ ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.WriteString("<!--more-->\n")
		}
		return ast.WalkContinue, nil
	})
}

type extension struct{}

// New returns the extension.
func New() goldmark.Extender { return extension{} }

func (extension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(transformer{}, 50)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(nodeRenderer{}, 500)))
}
