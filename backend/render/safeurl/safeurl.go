// Package safeurl is a goldmark extension that drops link and image
// destinations with a dangerous scheme (javascript:, vbscript:, data: other
// than raster images).
//
// goldmark filters such URLs itself only when raw HTML is off; Quire keeps the
// author's raw HTML (html.WithUnsafe), which also turns that filter off, so
// this extension does the job for Markdown links, autolinks and images in
// both the preview and the export.
package safeurl

import (
	"bytes"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Dangerous reports whether a browser following u would run script or load a
// document the author did not mean as a plain resource: a javascript: or
// vbscript: URL, or a data: URL that is not a PNG, GIF, JPEG or WebP image.
//
// It reads u the way the URL parser in a browser does: leading C0 controls
// and spaces are skipped, tabs and newlines anywhere are ignored, and the
// scheme is case-insensitive. u must already be entity-decoded (goldmark
// decodes link destinations, x/net/html decodes attribute values).
func Dangerous(u string) bool {
	i := 0
	for i < len(u) && u[i] <= ' ' {
		i++
	}
	// Collect the scheme: letters, digits, + - . up to the colon.
	var scheme [16]byte
	n := 0
	for ; i < len(u); i++ {
		c := u[i]
		switch {
		case c == '\t' || c == '\n' || c == '\r':
			continue
		case c == ':':
			return dangerousScheme(string(scheme[:n]), u[i+1:])
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9', c == '+', c == '-', c == '.':
		default:
			// '/', '?', '#' or anything else before a colon: a relative URL.
			return false
		}
		if n == len(scheme) {
			return false // longer than any scheme we refuse
		}
		scheme[n] = c
		n++
	}
	return false
}

func dangerousScheme(scheme, rest string) bool {
	switch scheme {
	case "javascript", "vbscript":
		return true
	case "data":
		return !rasterImage(rest)
	}
	return false
}

// rasterImage reports whether the body of a data: URL starts with an image
// type that cannot carry script.
func rasterImage(rest string) bool {
	var b []byte
	for i := 0; i < len(rest) && len(b) < 11; i++ {
		c := rest[i]
		switch {
		case c == '\t' || c == '\n' || c == '\r':
			continue
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	s := string(b)
	for _, t := range []string{"image/png", "image/gif", "image/jpeg", "image/webp"} {
		if len(s) > len(t) && s[:len(t)] == t && (s[len(t)] == ';' || s[len(t)] == ',') {
			return true
		}
	}
	return false
}

// dangerousDest checks a destination as goldmark holds it, which still has
// its character references (javascript&colon;): both as the renderer will
// write it into href (URL-escaped, references resolved) and with the
// references merely resolved, in case the escaping ever hides a scheme.
//
// Without an '&' neither form can gain a ':' (URL escaping writes %3A, and
// only a reference resolves to one), so a destination with no ':', or
// starting with a scheme that is safe in every form, is let through without
// making either.
func dangerousDest(d []byte) bool {
	if bytes.IndexByte(d, '&') < 0 &&
		(bytes.IndexByte(d, ':') < 0 || bytes.HasPrefix(d, []byte("https://")) ||
			bytes.HasPrefix(d, []byte("http://")) || bytes.HasPrefix(d, []byte("mailto:"))) {
		return false
	}
	return dangerousForms(d)
}

func dangerousForms(d []byte) bool {
	if Dangerous(string(util.URLEscape(d, true))) {
		return true
	}
	r := util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(d)))
	return Dangerous(string(r))
}

// Drop records a destination that was dropped, for the author's warnings.
type Drop struct {
	Pos int    // byte offset in the parsed source; -1 if unknown
	URL string // the destination as parsed
}

var dropsKey = parser.NewContextKey()

// Dropped returns what the extension dropped while parsing with pc.
func Dropped(pc parser.Context) []Drop {
	d, _ := pc.Get(dropsKey).([]Drop)
	return d
}

type transformer struct{}

// Transform unwraps links with dangerous destinations (the text stays, the
// anchor goes), turns such autolinks into plain text and empties such image
// sources.
func (transformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	w := walker{src: reader.Source()}
	w.walk(doc)
	drops, unwrap := w.drops, w.unwrap
	// Change the tree after walking it, so the walk never sees a moved node.
	for _, n := range unwrap {
		parent := n.Parent()
		if al, ok := n.(*ast.AutoLink); ok {
			// A String is escaped when rendered: the URL shows as text.
			parent.ReplaceChild(parent, n, ast.NewString(al.Label(w.src)))
			continue
		}
		for c := n.FirstChild(); c != nil; {
			next := c.NextSibling()
			parent.InsertBefore(parent, n, c)
			c = next
		}
		parent.RemoveChild(parent, n)
	}
	if len(drops) > 0 {
		pc.Set(dropsKey, drops)
	}
}

// walker finds the links, images and autolinks under a node, in document
// order: by hand rather than with ast.Walk, which calls a closure twice for
// every node of the post.
type walker struct {
	src    []byte
	drops  []Drop
	unwrap []ast.Node
}

func (w *walker) walk(n ast.Node) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Link:
			if dangerousDest(c.Destination) {
				w.drops = append(w.drops, Drop{Pos: pos(c), URL: string(c.Destination)})
				w.unwrap = append(w.unwrap, c)
			}
		case *ast.Image:
			if dangerousDest(c.Destination) {
				w.drops = append(w.drops, Drop{Pos: pos(c), URL: string(c.Destination)})
				c.Destination = nil
			}
		case *ast.AutoLink:
			if u := c.URL(w.src); dangerousDest(u) {
				w.drops = append(w.drops, Drop{Pos: pos(c), URL: string(u)})
				w.unwrap = append(w.unwrap, c)
			}
		}
		w.walk(c)
	}
}

// pos finds a source offset for an inline node: its own, or its block's.
func pos(n ast.Node) int {
	for ; n != nil; n = n.Parent() {
		if p := n.Pos(); p >= 0 {
			return p
		}
	}
	return -1
}

type extension struct{}

// New returns the extension. It must be used with every goldmark instance
// that renders raw HTML.
func New() goldmark.Extender { return extension{} }

func (extension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(
		// Early, so later transformers never see a dangerous destination.
		util.Prioritized(transformer{}, 0),
	))
}
