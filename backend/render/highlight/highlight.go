// Package highlight is a goldmark extension that highlights fenced code with
// chroma, as CSS classes (so one page works in light and dark themes), and
// remembers what it highlighted.
//
// The live preview renders the whole post on every keystroke, and chroma's
// regexp lexers are by far the slowest part of a render (more than half of it
// on a post with code), while the code blocks themselves rarely change
// between keystrokes. So highlighted code is kept in a bounded cache keyed by
// language, options and code; the block's wrapper, which carries data-line
// and so changes whenever a line is added above, is written fresh each time.
//
// A highlighted block is <div class="highlight"><pre class="chroma"><code>…
// (Hugo's markup, so Hugo themes' CSS fits); a block in a language chroma
// does not know is <pre><code class="language-x">. Options go in braces after
// the language, as in Hugo: ```go {hl_lines=[2,"4-5"] linenos=table
// linenostart=10}, and {nohl=true} turns highlighting off.
package highlight

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
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

// The cache holds at most this much highlighted HTML (plus its keys).
const cacheBytes = 8 << 20

// plain formats blocks without options. Formatters are safe for concurrent
// use, and sharing one keeps chroma from recomputing its style table per block.
var plain = chromahtml.New(chromahtml.WithClasses(true))

// formatStyle is handed to chroma's formatter, which wants one even though
// with classes the HTML does not depend on it.
var formatStyle = styles.Get("github")

type nodeRenderer struct {
	html.Config
	noCache bool
	mu      sync.Mutex
	cache   map[string]string
	size    int
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
	code  string
}

func blockOf(n *ast.FencedCodeBlock, src []byte) block {
	b := block{lang: n.Language(src)}
	if n.Info != nil {
		b.o = parseOptions(n.Info.Segment.Value(src))
	}
	if len(b.lang) > 0 && !b.o.nohl {
		b.lexer = lexers.Get(string(b.lang))
	}
	if b.lexer != nil {
		var code strings.Builder
		for i := 0; i < n.Lines().Len(); i++ {
			seg := n.Lines().At(i)
			code.Write(seg.Value(src))
		}
		b.code = code.String()
	}
	return b
}

func (b block) key() string { return string(b.lang) + "\x00" + b.o.key() + "\x00" + b.code }

// preparedAttr holds a block's highlighted HTML, made by Prepare.
const preparedAttr = "quire-highlighted"

type prepared string

func (r *nodeRenderer) render(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.FencedCodeBlock)
	var line []byte
	if v, ok := n.AttributeString(LineAttr); ok {
		line, _ = v.([]byte)
	}
	out, ok := "", false
	if v, found := n.Attribute([]byte(preparedAttr)); found {
		out, ok = string(v.(prepared)), true
	}
	var b block
	if !ok {
		b = blockOf(n, src)
		if b.lexer != nil {
			out, ok = r.highlight(b)
		}
	}
	if ok {
		_, _ = w.WriteString(`<div class="highlight"`)
		writeLine(w, line)
		_ = w.WriteByte('>')
		_, _ = w.WriteString(out)
		_, _ = w.WriteString("</div>\n")
		return ast.WalkContinue, nil
	}

	lang := b.lang
	_, _ = w.WriteString("<pre")
	writeLine(w, line)
	_, _ = w.WriteString("><code")
	if len(lang) > 0 {
		// The info string is the author's: escaped (```"><script> fences).
		_, _ = w.WriteString(` class="language-`)
		r.Writer.Write(w, lang)
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
func (r *nodeRenderer) highlight(b block) (string, bool) {
	key := b.key()
	if out, ok := r.cached(key); ok {
		return out, true
	}
	out, ok := format(b)
	if ok {
		r.store(key, out)
	}
	return out, ok
}

func (r *nodeRenderer) cached(key string) (string, bool) {
	if r.noCache {
		return "", false
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	out, ok := r.cache[key]
	return out, ok
}

func (r *nodeRenderer) store(key, out string) {
	if r.noCache {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if cost := len(key) + len(out); cost <= cacheBytes/4 {
		if r.size+cost > cacheBytes {
			// Start over rather than track recency: the blocks of the post
			// being edited are back in the cache after one render.
			r.cache, r.size = nil, 0
		}
		if r.cache == nil {
			r.cache = map[string]string{}
		}
		if _, dup := r.cache[key]; !dup {
			r.cache[key] = out
			r.size += cost
		}
	}
}

// format highlights a block with chroma. A lexer that panics (chroma's spade
// lexer does on some Python: "unknown state lifetime") leaves the block
// unhighlighted rather than taking the render, and the app, down.
func format(b block) (html string, ok bool) {
	defer func() {
		if recover() != nil {
			html, ok = "", false
		}
	}()
	it, err := chroma.Coalesce(fast(b.lexer, len(b.code))).Tokenise(nil, b.code)
	if err != nil {
		return "", false
	}
	var out strings.Builder
	if f := b.o.formatter(); f == plain && plainOK() {
		writePlain(&out, it.Tokens())
	} else if err := f.Format(&out, formatStyle, it); err != nil {
		return "", false
	}
	return out.String(), true
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

// Extension is the goldmark extension. Each one has its own cache.
type Extension struct{ r *nodeRenderer }

// New returns the extension.
func New() *Extension { return &Extension{r: &nodeRenderer{Config: html.NewConfig()}} }

// NewUncached returns the extension without a cache, for a renderer that
// sees each block once (the export): keeping 8 MB of highlighted code that is
// never asked for again only makes the garbage collector work.
func NewUncached() *Extension {
	return &Extension{r: &nodeRenderer{Config: html.NewConfig(), noCache: true}}
}

func (e *Extension) Extend(m goldmark.Markdown) {
	m.Renderer().AddOptions(renderer.WithNodeRenderers(
		// Ahead of goldmark's HTML renderer (1000) and of sourceline (500).
		util.Prioritized(e.r, 200),
	))
}

// minParallel is how much code not yet in the cache makes Prepare
// highlight on several cores: below it, starting goroutines is not worth it.
const minParallel = 16 << 10

// Prepare highlights those of a document's fenced code blocks that are not
// in the cache, several at a time on up to workers cores, when there is
// enough of them to be worth it (a long post, or its first render in the
// preview); Render then writes them out in order. It changes nothing in the
// HTML.
func (e *Extension) Prepare(blocks []*ast.FencedCodeBlock, src []byte, workers int) {
	if workers < 2 || len(blocks) < 2 {
		return
	}
	type job struct {
		n   *ast.FencedCodeBlock
		b   block
		out string
		ok  bool
	}
	var jobs []*job
	size := 0
	for _, fc := range blocks {
		b := blockOf(fc, src)
		if b.lexer != nil {
			if _, ok := e.r.cached(b.key()); !ok {
				jobs = append(jobs, &job{n: fc, b: b})
				size += len(b.code)
			}
		}
	}
	if len(jobs) < 2 || size < minParallel {
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(workers, len(jobs)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1)) - 1; i < len(jobs); i = int(next.Add(1)) - 1 {
				j := jobs[i]
				j.out, j.ok = format(j.b)
			}
		}()
	}
	wg.Wait()
	for _, j := range jobs {
		if j.ok {
			e.r.store(j.b.key(), j.out)
			j.n.SetAttributeString(preparedAttr, prepared(j.out))
		}
	}
}
