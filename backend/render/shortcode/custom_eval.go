package shortcode

import (
	"bytes"

	"github.com/yuin/goldmark/text"

	"strings"
)

// hugoBuiltins are the Hugo shortcodes Quire renders itself: a site's own
// template of the same name is not used for them (see Config.Template).
var hugoBuiltins = map[string]bool{
	"youtube": true, "vimeo": true, "figure": true, "highlight": true, "ref": true, "relref": true,
	"param": true, "gist": true, "x": true, "tweet": true, "instagram": true, "comment": true, "details": true,
}

// Builtin reports whether Quire renders the Hugo shortcode name itself.
func Builtin(name string) bool { return hugoBuiltins[strings.ToLower(name)] }

// runnable reports whether t is a use of a site's shortcode that Quire
// can run: its pair then takes the text between as .Inner, not Markdown.
func runnable(site func(string) (*Template, bool), t *Tag) bool {
	if site == nil || (t.Syntax != Hugo && t.Syntax != HugoMarkdown) || hugoBuiltins[strings.ToLower(t.Name)] {
		return false
	}
	tp, ok := site(t.Name)
	return ok && tp.Err == nil
}

// site renders a shortcode with the site's own template; inner is the
// text between a pair. A template that cannot run is a warning naming its
// file and line, and the placeholder, with the inner text still shown.
func (ev *evaluator) site(t *Tag, pos int, block bool, inner string) result {
	var tp *Template
	ok := false
	if ev.c.Template != nil {
		tp, ok = ev.c.Template(t.Name)
	}
	if !ok {
		return ev.unknown(t, pos, block)
	}
	err := tp.Err
	out := ""
	if err == nil {
		out, err = tp.run(&Call{tag: t, inner: inner, rendered: t.Syntax == HugoMarkdown, page: ev.page, md: ev.c.Markdownify, total: &ev.steps})
	}
	if err != nil {
		ev.warn(pos, "shortcode '%s' is not rendered: %v", t.Name, err)
		return ev.fallback(t, block, inner)
	}
	return htmlOf(strings.TrimRight(out, "\n"))
}

// fallback is the placeholder of a site shortcode that did not run, with
// the text between its pair, so that none of the post is lost.
func (ev *evaluator) fallback(t *Tag, block bool, inner string) result {
	r := placeholder(t, block)
	if strings.TrimSpace(inner) == "" {
		return r
	}
	body := string((&Call{md: ev.c.Markdownify}).markdown(inner, !block))
	if !block {
		return htmlOf(r.html + " " + body)
	}
	return htmlOf(strings.TrimSuffix(r.html, "</div>") + body + "</div>")
}

// oneLinePair reads a site shortcode's pair written on one line of its own,
// {{< note >}}text{{< /note >}}, as a block: its output is a block (a
// <div>), which a paragraph cannot hold. nil when the line is not that.
func (b blockParser) oneLinePair(t Tag, line []byte, seg text.Segment, pos int) *Block {
	if t.SelfClose || !runnable(b.site, &t) {
		return nil
	}
	rest := bytes.TrimRight(line[pos+t.Len:], " \t\r\n")
	i := bytes.LastIndex(rest, []byte("{{"))
	if i < 0 {
		return nil
	}
	c, ok := lexTag(rest[i:])
	if !ok || !c.closes(&t) || i+c.Len != len(rest) || bytes.Contains(rest[:i], []byte("{{")) {
		return nil // a closer elsewhere, or other tags inside: left to the inline parser
	}
	n := &Block{Tag: t, source: string(line[pos : pos+t.Len]), paired: true, closed: true, rawBody: true}
	n.SetPos(seg.Start + pos)
	start := seg.Start + pos + t.Len
	n.Lines().Append(text.NewSegment(start, start+i))
	return n
}

// rawNested reads a line of a raw-bodied pair that holds tag t alone: it
// reports whether t belongs to a pair of the same name inside n's lines
// (an opener with its own closer ahead, or that pair's closer), which is
// then text of n, not n's end. after is where the line ends in src.
func (n *Block) rawNested(t *Tag, src []byte, after int) bool {
	if !n.rawBody {
		return false
	}
	switch {
	case t.closes(&n.Tag) && n.nest > 0:
		n.nest--
		return true
	case t.opensSame(&n.Tag):
		if _, _, ok := findCloser(src, after, len(src), t, true); ok {
			n.nest++
		}
		return true
	}
	return false
}
