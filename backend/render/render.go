// Package render turns a post's Markdown into the HTML that the preview shows
// and the export publishes: one goldmark pipeline, built once from the site's
// settings, so the two never differ except where the preview must be inert.
package render

import (
	"bytes"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"

	"quire/backend/post"
	"quire/backend/render/fastparse"
	"quire/backend/render/headingid"
	"quire/backend/render/highlight"
	"quire/backend/render/internal/mdtext"
	"quire/backend/render/more"
	"quire/backend/render/safeurl"
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
	// keeps no highlighted code for the next render.
	Once bool
	// WordsPerMinute is the reading speed for ReadingMinutes; 0 means 220.
	WordsPerMinute int
}

// Renderer renders posts with one set of Settings. It is safe for concurrent use.
type Renderer struct {
	s  Settings
	md goldmark.Markdown
	hl *highlight.Extension // nil without highlighting
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
	r.md, r.hl = newMarkdown(s)
	return r
}

// newMarkdown is the one place the site's settings become goldmark options:
// one if per feature.
func newMarkdown(s Settings) (goldmark.Markdown, *highlight.Extension) {
	// Raw HTML is the author's and is published as written; safeurl drops
	// dangerous link schemes, which goldmark stops doing once unsafe is on.
	rendererOpts := []renderer.Option{html.WithUnsafe(), html.WithWriter(fastparse.Writer)}
	if s.HardWraps {
		rendererOpts = append(rendererOpts, html.WithHardWraps())
	}
	if s.XHTML {
		rendererOpts = append(rendererOpts, html.WithXHTML())
	}
	exts := []goldmark.Extender{safeurl.New(), more.New()}
	var hl *highlight.Extension
	if !s.CommonMark {
		exts = append(exts,
			fastparse.GFM, // tables, strikethrough, autolinks, task lists
			extension.Footnote,
			extension.DefinitionList,
			headingid.New(),
		)
		if !s.NoHighlight {
			hl = highlight.New()
			if s.Once {
				hl = highlight.NewUncached()
			}
			exts = append(exts, hl)
		}
	}
	if s.Typographer {
		exts = append(exts, fastparse.Typographer)
	}
	if s.SourceLines {
		exts = append(exts, sourceline.New())
	}
	return goldmark.New(
		// goldmark's parser with faster stand-ins that build the same tree.
		fastparse.WithParser(),
		goldmark.WithExtensions(exts...),
		goldmark.WithRendererOptions(rendererOpts...),
	), hl
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
	head := src
	if splitErr == nil && utf8.Valid(body) {
		// ParseFile reads the front matter alone: given the whole file it
		// would also copy the body into Post.Body, which is dropped below.
		// A body that is not UTF-8 is ParseFile's error to report.
		head = src[:len(src)-len(body)]
	}
	var (
		p        *post.Post
		warnings []post.Warning
		err      error
		done     chan struct{}
	)
	parseFrontMatter := func() { p, warnings, err = post.ParseFile(name, head) }
	if len(head) > 0 && splitErr == nil && runtime.GOMAXPROCS(0) > 1 {
		// The YAML parser takes about a tenth of a short post's render:
		// on another core, it is done by the time the body is.
		done = make(chan struct{})
		go func() {
			defer close(done)
			parseFrontMatter()
		}()
	} else {
		parseFrontMatter()
	}
	if splitErr != nil {
		// An opening fence with no closing one yet: the preview shows the
		// whole file (ParseFile has failed and says why).
		body, bodyLine = src, 1
	}
	// Without front matter the body is the file, byte order mark and all;
	// left in, it would be text and spoil a first-line heading.
	body = bytes.TrimPrefix(body, []byte("\xef\xbb\xbf"))
	if done == nil && err != nil && !r.s.Preview {
		return nil, err
	}
	res, renderErr := r.RenderBody(body, bodyLine)
	if done != nil {
		<-done
	}
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

// RenderBody renders Markdown without front matter; firstLine is the line of
// the file that body starts on (1 if the file has no front matter), so that
// data-line and warnings point into the file.
func (r *Renderer) RenderBody(body []byte, firstLine int) (*Result, error) {
	if firstLine < 1 {
		firstLine = 1
	}
	body, deep := guardInput(body, firstLine)
	pc := parser.NewContext()
	sourceline.SetFirstLine(pc, firstLine)
	doc := r.md.Parser().Parse(text.NewReader(body), parser.WithContext(pc))

	// Empty lists, not nil: they reach JavaScript as [] rather than null.
	res := &Result{TOC: []Heading{}, Warnings: append([]post.Warning{}, deep...)}
	var lines *mdtext.LineIndex
	lineOf := func(pos int) int {
		if lines == nil {
			lines = mdtext.NewLineIndex(body)
		}
		return lines.Line(pos) + firstLine - 1
	}
	st := r.inspect(doc, body, lineOf, headingid.Texts(pc))
	if r.hl != nil && len(st.code) > 1 {
		// A long post's code is highlighted on all cores before the
		// blocks are written out in order.
		r.hl.Prepare(st.code, body, runtime.GOMAXPROCS(0))
	}
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

	out, summaryEnd, chunks, err := r.writeBlocks(doc, body, st.rawTop)
	if err != nil {
		return nil, err
	}
	res.HTML = out
	if summaryEnd >= 0 {
		res.Summary = out[:summaryEnd]
	}
	if r.s.Preview && len(st.rawTop) > 0 {
		var err error
		if res.HTML, err = sanitizeChunks(out, chunks); err != nil {
			return nil, fmt.Errorf("preview: %w", err)
		}
		if summaryEnd > 0 {
			var head []chunk
			for _, c := range chunks {
				if c.end <= summaryEnd {
					head = append(head, c)
				}
			}
			if res.Summary, err = sanitizeChunks(out[:summaryEnd], head); err != nil {
				return nil, fmt.Errorf("preview: %w", err)
			}
		}
	}
	return res, nil
}

// parallelBytes is the body size from which the second half of the blocks
// is written on another core. A variable for the test that compares both.
var parallelBytes = 64 << 10

// writeBlocks writes the top-level blocks one by one, so that the summary is
// simply the output up to the divider, with no second render. It returns
// the HTML, where the summary ends (-1 without a divider) and, for the
// preview, where each block's output is.
//
// A long post's blocks are written in two halves, the second on another
// core, each into its own buffer: goldmark's renderers keep no state between
// nodes (the table renderer's per-cell style is its own cell's), so the two
// halves are the same bytes as one pass would write.
func (r *Renderer) writeBlocks(doc ast.Node, body []byte, rawTop map[ast.Node]bool) (string, int, []chunk, error) {
	second := splitPoint(doc, body) // the first block of the second half
	var (
		tail     half
		tailDone chan struct{}
	)
	if second != nil {
		tailDone = make(chan struct{})
		go func() {
			defer close(tailDone)
			tail = r.writeHalf(second, nil, body, rawTop, len(body)/2)
		}()
	}
	head := r.writeHalf(doc.FirstChild(), second, body, rawTop, len(body)+len(body)/4)
	defer head.w.release()
	if tailDone != nil {
		<-tailDone
		defer tail.w.release()
	}
	if head.err != nil {
		return "", -1, nil, head.err
	}
	if second == nil {
		return string(head.w.b), head.summaryEnd, head.chunks, nil
	}
	if tail.err != nil {
		return "", -1, nil, tail.err
	}
	n := len(head.w.b)
	summaryEnd := head.summaryEnd
	if summaryEnd < 0 && tail.summaryEnd >= 0 {
		summaryEnd = n + tail.summaryEnd
	}
	chunks := head.chunks
	for _, c := range tail.chunks {
		chunks = append(chunks, chunk{start: n + c.start, end: n + c.end, raw: c.raw})
	}
	var out strings.Builder
	out.Grow(n + len(tail.w.b))
	out.Write(head.w.b)
	out.Write(tail.w.b)
	return out.String(), summaryEnd, chunks, nil
}

// half is the output of a run of top-level blocks.
type half struct {
	w          *htmlWriter
	summaryEnd int
	chunks     []chunk
	err        error
}

// writeHalf writes the top-level blocks from first up to (not including)
// stop.
func (r *Renderer) writeHalf(first, stop ast.Node, body []byte, rawTop map[ast.Node]bool, size int) half {
	h := half{w: newHTMLWriter(size), summaryEnd: -1}
	for c := first; c != stop; c = c.NextSibling() {
		if c.Kind() == more.Kind && h.summaryEnd < 0 {
			h.summaryEnd = len(h.w.b)
		}
		start := len(h.w.b)
		if err := r.md.Renderer().Render(h.w, body, c); err != nil {
			h.err = fmt.Errorf("render: %w", err)
			return h
		}
		if r.s.Preview {
			h.chunks = append(h.chunks, chunk{start: start, end: len(h.w.b), raw: rawTop[c]})
		}
	}
	return h
}

// htmlWriter is the util.BufWriter the HTML is written into. Given any
// other writer, goldmark's renderer wraps it in a new bufio.Writer (4 KB)
// for every block, and every byte is copied twice.
type htmlWriter struct{ b []byte }

var htmlWriters sync.Pool

func newHTMLWriter(size int) *htmlWriter {
	if w, ok := htmlWriters.Get().(*htmlWriter); ok {
		w.b = slices.Grow(w.b[:0], size)
		return w
	}
	return &htmlWriter{b: make([]byte, 0, size)}
}

// release returns w to the pool, unless it grew so large (a huge post) that
// keeping it would hold on to that memory.
func (w *htmlWriter) release() {
	if cap(w.b) <= 4<<20 {
		htmlWriters.Put(w)
	}
}

func (w *htmlWriter) Write(p []byte) (int, error) {
	w.b = append(w.b, p...)
	return len(p), nil
}

func (w *htmlWriter) WriteString(s string) (int, error) {
	w.b = append(w.b, s...)
	return len(s), nil
}

func (w *htmlWriter) WriteByte(c byte) error {
	w.b = append(w.b, c)
	return nil
}

func (w *htmlWriter) WriteRune(r rune) (int, error) {
	n := len(w.b)
	w.b = utf8.AppendRune(w.b, r)
	return len(w.b) - n, nil
}

// Available, Buffered and Flush are bufio.Writer's; nothing is held back.
func (w *htmlWriter) Available() int { return cap(w.b) - len(w.b) }
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
	// code is the fenced code blocks, for highlighting ahead.
	code []*ast.FencedCodeBlock
}

func (r *Renderer) inspect(doc ast.Node, src []byte, lineOf func(int) int, texts []headingid.Text) docStats {
	split := splitPoint(doc, src)
	if split == nil {
		in := inspector{src: src, lineOf: lineOf, texts: texts}
		in.run(doc.FirstChild(), nil)
		return in.st
	}
	// A long post is walked in two halves, the second on another core.
	// lineOf builds its index on first use: build it before sharing it.
	lineOf(0)
	second := inspector{src: src, lineOf: lineOf, texts: texts}
	for len(second.texts) > 0 && second.texts[0].Heading.Pos() < split.Pos() {
		second.texts = second.texts[1:]
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		second.run(split, nil)
	}()
	first := inspector{src: src, lineOf: lineOf, texts: texts}
	first.run(doc.FirstChild(), split)
	<-done
	st := first.st
	st.words += second.st.words
	if st.h1 == "" {
		st.h1 = second.st.h1
	}
	for _, h := range second.headings {
		st.toc = addHeading(st.toc, h)
	}
	for n := range second.st.rawTop {
		if st.rawTop == nil {
			st.rawTop = map[ast.Node]bool{}
		}
		st.rawTop[n] = true
	}
	st.code = append(st.code, second.st.code...)
	return st
}

// splitPoint returns the top-level block that starts the second half of a
// long post, for work done in two halves on two cores, or nil.
func splitPoint(doc ast.Node, body []byte) ast.Node {
	if len(body) < parallelBytes || runtime.GOMAXPROCS(0) < 2 {
		return nil
	}
	for c := doc.FirstChild(); c != nil; c = c.NextSibling() {
		if c != doc.FirstChild() && c.Pos() >= len(body)/2 {
			return c
		}
	}
	return nil
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
	case *ast.FencedCodeBlock:
		in.st.code = append(in.st.code, n)
		in.wc.boundary()
		return
	case *ast.CodeBlock:
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
