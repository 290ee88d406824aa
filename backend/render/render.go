// Package render turns a post's Markdown into the HTML that the preview shows
// and the export publishes: one goldmark pipeline, built once from the site's
// settings, so the two never differ except where the preview must be inert.
package render

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync/atomic"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"

	"quire/backend/post"
	"quire/backend/render/headingid"
	"quire/backend/render/highlight"
	"quire/backend/render/internal/mdtext"
	"quire/backend/render/more"
	"quire/backend/render/safeurl"
	"quire/backend/render/shortcode"
	"quire/backend/render/sourceline"
)

// Settings are the site settings that change how posts render.
type Settings struct {
	// Typographer turns straight quotes, -- and ... into curly quotes, dashes
	// and ellipses.
	Typographer bool
	// HardWraps renders every newline inside a paragraph as <br>.
	HardWraps bool
	// Preview is the in-app preview: author HTML that could run script or
	// navigate is removed, <iframe> embeds become cards with a link, blocks
	// carry data-line (SourceLines) for scroll sync, and a front-matter error
	// is a warning rather than an error. The export leaves it off and
	// publishes author HTML as written.
	Preview bool
	// SourceLines adds data-line="N" (the line in the file) to block
	// elements. Preview turns it on.
	SourceLines bool
	// CommonMark renders plain CommonMark: no GFM, footnotes, definition
	// lists, highlighting or heading ids. The spec tests use it.
	CommonMark bool
	// XHTML writes void elements as <br />, as the CommonMark spec's examples do.
	XHTML bool
	// NoHighlight leaves fenced code as <pre><code class="language-x">, for
	// sites that highlight in the browser (Hugo's codeFences = false).
	NoHighlight bool
	// Once is for a renderer that renders each post once (the export): it
	// takes highlighted code from the process's cache but adds none to it.
	Once bool
	// WordsPerMinute is the reading speed for ReadingMinutes; 0 means 220.
	WordsPerMinute int
	// Shortcodes is what Hugo shortcodes and Liquid tags need from the
	// site: where ref and post_url links go, the _includes folder.
	Shortcodes shortcode.Config
}

// Renderer renders posts with one set of Settings. It is safe for concurrent use.
type Renderer struct {
	s  Settings
	md goldmark.Markdown
	// inner render a site shortcode's markdownify (shortcodes.go).
	inner [markdownifyDepth]innerMarkdown
	// fm is the last front matter parsed: the preview renders the same
	// front matter on every keystroke in the body.
	fm atomic.Pointer[frontMatterMemo]
	// sanitized holds, in next and nextScan, the preview's last render's
	// sanitized raw HTML, by the HTML it came from (sanitizeMemo).
	sanitized atomic.Pointer[sanitizeMemo]
}

// frontMatterMemo is a parsed front matter and what it was parsed from.
type frontMatterMemo struct {
	name, head string
	p          *post.Post
	warnings   []post.Warning
}

// New builds the goldmark pipeline for s, once.
func New(s Settings) *Renderer {
	if s.Preview {
		s.SourceLines = true
	}
	if s.WordsPerMinute <= 0 {
		s.WordsPerMinute = 220
	}
	r := &Renderer{s: s}
	r.s.Shortcodes = r.shortcodeConfig(s.Shortcodes)
	r.md = newMarkdown(r.s)
	return r
}

// newMarkdown is the one place the site's settings become goldmark options:
// one if per feature.
func newMarkdown(s Settings) goldmark.Markdown {
	// Raw HTML is the author's and is published as written; safeurl drops
	// dangerous link schemes, which goldmark stops doing once unsafe is on.
	rendererOpts := []renderer.Option{html.WithUnsafe()}
	if s.HardWraps {
		rendererOpts = append(rendererOpts, html.WithHardWraps())
	}
	if s.XHTML {
		rendererOpts = append(rendererOpts, html.WithXHTML())
	}
	exts := []goldmark.Extender{safeurl.New(), more.New()}
	if !s.CommonMark {
		exts = append(exts,
			extension.GFM, // tables, strikethrough, autolinks, task lists
			extension.Footnote,
			extension.DefinitionList,
			headingid.New(),
			shortcode.New(s.Shortcodes),
		)
		if !s.NoHighlight {
			hl := highlight.New()
			if s.Once {
				hl = highlight.NewLookupOnly()
			}
			exts = append(exts, hl)
		}
	}
	if s.Typographer {
		exts = append(exts, extension.Typographer)
	}
	if s.SourceLines {
		exts = append(exts, sourceline.New())
	}
	return goldmark.New(
		goldmark.WithExtensions(exts...),
		goldmark.WithRendererOptions(rendererOpts...),
	)
}

// Heading is an entry in the table of contents.
type Heading struct {
	Level    int       `json:"level"`
	ID       string    `json:"id"`
	Text     string    `json:"text"`
	Line     int       `json:"line"` // in the file, 1-based
	Children []Heading `json:"children,omitempty"`
}

// Result is a rendered post.
type Result struct {
	// Title is the front matter's title, else the text of the first <h1>.
	Title string `json:"title"`
	HTML  string `json:"html"`
	// Summary is the HTML before the <!--more--> divider, or "" without one.
	Summary string `json:"summary"`
	// TOC is the tree of the post's top-level headings.
	TOC            []Heading `json:"toc"`
	Words          int       `json:"words"`
	ReadingMinutes int       `json:"readingMinutes"`
	// Warnings are things the author should know (a dropped javascript:
	// link, a categories string read as a list), with the line in the file.
	Warnings []post.Warning `json:"warnings"`
	// FrontMatter is the parsed front matter (nil from RenderBody). Its
	// Body is left empty: the body is what HTML renders.
	FrontMatter *post.Post `json:"frontMatter,omitempty"`
}

// Render renders a whole file, front matter included. See RenderFile.
func (r *Renderer) Render(src []byte) (*Result, error) { return r.RenderFile("", src) }

// RenderFile renders a whole file, front matter included; name is only for
// messages. The front matter is split off and parsed with the store's parser
// (post.ParseFile), so that the two never disagree. A front-matter error is
// the *post.ParseError itself, which names the file and line; in the preview
// it is a warning instead, and the body renders all the same, so that a
// half-typed title does not blank the pane.
func (r *Renderer) RenderFile(name string, src []byte) (*Result, error) {
	_, _, body, bodyLine, splitErr := post.SplitFrontMatter(src)
	// JSON front matter has no fences: ParseFile finds where it ends.
	jsonFM := splitErr == nil && len(body) == len(src) && post.StartsWithJSON(src)
	head := src
	if splitErr == nil && utf8.Valid(body) && !jsonFM {
		// ParseFile reads the front matter alone: given the whole file it
		// would also copy the body into Post.Body, which is dropped below.
		// A body that is not UTF-8 is ParseFile's error to report.
		head = src[:len(src)-len(body)]
	}
	p, warnings, err := r.parseFrontMatter(name, head)
	if jsonFM && err == nil && p.Original != nil {
		n := len(p.Original.Head)
		body, bodyLine = src[n:], 1+bytes.Count(src[:n], []byte("\n"))
	}
	if splitErr != nil {
		// An opening fence with no closing one yet: the preview shows the
		// whole file (ParseFile has failed and says why).
		body, bodyLine = src, 1
	}
	// Without front matter the body is the file, byte order mark and all;
	// left in, it would be text and spoil a first-line heading.
	body = bytes.TrimPrefix(body, []byte("\xef\xbb\xbf"))
	if err != nil && !r.s.Preview {
		return nil, err
	}
	var page *post.Post
	if err == nil {
		page = p
	}
	res, renderErr := r.RenderBodyOf(page, body, bodyLine)
	if err != nil {
		var pe *post.ParseError
		if !r.s.Preview || !errors.As(err, &pe) {
			return nil, err
		}
		warnings = []post.Warning{{Line: pe.Line, Message: "front matter: " + pe.Msg}}
		p = nil
	}
	if renderErr != nil {
		if name != "" {
			return nil, fmt.Errorf("%s: %w", name, renderErr)
		}
		return nil, renderErr
	}
	if p != nil {
		p.Body = ""
		res.FrontMatter = p
		if p.Title != "" {
			res.Title = p.Title
		}
	}
	res.Warnings = append(warnings, res.Warnings...)
	if res.Warnings == nil {
		res.Warnings = []post.Warning{}
	}
	return res, nil
}

// parseFrontMatter is post.ParseFile, remembered for the next render of the
// same front matter (not for a renderer that renders each post once). The
// caller gets its own copy, free to change.
func (r *Renderer) parseFrontMatter(name string, head []byte) (*post.Post, []post.Warning, error) {
	if m := r.fm.Load(); m != nil && m.name == name && m.head == string(head) {
		return clonePost(m.p), slices.Clone(m.warnings), nil
	}
	p, warnings, err := post.ParseFile(name, head)
	if err == nil && !r.s.Once {
		r.fm.Store(&frontMatterMemo{name: name, head: string(head), p: clonePost(p), warnings: slices.Clone(warnings)})
	}
	return p, warnings, err
}

// clonePost is p.Clone, keeping an empty list empty rather than nil, so the
// copy reaches JavaScript as the parse did ([] and not null).
func clonePost(p *post.Post) *post.Post {
	c := p.Clone()
	if p.Categories != nil && c.Categories == nil {
		c.Categories = []string{}
	}
	if p.Tags != nil && c.Tags == nil {
		c.Tags = []string{}
	}
	return c
}

// RenderBody renders Markdown without front matter; firstLine is the line of
// the file that body starts on (1 if the file has no front matter), so that
// data-line and warnings point into the file.
func (r *Renderer) RenderBody(body []byte, firstLine int) (*Result, error) {
	return r.RenderBodyOf(nil, body, firstLine)
}

// RenderBodyOf is RenderBody for the post p (nil for none), whose front
// matter shortcodes such as param read.
func (r *Renderer) RenderBodyOf(p *post.Post, body []byte, firstLine int) (*Result, error) {
	if firstLine < 1 {
		firstLine = 1
	}
	body, deep := guardInput(body, firstLine)
	pc := parser.NewContext()
	sourceline.SetFirstLine(pc, firstLine)
	setPage(pc, p)
	doc := r.md.Parser().Parse(text.NewReader(body), parser.WithContext(pc))

	// Empty lists, not nil: they reach JavaScript as [] rather than null.
	res := &Result{TOC: []Heading{}, Warnings: append([]post.Warning{}, deep...)}
	lines := sourceline.LineIndex(pc) // nil without SourceLines: built when wanted
	lineOf := func(pos int) int {
		if lines == nil {
			lines = mdtext.NewLineIndex(body)
		}
		return lines.Line(pos) + firstLine - 1
	}
	in := inspector{src: body, lineOf: lineOf, texts: headingid.Texts(pc)}
	in.run(doc.FirstChild(), nil)
	st := in.st
	if st.toc != nil {
		res.TOC = st.toc
	}
	res.Title = st.h1
	res.Words = st.words
	if st.words > 0 {
		res.ReadingMinutes = (st.words + r.s.WordsPerMinute - 1) / r.s.WordsPerMinute
	}
	for _, d := range safeurl.Dropped(pc) {
		res.Warnings = append(res.Warnings, post.Warning{
			Line:    lineOf(d.Pos),
			Message: fmt.Sprintf("dropped the URL %q: its scheme can run script", clip(d.URL, 60)),
		})
	}

	for _, w := range shortcode.Warnings(pc) {
		res.Warnings = append(res.Warnings, post.Warning{Line: lineOf(w.Pos), Message: w.Message})
	}

	out, summaryEnd, chunks, err := r.writeBlocks(doc, body, st.rawTop)
	if err != nil {
		return nil, err
	}
	res.HTML = out
	if summaryEnd >= 0 {
		res.Summary = out[:summaryEnd]
	}
	if r.s.Preview && len(st.rawTop) > 0 {
		memo := &sanitizeMemo{next: map[string]string{}}
		if prev := r.sanitized.Load(); prev != nil {
			memo.prev, memo.prevScan = prev.next, prev.nextScan
		}
		var err error
		if res.HTML, err = sanitizeChunks(out, chunks, memo); err != nil {
			return nil, fmt.Errorf("preview: %w", err)
		}
		if summaryEnd > 0 {
			var head []chunk
			for _, c := range chunks {
				if c.end <= summaryEnd {
					head = append(head, c)
				}
			}
			if res.Summary, err = sanitizeChunks(out[:summaryEnd], head, memo); err != nil {
				return nil, fmt.Errorf("preview: %w", err)
			}
		}
		r.sanitized.Store(&sanitizeMemo{next: memo.next, nextScan: memo.nextScan})
	}
	return res, nil
}

// writeBlocks writes the top-level blocks one by one, so that the summary is
// simply the output up to the divider, with no second render. It returns
// the HTML, where the summary ends (-1 without a divider) and, for the
// preview, where each block's output is.
func (r *Renderer) writeBlocks(doc ast.Node, body []byte, rawTop map[ast.Node]bool) (string, int, []chunk, error) {
	w := &htmlWriter{}
	w.Grow(len(body) + len(body)/4)
	summaryEnd := -1
	var chunks []chunk
	for c := doc.FirstChild(); c != nil; c = c.NextSibling() {
		if c.Kind() == more.Kind && summaryEnd < 0 {
			summaryEnd = w.Len()
		}
		start := w.Len()
		if err := r.md.Renderer().Render(w, body, c); err != nil {
			return "", -1, nil, fmt.Errorf("render: %w", err)
		}
		if r.s.Preview {
			chunks = append(chunks, chunk{start: start, end: w.Len(), raw: rawTop[c]})
		}
	}
	return w.String(), summaryEnd, chunks, nil
}

// htmlWriter is the util.BufWriter the HTML is written into. Given any
// other writer, goldmark's renderer wraps it in a new bufio.Writer (4 KB)
// for every block, and every byte is copied twice. A strings.Builder hands
// its bytes over as the string without copying them again (a 15 MB
// document's HTML is 20 MB).
type htmlWriter struct{ strings.Builder }

// Available, Buffered and Flush are bufio.Writer's; nothing is held back.
func (w *htmlWriter) Available() int { return w.Cap() - w.Len() }
func (w *htmlWriter) Buffered() int  { return 0 }
func (w *htmlWriter) Flush() error   { return nil }

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

// docStats is what one walk over the parsed document collects.
type docStats struct {
	toc   []Heading
	h1    string
	words int
	// rawTop holds the top-level blocks with raw HTML in them.
	rawTop map[ast.Node]bool
}

// inspector is one walk over the parsed document, by hand rather than with
// ast.Walk, which calls a closure twice for every node.
type inspector struct {
	src    []byte
	lineOf func(int) int
	st     docStats
	wc     wordCounter
	top    ast.Node // the top-level block being walked
	// texts are the headings' texts as headingid found them, in document
	// order, as the walk meets them (unless a later transformer moved one).
	texts []headingid.Text
	// headings are the top-level headings, in order, for the table of
	// contents.
	headings []Heading
}

// run walks the top-level blocks from first up to (not including) stop.
func (in *inspector) run(first, stop ast.Node) {
	for top := first; top != stop; top = top.NextSibling() {
		in.top = top
		in.node(top, true)
	}
	in.wc.boundary()
	in.st.words = in.wc.n
	for _, h := range in.headings {
		in.st.toc = addHeading(in.st.toc, h)
	}
}

// headingText returns the text of a heading.
func (in *inspector) headingText(h *ast.Heading) string {
	if len(in.texts) > 0 && in.texts[0].Heading == h {
		t := in.texts[0].Text
		in.texts = in.texts[1:]
		return t
	}
	return mdtext.Plain(h, in.src)
}

func (in *inspector) node(n ast.Node, topLevel bool) {
	block := n.Type() == ast.TypeBlock
	if block {
		in.wc.boundary() // no word runs across blocks
	}
	switch n := n.(type) {
	case *ast.Text:
		in.wc.add(n.Segment.Value(in.src))
		if n.SoftLineBreak() || n.HardLineBreak() {
			in.wc.boundary()
		}
	case *ast.String:
		if n.IsCode() {
			in.wc.punct() // a typographer entity such as &rsquo;
		} else {
			in.wc.add(n.Value)
		}
	case *ast.HTMLBlock, *ast.RawHTML:
		if in.st.rawTop == nil {
			in.st.rawTop = map[ast.Node]bool{}
		}
		in.st.rawTop[in.top] = true
		return // its children are not walked, and it ends no word
	case *shortcode.Inline, *shortcode.Block:
		// Their HTML (an embed, an include) goes through the preview's
		// sanitizer as author HTML does.
		if in.st.rawTop == nil {
			in.st.rawTop = map[ast.Node]bool{}
		}
		in.st.rawTop[in.top] = true
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		// Code is skimmed, not read at prose speed.
		in.wc.boundary()
		return
	case *ast.Heading:
		t := in.headingText(n)
		if n.Level == 1 && in.st.h1 == "" {
			in.st.h1 = t
		}
		if topLevel {
			id := ""
			if v, ok := n.AttributeString("id"); ok {
				if b, ok := v.([]byte); ok {
					id = string(b)
				}
			}
			in.headings = append(in.headings, Heading{Level: n.Level, ID: id, Text: t, Line: in.lineOf(n.Pos())})
		}
	case *ast.AutoLink:
		in.wc.add(n.Label(in.src))
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		in.node(c, false)
	}
	if block {
		in.wc.boundary()
	}
}

// addHeading puts h in the tree: under the last heading of a lower level.
func addHeading(list []Heading, h Heading) []Heading {
	if n := len(list); n > 0 && list[n-1].Level < h.Level {
		list[n-1].Children = addHeading(list[n-1].Children, h)
		return list
	}
	return append(list, h)
}
