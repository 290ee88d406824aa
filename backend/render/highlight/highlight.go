// Package highlight is a goldmark extension that highlights fenced code with
// chroma's lexers and its HTML formatter, as CSS classes (so one page works in
// light and dark themes).
//
// The live preview renders the whole post on every keystroke while its code
// blocks rarely change, so highlighted code is kept in a bounded cache shared
// by every renderer in the process (see cache), keyed by language, options
// and code; the block's wrapper, which carries data-line and so changes
// whenever a line is added above, is written fresh each time. Languages are
// resolved once per process (see Lexer).
//
// A highlighted block is <div class="highlight"><pre class="chroma"><code>…
// (Hugo's markup, so Hugo themes' CSS fits); a block in a language chroma
// does not know is <pre><code class="language-x">. Options go in braces after
// the language, as in Hugo: ```go {hl_lines=[2,"4-5"] linenos=table
// linenostart=10}, and {nohl=true} turns highlighting off.
package highlight

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/styles"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// LineAttr is the node attribute written on the wrapper when present (set by
// the sourceline extension).
const LineAttr = "data-line"

// The shared cache holds at most this much highlighted HTML (plus its keys).
const cacheBytes = 8 << 20

// plain formats blocks without options. Formatters are safe for concurrent
// use, and sharing one keeps chroma from recomputing its style table per block.
var plain = chromahtml.New(chromahtml.WithClasses(true))

// formatStyle is handed to chroma's formatter, which wants one even though
// with classes the HTML does not depend on it.
var formatStyle = styles.Get("github")

type nodeRenderer struct {
	html.Config
	lookupOnly bool // adds nothing to the shared cache
}

func (r *nodeRenderer) SetOption(name renderer.OptionName, value any) {
	r.Config.SetOption(name, value)
}

func (r *nodeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindFencedCodeBlock, r.render)
}

// options are what a fence's {…} may set.
type options struct {
	hlLines     [][2]int
	lineNumbers bool
	table       bool
	start       int
	nohl        bool
}

func (o options) key() string {
	if !o.lineNumbers && o.hlLines == nil && !o.nohl && o.start == 0 {
		return ""
	}
	return fmt.Sprint(o.hlLines, o.lineNumbers, o.table, o.start, o.nohl)
}

func (o options) formatter() *chromahtml.Formatter {
	if o.key() == "" {
		return plain
	}
	opts := []chromahtml.Option{chromahtml.WithClasses(true)}
	if o.lineNumbers {
		opts = append(opts, chromahtml.WithLineNumbers(true), chromahtml.LineNumbersInTable(o.table))
	}
	if o.start != 0 {
		opts = append(opts, chromahtml.BaseLineNumber(o.start))
	}
	if o.hlLines != nil {
		opts = append(opts, chromahtml.HighlightLines(o.hlLines))
	}
	return chromahtml.New(opts...)
}

// parseOptions reads the {…} part of an info string with goldmark's
// attribute parser; anything it does not understand is ignored.
func parseOptions(info []byte) options {
	var o options
	i := bytes.IndexByte(info, '{')
	if i < 0 {
		return o
	}
	attrs, ok := parser.ParseAttributes(text.NewReader(info[i:]))
	if !ok {
		return o
	}
	base := 1
	for _, a := range attrs {
		switch string(a.Name) {
		case "linenostart":
			if f, ok := a.Value.(float64); ok && f >= 0 && f < 1e9 {
				o.start = int(f)
				base = o.start
			}
		case "nohl":
			o.nohl = a.Value != false
		case "linenos":
			switch v := a.Value.(type) {
			case bool:
				o.lineNumbers = v
			case []byte:
				o.lineNumbers = true
				o.table = string(v) == "table"
			}
		}
	}
	for _, a := range attrs {
		if string(a.Name) != "hl_lines" {
			continue
		}
		list, _ := a.Value.([]any)
		for _, item := range list {
			var lo, hi int
			switch v := item.(type) {
			case float64:
				lo, hi = int(v), int(v)
			case []byte:
				l, h, found := strings.Cut(string(v), "-")
				var err error
				if lo, err = strconv.Atoi(l); err != nil {
					continue
				}
				hi = lo
				if found {
					if hi, err = strconv.Atoi(h); err != nil {
						continue
					}
				}
			default:
				continue
			}
			if lo < 1 || hi < lo || hi-lo > 1e6 {
				continue
			}
			o.hlLines = append(o.hlLines, [2]int{lo + base - 1, hi + base - 1})
		}
	}
	return o
}

// block is what a fenced code block is highlighted from.
type block struct {
	lexer chroma.Lexer // nil: not highlighted
	lang  []byte
	o     options
	n     *ast.FencedCodeBlock
	src   []byte
}

func blockOf(n *ast.FencedCodeBlock, src []byte) block {
	b := block{lang: n.Language(src), n: n, src: src}
	if n.Info != nil {
		b.o = parseOptions(n.Info.Segment.Value(src))
	}
	if len(b.lang) > 0 && !b.o.nohl {
		b.lexer = Lexer(string(b.lang))
	}
	return b
}

// key hashes what the block's highlighted HTML depends on.
func (b block) key() cacheKey {
	h := sha256.New()
	_, _ = h.Write(b.lang)
	_, _ = h.Write([]byte{0})
	_, _ = io.WriteString(h, b.o.key())
	_, _ = h.Write([]byte{0})
	for i := 0; i < b.n.Lines().Len(); i++ {
		seg := b.n.Lines().At(i)
		_, _ = h.Write(seg.Value(b.src))
	}
	var k cacheKey
	h.Sum(k[:0])
	return k
}

func (b block) code() string {
	var code strings.Builder
	for i := 0; i < b.n.Lines().Len(); i++ {
		seg := b.n.Lines().At(i)
		code.Write(seg.Value(b.src))
	}
	return code.String()
}

func (r *nodeRenderer) render(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.FencedCodeBlock)
	var line []byte
	if v, ok := n.AttributeString(LineAttr); ok {
		line, _ = v.([]byte)
	}
	b := blockOf(n, src)
	if b.lexer != nil {
		if out, ok := r.highlight(b); ok {
			_, _ = w.WriteString(`<div class="highlight"`)
			writeLine(w, line)
			_ = w.WriteByte('>')
			_, _ = w.WriteString(out)
			_, _ = w.WriteString("</div>\n")
			return ast.WalkContinue, nil
		}
	}

	_, _ = w.WriteString("<pre")
	writeLine(w, line)
	_, _ = w.WriteString("><code")
	if len(b.lang) > 0 {
		// The info string is the author's: escaped (```"><script> fences).
		_, _ = w.WriteString(` class="language-`)
		r.Writer.Write(w, b.lang)
		_ = w.WriteByte('"')
	}
	_ = w.WriteByte('>')
	for i := 0; i < n.Lines().Len(); i++ {
		seg := n.Lines().At(i)
		r.Writer.RawWrite(w, seg.Value(src))
	}
	_, _ = w.WriteString("</code></pre>\n")
	return ast.WalkContinue, nil
}

func writeLine(w util.BufWriter, line []byte) {
	if line != nil {
		_, _ = w.WriteString(` data-line="`)
		_, _ = w.Write(util.EscapeHTML(line))
		_ = w.WriteByte('"')
	}
}

// highlight returns chroma's HTML for a block, from the cache when it can.
// A block chroma cannot highlight is not remembered: it is rare, and it is
// written plain.
func (r *nodeRenderer) highlight(b block) (string, bool) {
	key := b.key()
	if out, ok := shared.get(key); ok {
		return out, true
	}
	d := disk()
	if d != nil {
		if out, ok := d.Get(key); ok {
			if !r.lookupOnly {
				shared.put(key, out)
			}
			return out, true
		}
	}
	out, ok := format(b.lexer, b.o, b.code())
	if ok && !r.lookupOnly {
		shared.put(key, out)
	}
	if ok && d != nil && r.lookupOnly {
		// Only the export keeps blocks on disk: its blocks are saved
		// posts', while the preview's change with every key typed in them.
		d.Put(key, out)
	}
	return out, ok
}

// format highlights code with chroma. A lexer that panics (chroma's spade
// lexer does on some Python: "unknown state lifetime") or loops (see guard)
// leaves the block unhighlighted rather than taking the render, and the app,
// down.
func format(l chroma.Lexer, o options, code string) (html string, ok bool) {
	defer func() {
		if recover() != nil {
			html, ok = "", false
		}
	}()
	it, err := chroma.Coalesce(guard{l}).Tokenise(nil, code)
	if err != nil {
		return "", false
	}
	var out strings.Builder
	if err := o.formatter().Format(&out, formatStyle, it); err != nil {
		return "", false
	}
	return out.String(), true
}

// maxEmpty is how many empty tokens in a row a lexer may yield before it is
// taken to be in a loop: chroma's JSONata and Jungle lexers match the empty
// string for ever on some input, and a render must end.
const maxEmpty = 1000

// guard is a lexer whose tokens stop, with a panic that format recovers,
// when the lexer it wraps makes no progress.
type guard struct{ chroma.Lexer }

// errNoProgress is the guard's panic.
var errNoProgress = errors.New("highlight: the lexer makes no progress")

func (g guard) Tokenise(opts *chroma.TokeniseOptions, text string) (chroma.Iterator, error) {
	it, err := g.Lexer.Tokenise(opts, text)
	if err != nil {
		return nil, err
	}
	empty := 0
	return func() chroma.Token {
		t := it()
		if t.Value != "" || t == chroma.EOF {
			empty = 0
			return t
		}
		if empty++; empty > maxEmpty {
			panic(errNoProgress)
		}
		return t
	}, nil
}

// CSS returns the CSS for highlighted code: the light chroma style, and the
// dark one under prefers-color-scheme: dark.
func CSS(light, dark string) (string, error) {
	var b strings.Builder
	b.WriteString("/* Syntax highlighting (chroma): " + light + ", and " + dark + " in dark mode. */\n")
	if err := writeStyleCSS(&b, light, ""); err != nil {
		return "", err
	}
	b.WriteString("@media (prefers-color-scheme: dark) {\n")
	if err := writeStyleCSS(&b, dark, "  "); err != nil {
		return "", err
	}
	b.WriteString("}\n")
	return b.String(), nil
}

func writeStyleCSS(b *strings.Builder, name, indent string) error {
	style, ok := styles.Registry[name]
	if !ok {
		return fmt.Errorf("highlight style %q: no such chroma style", name)
	}
	var css strings.Builder
	if err := plain.WriteCSS(&css, style); err != nil {
		return fmt.Errorf("highlight style %q: %w", name, err)
	}
	for _, line := range strings.Split(css.String(), "\n") {
		// .bg styles a whole standalone page; in a post it would hit any
		// element the author classed "bg".
		if line == "" || strings.Contains(line, "/* Background */") {
			continue
		}
		b.WriteString(indent + line + "\n")
	}
	return nil
}

// Extension is the goldmark extension. Every Extension in the process shares
// one cache.
type Extension struct{ r *nodeRenderer }

// New returns the extension.
func New() *Extension { return &Extension{r: &nodeRenderer{Config: html.NewConfig()}} }

// NewLookupOnly returns the extension for a renderer that sees each block
// once (the export): it takes what the cache holds (the posts just edited in
// the preview) but adds nothing to it, so that an export does not push the
// writer's blocks out for code that is never asked for again. What it
// highlights goes to the disk cache instead (UseDisk), for the next export.
func NewLookupOnly() *Extension {
	return &Extension{r: &nodeRenderer{Config: html.NewConfig(), lookupOnly: true}}
}

func (e *Extension) Extend(m goldmark.Markdown) {
	m.Renderer().AddOptions(renderer.WithNodeRenderers(
		// Ahead of goldmark's HTML renderer (1000) and of sourceline (500).
		util.Prioritized(e.r, 200),
	))
}
