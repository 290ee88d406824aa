package render

import (
	"bytes"
	"io"
	"net/url"
	"slices"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"quire/backend/render/safeurl"
)

// sanitizePreview makes the rendered HTML inert for the in-app preview: it
// removes what could run script or navigate the app, and replaces embedded
// frames with a card linking to their source (the app works offline and the
// preview runs no script, so a YouTube frame could not play anyway).
//
// The preview pane's sandbox (no allow-scripts) and Content-Security-Policy are
// the real guard; this is the second belt. It parses src the way a browser
// does (HTML5 tree building, scripting disabled as in a sandboxed frame)
// rather than filtering each raw HTML fragment alone, because a fragment can
// change how the next one is read: an unclosed attribute quote or <textarea>
// in one block swallows the markup after it (sanitizeChunks decides how much
// of the post to hand over at once). What comes out is the serialization of
// the cleaned tree, so the browser sees exactly the elements that were checked.
func sanitizePreview(src string) (string, error) {
	ctx := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	nodes, err := html.ParseFragmentWithOptions(strings.NewReader(src), ctx, html.ParseOptionEnableScripting(false))
	if err != nil {
		return "", err
	}
	root := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	for _, n := range nodes {
		root.AppendChild(n)
	}
	cleanChildren(root, false)
	var b bytes.Buffer
	b.Grow(len(src))
	for c := root.FirstChild; c != nil; c = c.NextSibling {
		if err := html.Render(&b, c); err != nil {
			return "", err
		}
	}
	return b.String(), nil
}

// chunk is the output of one top-level block.
type chunk struct {
	start, end int
	raw        bool // holds author HTML
}

// sanitizeChunks sanitizes a rendered post for the preview, block by block.
//
// Blocks without raw HTML are goldmark's own markup, complete and with their
// URLs checked, and go through as they are. A block with raw HTML is
// sanitized together with the blocks after it for as long as its HTML may
// still be open (a <details> wrapping Markdown, an unclosed quote or
// comment), so that the preview reads it as the browser reads the export.
// Whatever is sanitized comes out as a serialized tree, complete in itself,
// so no grouping, however short, lets author HTML reach past it: grouping
// only decides fidelity, and when in doubt a group runs to the end of the post.
//
// memo, when not nil, remembers the groups already sanitized.
func sanitizeChunks(s string, chunks []chunk, memo *sanitizeMemo) (string, error) {
	var b strings.Builder
	b.Grow(len(s) + len(s)/8)
	for i := 0; i < len(chunks); i++ {
		c := chunks[i]
		if !c.raw {
			b.WriteString(s[c.start:c.end])
			continue
		}
		var open []string
		j := i
		for ; j < len(chunks)-1; j++ {
			var clean bool
			if open, clean = memo.scanOpen(s[chunks[j].start:chunks[j].end], open); !clean {
				j = len(chunks) - 1
				break
			}
			if len(open) == 0 {
				break
			}
		}
		out, err := memo.sanitize(s[c.start:chunks[j].end])
		if err != nil {
			return "", err
		}
		b.WriteString(out)
		i = j
	}
	return b.String(), nil
}

// sanitizeMemo is sanitizePreview remembered from one render of the preview
// to the next: a keystroke changes one block, and the raw HTML around it
// (embeds, tables, <details>) comes out of the sanitizer the same as before.
// sanitizePreview depends on its input alone, so a remembered group is the
// group sanitized again. What one render used is all the next may reuse, so
// it holds no more than one post.
type sanitizeMemo struct {
	prev map[string]string // the previous render's groups, read-only
	next map[string]string // this render's
	// prevScan and nextScan are scanOpen's results for blocks scanned with
	// nothing open before them, the same way.
	prevScan, nextScan map[string]scanned
}

// scanned is what scanOpen returned.
type scanned struct {
	open  []string
	clean bool
}

// scanOpen is scanOpen, remembered for a block that starts with nothing
// open (a block continuing a group depends on what the group left open).
func (m *sanitizeMemo) scanOpen(block string, open []string) ([]string, bool) {
	if m == nil || len(open) > 0 {
		return scanOpen(block, open)
	}
	r, ok := m.nextScan[block]
	if !ok {
		if r, ok = m.prevScan[block]; !ok {
			r.open, r.clean = scanOpen(block, nil)
		}
		if m.nextScan == nil {
			m.nextScan = map[string]scanned{}
		}
		m.nextScan[strings.Clone(block)] = r
	}
	// The caller appends to what it gets: a copy keeps the remembered one.
	return slices.Clone(r.open), r.clean
}

func (m *sanitizeMemo) sanitize(group string) (string, error) {
	if m == nil {
		return sanitizePreview(group)
	}
	if out, ok := m.next[group]; ok {
		return out, nil
	}
	out, ok := m.prev[group]
	if !ok {
		var err error
		if out, err = sanitizePreview(group); err != nil {
			return "", err
		}
	}
	// A copy: the key would otherwise keep the whole rendered post alive.
	m.next[strings.Clone(group)] = out
	return out, nil
}

// voidElements never have an end tag.
var voidElements = map[string]bool{
	"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true,
	"img": true, "input": true, "link": true, "meta": true, "param": true,
	"source": true, "track": true, "wbr": true, "keygen": true,
}

// scanOpen tokenizes a block's HTML and tracks which elements it leaves
// open, starting from those left open before it. It errs towards "open": an
// end tag closes only the innermost element and only if the names match, so
// implied and misnested closes keep a group going rather than end it early.
// clean is false when the block ends inside a tag or comment.
func scanOpen(s string, open []string) (_ []string, clean bool) {
	z := html.NewTokenizer(strings.NewReader(s))
	consumed := 0
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		raw := z.Raw()
		consumed += len(raw)
		switch tt {
		case html.StartTagToken, html.SelfClosingTagToken:
			// The slash means nothing on an HTML element; counting it open
			// errs the safe way for SVG.
			name, _ := z.TagName()
			if !voidElements[string(name)] {
				open = append(open, string(name))
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			if n := len(open); n > 0 && open[n-1] == string(name) {
				open = open[:n-1]
			}
		case html.CommentToken, html.DoctypeToken:
			if !closedComment(raw) {
				return open, false
			}
		}
	}
	if z.Err() != io.EOF || consumed < len(s) {
		return open, false // the block ends inside a tag
	}
	return open, true
}

func closedComment(raw []byte) bool {
	if bytes.HasPrefix(raw, []byte("<!--")) {
		return bytes.HasSuffix(raw, []byte("-->")) || string(raw) == "<!-->" || string(raw) == "<!--->"
	}
	return bytes.HasSuffix(raw, []byte(">"))
}

// Elements removed with their content.
var dropElements = map[string]bool{
	"script": true, "object": true, "embed": true, "applet": true, "param": true,
	"base": true, "meta": true, "link": true, "frame": true, "frameset": true,
	"portal": true, "fencedframe": true, "template": true,
	// SVG animation can set href to a javascript: URL after the fact.
	"animate": true, "set": true, "animatemotion": true, "animatetransform": true,
	"animatecolor": true, "handler": true, "listener": true,
}

// Elements removed with their content kept: a form cannot submit, a
// noscript's fallback shows (scripting is off in the preview).
var unwrapElements = map[string]bool{"form": true, "noscript": true}

// Attributes that hold a URL to check; srcset-like lists are checked item by item.
var urlAttrs = map[string]bool{
	"href": true, "src": true, "action": true, "formaction": true, "data": true,
	"poster": true, "background": true, "cite": true, "codebase": true, "dynsrc": true,
	"lowsrc": true, "longdesc": true, "usemap": true, "manifest": true, "icon": true,
	"xlink:href": true, "srcset": true, "imagesrcset": true, "ping": true, "archive": true,
	"to": true, "from": true, "values": true, "by": true,
}

// Attributes removed outright: a document inside the frame, and ways to aim
// navigation out of the preview.
var dropAttrs = map[string]bool{
	"srcdoc": true, "target": true, "formtarget": true, "ping": true,
	"action": true, "formaction": true, "http-equiv": true,
}

func cleanChildren(n *html.Node, inForeign bool) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		cleanNode(c, inForeign)
		c = next
	}
}

func cleanNode(n *html.Node, inForeign bool) {
	if n.Type != html.ElementNode {
		return
	}
	name := strings.ToLower(n.Data)
	switch {
	case dropElements[name]:
		n.Parent.RemoveChild(n)
		return
	case name == "style" && (inForeign || n.Namespace != ""):
		// Inside SVG or MathML a <style> can be read as raw text by one
		// parse and as markup by the next: the classic mutation-XSS shape.
		// HTML <style> outside them stays.
		n.Parent.RemoveChild(n)
		return
	case n.Namespace == "" && (name == "mglyph" || name == "malignmark"):
		// As HTML elements these exist only through foster-parenting
		// tricks, and they turn back into MathML when parsed again.
		n.Parent.RemoveChild(n)
		return
	case name == "iframe" && n.Namespace == "":
		n.Parent.InsertBefore(embedCard(n), n)
		n.Parent.RemoveChild(n)
		return
	}
	cleanAttrs(n)
	cleanChildren(n, inForeign || n.Namespace != "")
	if unwrapElements[name] {
		for c := n.FirstChild; c != nil; {
			next := c.NextSibling
			n.RemoveChild(c)
			n.Parent.InsertBefore(c, n)
			c = next
		}
		n.Parent.RemoveChild(n)
	}
}

func cleanAttrs(n *html.Node) {
	kept := n.Attr[:0]
	for _, a := range n.Attr {
		key := strings.ToLower(a.Key)
		if a.Namespace != "" {
			key = a.Namespace + ":" + key
		}
		switch {
		case strings.HasPrefix(strings.ToLower(a.Key), "on"):
			continue
		case dropAttrs[key]:
			continue
		case urlAttrs[key] || urlAttrs[strings.ToLower(a.Key)]:
			if dangerousAttrURL(key, a.Val) {
				continue
			}
		}
		kept = append(kept, a)
	}
	n.Attr = kept
}

// dangerousAttrURL checks a URL attribute; srcset holds "URL descriptor, ...".
func dangerousAttrURL(key, val string) bool {
	switch key {
	case "srcset", "imagesrcset":
		for _, item := range strings.Split(val, ",") {
			if f := strings.Fields(item); len(f) > 0 && safeurl.Dangerous(f[0]) {
				return true
			}
		}
		return false
	case "values":
		for _, item := range strings.Split(val, ";") {
			if safeurl.Dangerous(item) {
				return true
			}
		}
		return false
	}
	return safeurl.Dangerous(val)
}

// embedCard is what an <iframe> becomes in the preview: its title (or the
// host it embeds) and a plain link to its source, which the app opens in the
// system browser.
func embedCard(f *html.Node) *html.Node {
	var src, title, line string
	for _, a := range f.Attr {
		switch strings.ToLower(a.Key) {
		case "src":
			src = strings.TrimSpace(a.Val)
		case "title":
			title = strings.TrimSpace(a.Val)
		case "data-line":
			line = a.Val
		}
	}
	if safeurl.Dangerous(src) {
		src = ""
	}
	if strings.HasPrefix(src, "//") {
		// Protocol-relative: in the app it would resolve against the app's
		// own scheme; the published page is served over https.
		src = "https:" + src
	}
	host := ""
	if u, err := url.Parse(src); err == nil {
		host = u.Host
	}
	if title == "" {
		title = host
	}
	if title == "" {
		title = "Embedded frame"
	}

	card := element("div", html.Attribute{Key: "class", Val: "embed-card"})
	if line != "" {
		card.Attr = append(card.Attr, html.Attribute{Key: "data-line", Val: line})
	}
	label := element("span", html.Attribute{Key: "class", Val: "embed-card-label"})
	label.AppendChild(&html.Node{Type: html.TextNode, Data: "Embedded content, shown on the published page"})
	card.AppendChild(label)
	card.AppendChild(&html.Node{Type: html.TextNode, Data: "\n"})
	t := element("strong", html.Attribute{Key: "class", Val: "embed-card-title"})
	t.AppendChild(&html.Node{Type: html.TextNode, Data: title})
	card.AppendChild(t)
	if src != "" {
		card.AppendChild(&html.Node{Type: html.TextNode, Data: "\n"})
		a := element("a", html.Attribute{Key: "class", Val: "embed-card-link"}, html.Attribute{Key: "href", Val: src})
		a.AppendChild(&html.Node{Type: html.TextNode, Data: src})
		card.AppendChild(a)
	}
	return card
}

func element(name string, attrs ...html.Attribute) *html.Node {
	return &html.Node{Type: html.ElementNode, Data: name, DataAtom: atom.Lookup([]byte(name)), Attr: attrs}
}
