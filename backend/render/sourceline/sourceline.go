// Package sourceline is a goldmark extension that marks block elements with
// the source line they start on, as data-line="N", so that the editor and the
// preview can scroll together by line instead of by proportion (which drifts
// past images and embeds).
//
// Paragraphs, headings, lists and their items, blockquotes, tables and their
// rows, thematic breaks, footnotes and definition lists get the attribute
// through goldmark's own renderers. Code blocks and raw HTML blocks do not
// render attributes there, so this extension renders them: code blocks as
// <pre data-line="N">, raw HTML blocks with the attribute added to the
// block's first tag (wrapping them would break HTML that a later block closes,
// such as <details> around Markdown).
package sourceline

import (
	"bytes"
	"strconv"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"quire/backend/render/internal/mdtext"
)

// Attr is the attribute name.
const Attr = "data-line"

var firstLineKey = parser.NewContextKey()

// SetFirstLine tells the extension that the parsed source starts at line
// first of the file (front matter is split off before parsing).
func SetFirstLine(pc parser.Context, first int) { pc.Set(firstLineKey, first) }

// Line returns the data-line a node was given, or 0.
func Line(n ast.Node) int {
	v, ok := n.AttributeString(Attr)
	if !ok {
		return 0
	}
	b, _ := v.([]byte)
	l, _ := strconv.Atoi(string(b))
	return l
}

var indexKey = parser.NewContextKey()

// LineIndex returns the index of the source's lines the parse with pc
// built, or nil, so that a caller wanting line numbers need not build
// another.
func LineIndex(pc parser.Context) *mdtext.LineIndex {
	ix, _ := pc.Get(indexKey).(*mdtext.LineIndex)
	return ix
}

type transformer struct{}

func (transformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	offset := 0
	if f, ok := pc.Get(firstLineKey).(int); ok && f > 1 {
		offset = f - 1
	}
	ix := mdtext.NewLineIndex(reader.Source())
	pc.Set(indexKey, ix)
	// The numbers share one backing array instead of one allocation each.
	arena := make([]byte, 0, 4096)
	mdtext.WalkBlocks(doc, func(n ast.Node) {
		switch n.Kind() {
		case ast.KindDocument, ast.KindTextBlock, east.KindTableCell:
			// A TextBlock renders no tag of its own (tight list items); a
			// table's rows are fine-grained enough for scrolling.
			return
		}
		if p := n.Pos(); p >= 0 {
			start := len(arena)
			arena = strconv.AppendInt(arena, int64(ix.Line(p)+offset), 10)
			n.SetAttributeString(Attr, arena[start:len(arena):len(arena)])
		}
	})
}

// nodeRenderer renders the blocks whose goldmark renderers drop attributes.
type nodeRenderer struct {
	html.Config
}

func (r *nodeRenderer) SetOption(name renderer.OptionName, value any) {
	r.Config.SetOption(name, value)
}

func (r *nodeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindCodeBlock, r.renderCode)
	reg.Register(ast.KindFencedCodeBlock, r.renderCode)
	reg.Register(ast.KindHTMLBlock, r.renderHTMLBlock)
}

func writeAttr(w util.BufWriter, n ast.Node) {
	if v, ok := n.AttributeString(Attr); ok {
		_, _ = w.WriteString(` data-line="`)
		_, _ = w.Write(v.([]byte))
		_ = w.WriteByte('"')
	}
}

func (r *nodeRenderer) renderCode(w util.BufWriter, source []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		_, _ = w.WriteString("</code></pre>\n")
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString("<pre")
	writeAttr(w, n)
	_, _ = w.WriteString("><code")
	if f, ok := n.(*ast.FencedCodeBlock); ok {
		if lang := f.Language(source); lang != nil {
			_, _ = w.WriteString(` class="language-`)
			r.Writer.Write(w, lang)
			_ = w.WriteByte('"')
		}
	}
	_ = w.WriteByte('>')
	for i := 0; i < n.Lines().Len(); i++ {
		line := n.Lines().At(i)
		r.Writer.RawWrite(w, line.Value(source))
	}
	return ast.WalkContinue, nil
}

func (r *nodeRenderer) renderHTMLBlock(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.HTMLBlock)
	if !r.Unsafe {
		_, _ = w.WriteString("<!-- raw HTML omitted -->\n")
		return ast.WalkContinue, nil
	}
	if !entering {
		if n.HasClosure() {
			r.Writer.SecureWrite(w, n.ClosureLine.Value(source))
		}
		return ast.WalkContinue, nil
	}
	for i := 0; i < n.Lines().Len(); i++ {
		seg := n.Lines().At(i)
		line := seg.Value(source)
		if i == 0 {
			if at := tagNameEnd(line); at > 0 {
				r.Writer.SecureWrite(w, line[:at])
				writeAttr(w, n)
				line = line[at:]
			}
		}
		r.Writer.SecureWrite(w, line)
	}
	return ast.WalkContinue, nil
}

// tagNameEnd returns the offset just past the tag name if line starts (after
// up to three spaces) with a start tag, or 0. The name must be followed by
// whitespace, '/' or '>', so that the attribute lands inside a real tag.
func tagNameEnd(line []byte) int {
	i := 0
	for i < 3 && i < len(line) && line[i] == ' ' {
		i++
	}
	if i+1 >= len(line) || line[i] != '<' || !isLetter(line[i+1]) {
		return 0
	}
	j := i + 2
	for j < len(line) && (isLetter(line[j]) || ('0' <= line[j] && line[j] <= '9') || line[j] == '-') {
		j++
	}
	if j == len(line) || bytes.IndexByte([]byte(" \t\r\n/>"), line[j]) < 0 {
		return 0
	}
	return j
}

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

type extension struct{}

// New returns the extension.
func New() goldmark.Extender { return extension{} }

func (extension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(
		// Late, after footnotes and summaries have rearranged the tree.
		util.Prioritized(transformer{}, 10000),
	))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(
		// Ahead of goldmark's HTML renderer (1000), behind a syntax highlighter
		// (goldmark-highlighting uses 200), which renders fenced code itself.
		util.Prioritized(&nodeRenderer{Config: html.NewConfig()}, 500),
	))
}
