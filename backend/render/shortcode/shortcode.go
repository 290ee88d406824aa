// Package shortcode is a goldmark extension that renders Hugo shortcodes
// ({{< name args >}}, {{% name %}}, paired with {{< /name >}}) and Jekyll's
// Liquid tags ({% tag args %}…{% endtag %}, {{ site.baseurl }}) at render
// time, so that imported posts keep them as their authors wrote them and
// publish as they did. One parser reads both syntaxes; code spans and fenced
// code are goldmark's and never reach it.
//
// Built-ins render as the HTML their generators give, except that embeds of
// third-party posts (gists, tweets, Instagram) are plain link cards, which run
// no script. Anything else is a visible placeholder and a warning: never the
// raw syntax on the page, and never dropped text.
package shortcode

import (
	"sort"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// Config is what the built-ins need from the site.
type Config struct {
	// Resolve finds the post that ref, relref, post_url and link name (a
	// file path such as "posts/other.md", a slug, or a Jekyll file name such
	// as "2020-01-01-first-post") and returns its permalink. Without it,
	// those links point at the name as written.
	Resolve func(target string) (permalink string, ok bool)
	// Include returns a file of the imported site's _includes/ folder, for
	// Jekyll's {% include %}. Without it an include is a placeholder.
	Include func(name string) ([]byte, bool)
	// BaseURL is site.baseurl: the path the site is served under ("" or
	// "/blog"), which relative_url puts in front of a path.
	BaseURL string
	// SiteURL is site.url: scheme and host ("https://example.com").
	SiteURL string
	// Template returns the imported Hugo site's own shortcode of a name
	// (Templates.Lookup). Without it, a name that is not a built-in is a
	// placeholder. The built-ins keep Quire's rendering.
	Template func(name string) (*Template, bool)
	// Markdownify renders Markdown for a site's shortcodes (markdownify,
	// and the inner text of {{% %}}); the render package sets it.
	Markdownify func(src string) string
}

// Page is the post being rendered, for param and page.x.
type Page struct {
	Title string
	// Param returns a front-matter value as text.
	Param func(key string) (string, bool)
}

var (
	pageKey  = parser.NewContextKey()
	warnKey  = parser.NewContextKey()
	stateKey = parser.NewContextKey()
)

// SetPage tells the extension which post it renders.
func SetPage(pc parser.Context, p Page) { pc.Set(pageKey, p) }

func pageOf(pc parser.Context) Page {
	p, _ := pc.Get(pageKey).(Page)
	return p
}

// Warning is something the author should know, at a byte offset of the source.
type Warning struct {
	Pos     int
	Message string
}

// Warnings returns the warnings of a parse with pc.
func Warnings(pc parser.Context) []Warning {
	w, _ := pc.Get(warnKey).(*[]Warning)
	if w == nil {
		return nil
	}
	// In the order of the text: block tags are checked when they close.
	sort.SliceStable(*w, func(i, j int) bool { return (*w)[i].Pos < (*w)[j].Pos })
	return *w
}

func warn(pc parser.Context, pos int, msg string) {
	w, _ := pc.Get(warnKey).(*[]Warning)
	if w == nil {
		w = &[]Warning{}
		pc.Set(warnKey, w)
	}
	*w = append(*w, Warning{Pos: pos, Message: msg})
}

// KindInline and KindBlock are the kinds of the two nodes.
var (
	KindInline = ast.NewNodeKind("Shortcode")
	KindBlock  = ast.NewNodeKind("ShortcodeBlock")
)

// Inline is a shortcode or tag inside a paragraph.
type Inline struct {
	ast.BaseInline
	Tag Tag
	// Inner is the text between a raw-bodied pair (highlight on one line).
	Inner    string
	hasInner bool
	// role says what the node stands for besides a tag: text to show as
	// written, or the end of an inline pair.
	role role
	// Literal is what a role of asText shows (escaped).
	Literal string
	// HTML is the output, set after parsing.
	HTML string
	// value is what a tag that stands for a URL or a value gives, for a
	// link destination made of it.
	value   string
	isValue bool
}

type role int

const (
	asTag role = iota
	asText
	asPairEnd
)

func (n *Inline) Kind() ast.NodeKind { return KindInline }

func (n *Inline) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Name": n.Tag.Name}, nil)
}

// Block is a shortcode or tag on a line of its own: alone, with raw lines
// (highlight, comment), or around Markdown (raw, unknown pairs).
type Block struct {
	ast.BaseBlock
	Tag Tag
	// rawBody marks a pair whose lines are text, not Markdown.
	rawBody bool
	// paired marks a pair (its closer was found ahead).
	paired bool
	closed bool
	// closer is the closing tag's text, for an unclosed pair's warning.
	source string
	// nest counts the pairs of the same name open among raw lines.
	nest int
	// Open and Close are the output around the children (Close is "" for a leaf).
	Open, Close string
}

func (n *Block) Kind() ast.NodeKind { return KindBlock }

func (n *Block) IsRaw() bool { return n.rawBody }

func (n *Block) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Name": n.Tag.Name}, nil)
}

// Extension is the goldmark extension.
type Extension struct{ c Config }

// New returns the extension.
func New(c Config) *Extension { return &Extension{c: c} }

func (e *Extension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		// Ahead of the paragraph and of goldmark's other block parsers on '{'
		// (none today), and of text.
		parser.WithBlockParsers(util.Prioritized(blockParser{site: e.c.Template}, 90)),
		parser.WithInlineParsers(util.Prioritized(inlineParser{site: e.c.Template}, 90)),
		parser.WithASTTransformers(util.Prioritized(&transformer{c: e.c}, 90)),
	)
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(nodeRenderer{}, 200)))
}
