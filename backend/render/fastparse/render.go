package fastparse

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// Writer is html.DefaultWriter with a shortcut: text with nothing to
// escape, unescape or resolve is written as it is, in one piece, as
// goldmark's writer writes it after looking at each byte in turn.
var Writer html.Writer = writer{html.DefaultWriter}

type writer struct {
	html.Writer // goldmark's
}

// rawSpecial marks the bytes RawWrite escapes (util.EscapeHTMLByte: NUL,
// '"', '&', '<', '>'); writeSpecial adds the backslash, which Write also
// looks at for escapes ('&' starts the references it resolves).
var rawSpecial, writeSpecial = func() (raw, write [256]bool) {
	for _, c := range []byte{0, '"', '&', '<', '>'} {
		raw[c], write[c] = true, true
	}
	write['\\'] = true
	return raw, write
}()

func has(special *[256]bool, s []byte) bool {
	for _, c := range s {
		if special[c] {
			return true
		}
	}
	return false
}

func (w writer) Write(out util.BufWriter, source []byte) {
	if has(&writeSpecial, source) {
		w.Writer.Write(out, source)
		return
	}
	_, _ = out.Write(source)
}

func (w writer) RawWrite(out util.BufWriter, source []byte) {
	if has(&rawSpecial, source) {
		w.Writer.RawWrite(out, source)
		return
	}
	_, _ = out.Write(source)
}

func (w writer) SecureWrite(out util.BufWriter, source []byte) {
	if bytes.IndexByte(source, 0) >= 0 {
		w.Writer.SecureWrite(out, source)
		return
	}
	_, _ = out.Write(source)
}

// tableCellRenderer renders GFM table cells as goldmark's table renderer
// does, without what that costs per cell: fmt.Fprintf for the tags, and for
// an aligned cell a fmt.Sprintf, a new buffer and a style attribute set on
// the node before writing it out as an attribute. A cell that already has
// attributes, or a renderer given its own alignment method, is left to
// goldmark's.
type tableCellRenderer struct {
	html.Config
	stock     renderer.NodeRenderer
	stockCell renderer.NodeRendererFunc
	custom    bool // the table alignment method was set
}

func newTableCellRenderer() *tableCellRenderer {
	return &tableCellRenderer{Config: html.NewConfig(), stock: extension.NewTableHTMLRenderer()}
}

func (r *tableCellRenderer) SetOption(name renderer.OptionName, value any) {
	r.Config.SetOption(name, value)
	r.stock.(renderer.SetOptioner).SetOption(name, value)
	if name == "TableTableCellAlignMethod" { // extension.WithTableCellAlignMethod
		r.custom = true
	}
}

type registerFunc func(ast.NodeKind, renderer.NodeRendererFunc)

func (f registerFunc) Register(k ast.NodeKind, fn renderer.NodeRendererFunc) { f(k, fn) }

func (r *tableCellRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	r.stock.RegisterFuncs(registerFunc(func(k ast.NodeKind, fn renderer.NodeRendererFunc) {
		if k == east.KindTableCell {
			r.stockCell = fn
		}
	}))
	reg.Register(east.KindTableCell, r.renderCell)
}

func (r *tableCellRenderer) renderCell(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if r.custom || node.Attributes() != nil {
		return r.stockCell(w, source, node, entering)
	}
	n := node.(*east.TableCell)
	th := n.Parent().Kind() == east.KindTableHeader
	if !entering {
		if th {
			_, _ = w.WriteString("</th>\n")
		} else {
			_, _ = w.WriteString("</td>\n")
		}
		return ast.WalkContinue, nil
	}
	if th {
		_, _ = w.WriteString("<th")
	} else {
		_, _ = w.WriteString("<td")
	}
	if n.Alignment != east.AlignNone {
		// goldmark's default: the align attribute in XHTML, a style in HTML.
		if r.XHTML {
			_, _ = w.WriteString(` align="`)
		} else {
			_, _ = w.WriteString(` style="text-align:`)
		}
		_, _ = w.WriteString(n.Alignment.String())
		_ = w.WriteByte('"')
	}
	_ = w.WriteByte('>')
	return ast.WalkContinue, nil
}
