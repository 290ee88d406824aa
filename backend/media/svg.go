package media

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// CleanSVG returns an SVG document without what can run script when the
// file is opened on its own (an <img> never runs it, but a reader can open
// /media/NAME.svg, and then it runs in the site's origin): <script> and
// <foreignObject> elements, on* event attributes, links and animations to
// javascript: and similar URLs, processing instructions other than the XML
// declaration and the DOCTYPE (with any entities it declares). Comments go
// too. removed counts what was taken out; with nothing taken out the
// document is still written anew, the same up to its serialisation.
func CleanSVG(data []byte) (out []byte, removed int, err error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	var b bytes.Buffer
	b.Grow(len(data))
	skip := 0 // depth inside a dropped element
	for {
		tok, err := d.RawToken()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, removed, fmt.Errorf("svg: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if skip > 0 {
				skip++
				continue
			}
			if dangerousElement(t) {
				skip = 1
				removed++
				continue
			}
			b.WriteByte('<')
			b.WriteString(qname(t.Name))
			for _, a := range t.Attr {
				if dangerousAttr(a) {
					removed++
					continue
				}
				b.WriteByte(' ')
				b.WriteString(qname(a.Name))
				b.WriteString(`="`)
				xml.EscapeText(&b, []byte(a.Value))
				b.WriteByte('"')
			}
			b.WriteByte('>')
		case xml.EndElement:
			if skip > 0 {
				skip--
				continue
			}
			b.WriteString("</")
			b.WriteString(qname(t.Name))
			b.WriteByte('>')
		case xml.CharData:
			if skip == 0 {
				xml.EscapeText(&b, t)
			}
		case xml.ProcInst:
			if t.Target == "xml" && skip == 0 {
				b.WriteString("<?xml ")
				b.Write(t.Inst)
				b.WriteString("?>")
			} else {
				removed++
			}
		case xml.Directive:
			// A DOCTYPE: an SVG needs none, and its entities could put
			// back what is taken out here.
		case xml.Comment:
		}
	}
	return b.Bytes(), removed, nil
}

func qname(n xml.Name) string {
	if n.Space == "" {
		return n.Local
	}
	return n.Space + ":" + n.Local
}

// dangerousElement: script, an HTML island, or an animation that sets a
// link or an event handler.
func dangerousElement(t xml.StartElement) bool {
	switch strings.ToLower(t.Name.Local) {
	case "script", "foreignobject", "handler", "listener":
		return true
	case "set", "animate", "animatemotion", "animatetransform", "animatecolor":
		for _, a := range t.Attr {
			if strings.EqualFold(a.Name.Local, "attributeName") {
				v := strings.ToLower(strings.TrimSpace(a.Value))
				if i := strings.IndexByte(v, ':'); i >= 0 {
					v = v[i+1:]
				}
				if v == "href" || strings.HasPrefix(v, "on") {
					return true
				}
			}
			if (a.Name.Local == "to" || a.Name.Local == "values" || a.Name.Local == "from" || a.Name.Local == "by") && scriptURL(a.Value) {
				return true
			}
		}
	}
	return false
}

// dangerousAttr: an event handler, or a URL that runs script.
func dangerousAttr(a xml.Attr) bool {
	local := strings.ToLower(a.Name.Local)
	if strings.HasPrefix(local, "on") {
		return true
	}
	return scriptURL(a.Value) && (local == "href" || local == "src" || local == "action" || local == "formaction" || local == "to" || local == "values" || local == "from" || local == "by")
}

// scriptURL: a URL whose scheme runs script or makes a document
// (whitespace and control characters inside the scheme are ignored, as
// browsers do).
func scriptURL(v string) bool {
	var s strings.Builder
	for _, r := range v {
		if r > ' ' {
			s.WriteRune(r)
		}
		if s.Len() > 16 {
			break
		}
	}
	u := strings.ToLower(s.String())
	return strings.HasPrefix(u, "javascript:") || strings.HasPrefix(u, "vbscript:") || strings.HasPrefix(u, "data:text") ||
		strings.HasPrefix(u, "data:application") || strings.HasPrefix(u, "data:image/svg")
}
