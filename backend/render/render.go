// Package render turns a post's Markdown into the HTML that the preview shows
// and the export publishes: one goldmark pipeline, built once from the site's
// settings, so the two never differ except where the preview must be inert.
package render

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"runtime"

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
	rendererOpts := []renderer.Option{html.WithUnsafe()}
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
	p, warnings, err := post.ParseFile(name, src)
	if err != nil {
		var pe *post.ParseError
		if !r.s.Preview || !errors.As(err, &pe) {
			return nil, err
		}
		warnings = []post.Warning{{Line: pe.Line, Message: "front matter: " + pe.Msg}}
		p = nil
	}
	_, _, body, bodyLine, err := post.SplitFrontMatter(src)
	if err != nil {
		if !r.s.Preview {
			return nil, err
		}
		// An opening fence with no closing one yet: show the whole file.
		body, bodyLine = src, 1
	}
	// Without front matter the body is the file, byte order mark and all;
	// left in, it would be text and spoil a first-line heading.
	body = bytes.TrimPrefix(body, []byte("\xef\xbb\xbf"))
	res, err := r.RenderBody(body, bodyLine)
	if err != nil {
		if name != "" {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		return nil, err
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
	pc := parser.NewContext()
	sourceline.SetFirstLine(pc, firstLine)
	doc := r.md.Parser().Parse(text.NewReader(body), parser.WithContext(pc))

	// Empty lists, not nil: they reach JavaScript as [] rather than null.
	res := &Result{TOC: []Heading{}, Warnings: []post.Warning{}}
	var lines *mdtext.LineIndex
	lineOf := func(pos int) int {
		if lines == nil {
			lines = mdtext.NewLineIndex(body)
		}
		return lines.Line(pos) + firstLine - 1
	}
	st := r.inspect(doc, body, lineOf)
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

	// Render the top-level blocks one by one so that the summary is simply
	// the output up to the divider, with no second render.
	var buf bytes.Buffer
	buf.Grow(len(body) + len(body)/4)
	w := bufio.NewWriter(&buf)
	summaryEnd := -1
	var chunks []chunk // one per top-level block, for the preview
	for c := doc.FirstChild(); c != nil; c = c.NextSibling() {
		if c.Kind() == more.Kind && summaryEnd < 0 {
			summaryEnd = buf.Len()
		}
		start := buf.Len()
		if err := r.md.Renderer().Render(w, body, c); err != nil {
			return nil, fmt.Errorf("render: %w", err)
		}
		if r.s.Preview {
			chunks = append(chunks, chunk{start: start, end: buf.Len(), raw: st.rawTop[c]})
		}
	}
	out := buf.String()
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

func (r *Renderer) inspect(doc ast.Node, src []byte, lineOf func(int) int) docStats {
	var st docStats
	var wc wordCounter
	var top ast.Node // the top-level block being walked
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if n.Type() == ast.TypeBlock {
			wc.boundary() // no word runs across blocks
		}
		if !entering {
			return ast.WalkContinue, nil
		}
		if n.Parent() == doc {
			top = n
		}
		switch n := n.(type) {
		case *ast.HTMLBlock, *ast.RawHTML:
			if st.rawTop == nil {
				st.rawTop = map[ast.Node]bool{}
			}
			st.rawTop[top] = true
			return ast.WalkSkipChildren, nil
		case *ast.FencedCodeBlock:
			st.code = append(st.code, n)
			return ast.WalkSkipChildren, nil
		case *ast.CodeBlock:
			// Code is skimmed, not read at prose speed.
			return ast.WalkSkipChildren, nil
		case *ast.Heading:
			t := mdtext.Plain(n, src)
			if n.Level == 1 && st.h1 == "" {
				st.h1 = t
			}
			if n.Parent() != nil && n.Parent().Kind() == ast.KindDocument {
				id := ""
				if v, ok := n.AttributeString("id"); ok {
					if b, ok := v.([]byte); ok {
						id = string(b)
					}
				}
				st.toc = addHeading(st.toc, Heading{Level: n.Level, ID: id, Text: t, Line: lineOf(n.Pos())})
			}
		case *ast.Text:
			wc.add(n.Segment.Value(src))
			if n.SoftLineBreak() || n.HardLineBreak() {
				wc.boundary()
			}
		case *ast.String:
			if n.IsCode() {
				wc.punct() // a typographer entity such as &rsquo;
			} else {
				wc.add(n.Value)
			}
		case *ast.AutoLink:
			wc.add(n.Label(src))
		}
		return ast.WalkContinue, nil
	})
	wc.boundary()
	st.words = wc.n
	return st
}

// addHeading puts h in the tree: under the last heading of a lower level.
func addHeading(list []Heading, h Heading) []Heading {
	if n := len(list); n > 0 && list[n-1].Level < h.Level {
		list[n-1].Children = addHeading(list[n-1].Children, h)
		return list
	}
	return append(list, h)
}
