package highlight

import (
	"bytes"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/renderer/html"
)

func TestParseOptions(t *testing.T) {
	tests := []struct {
		name string
		info string
		want string // options.key()
	}{
		{"None", "go", ""},
		{"HlLines", `go {hl_lines=[2,"4-5"]}`, "[[2 2] [4 5]] false false 0 false"},
		{"LineNumbersTable", "go {linenos=table linenostart=10 hl_lines=[1]}", "[[10 10]] true true 10 false"},
		{"LineNumbersTrue", "go {linenos=true}", "[] true false 0 false"},
		{"NoHighlight", "go {nohl=true}", "[] false false 0 true"},
		{"NoHighlightFalse", "go {nohl=false}", ""},
		{"BadRange", `go {hl_lines=["x", "5-2", -1]}`, ""},
		{"Garbage", "go {", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := parseOptions([]byte(tt.info)).key(); got != tt.want {
				t.Errorf("parseOptions(%q).key() = %q, want %q", tt.info, got, tt.want)
			}
		})
	}
}

func TestRender(t *testing.T) {
	md := goldmark.New(goldmark.WithExtensions(New()), goldmark.WithRendererOptions(html.WithUnsafe()))
	tests := []struct {
		name, src string
		want      []string
	}{
		{"Go", "```go\nfunc main() {}\n```\n", []string{`<div class="highlight"><pre class="chroma"><code>`, `<span class="kd">func</span>`, "</code></pre></div>"}},
		{"Unknown", "```nosuchlang\n<b>\n```\n", []string{`<pre><code class="language-nosuchlang">&lt;b&gt;`}},
		{"Directive", "```{note}\nx\n```\n", []string{`<pre><code class="language-{note}">x`}},
		{"Text", "```text\n<b>\n```\n", []string{`<pre><code class="language-text">&lt;b&gt;`}},
		{"AliasMJS", "```mjs\nconst a = 1\n```\n", []string{`<span class="kr">const</span>`}},
		{"AliasConsole", "```console\n$ ls -l\nfile\n```\n", []string{`<span class="gp">$</span>`, `<span class="go">file`}},
		{"ByExtension", "```tsx\nconst a = 1\n```\n", []string{`<span class="kr">const</span>`}},
		{"NoLanguage", "```\nx\n```\n", []string{"<pre><code>x\n</code></pre>"}},
		{"NoHighlight", "```go {nohl=true}\nfunc\n```\n", []string{`<pre><code class="language-go">func`}},
		{"HostileInfo", "```\"><script>alert(1)</script>\nx\n```\n", []string{`class="language-&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"`}},
		{"HlLines", "```go {hl_lines=[2]}\na := 1\nb := 2\n```\n", []string{`<span class="line hl"><span class="cl"><span class="nx">b</span>`}},
		// chroma's spade lexer panics on this ("unknown state lifetime").
		{"LexerPanics", "```spade\ndef f(x):\n    '''doc'''\n```\n", []string{`<pre><code class="language-spade">def f(x):`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// Twice: the second render comes from the cache and must not differ.
			var first string
			for i := 0; i < 2; i++ {
				var b bytes.Buffer
				if err := md.Convert([]byte(tt.src), &b); err != nil {
					t.Fatal(err)
				}
				for _, w := range tt.want {
					if !strings.Contains(b.String(), w) {
						t.Errorf("render %d lacks %s:\n%s", i+1, w, b.String())
					}
				}
				if i == 0 {
					first = b.String()
				} else if b.String() != first {
					t.Errorf("cached render differs:\n%s\n%s", first, b.String())
				}
			}
		})
	}
}

// TestLexer: names resolve as chroma's lexers.Get resolves them, except for
// the aliases and the names that mean "not code".
func TestLexer(t *testing.T) {
	tests := []struct{ lang, want string }{
		{"go", "Go"},
		{"Go", "Go"},
		{"mjs", "JavaScript"},
		{"cjs", "JavaScript"},
		{"console", "Bash Session"},
		{"shell-session", "Bash Session"},
		{"tsx", lexers.Get("tsx").Config().Name},
		{"Dockerfile", "Docker"},
		{"text", ""},
		{"Plain", ""},
		{"none", ""},
		{"output", ""},
		{"{note}", ""},
		{"{pip-cli}", ""},
		{"example", ""},
		{"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			for i := 0; i < 2; i++ { // the second from the memo
				got := ""
				if l := Lexer(tt.lang); l != nil {
					got = l.Config().Name
				}
				if got != tt.want {
					t.Errorf("Lexer(%q) = %q, want %q", tt.lang, got, tt.want)
				}
			}
		})
	}
}

// TestLexerAsChroma: every name, alias, extension and file name chroma's
// lexers declare resolves to the lexer lexers.Get picks for it. A file name
// with a dot in it ("go.tmpl") is the one difference: lexers.Get also tries
// it as an extension ("*.tmpl", Cheetah) and takes that on a tie, where the
// index looks only at the exact name (Go Template).
func TestLexerAsChroma(t *testing.T) {
	names := lexers.GlobalLexerRegistry.Names(true)
	// lexers.Get tries every glob for a name it does not know, which takes
	// long under -race: every third extension and file name, in a fixed
	// order, is checked.
	var files []string
	for key := range index().files {
		files = append(files, strings.TrimPrefix(key, "filename."))
	}
	slices.Sort(files)
	for i := 0; i < len(files); i += 3 {
		names = append(names, files[i])
	}
	checked := 0
	for _, name := range names {
		lower := strings.ToLower(name)
		if plainNames[lower] || aliases[lower] != "" || strings.Contains(name, ".") {
			continue
		}
		want, got := lexers.Get(name), resolve(name)
		if want != got {
			t.Errorf("%q: resolve gives %v, lexers.Get %v", name, got, want)
		}
		checked++
	}
	if checked < 500 {
		t.Errorf("only %d names checked", checked)
	}
}

func TestCacheBounded(t *testing.T) {
	c := newCache(64 << 10)
	html := strings.Repeat("x", 1000)
	key := func(i int) cacheKey { return cacheKey{byte(i), byte(i >> 8)} }
	c.put(key(0), html)
	for i := 1; i < 1000; i++ {
		c.put(key(i), html)
		if _, ok := c.get(key(0)); !ok { // kept by being asked for
			t.Fatalf("block 0 dropped after %d others", i)
		}
	}
	if size := c.len() * (1000 + len(cacheKey{})); size > 64<<10 {
		t.Errorf("cache holds %d bytes, more than its bound", size)
	}
	if _, ok := c.get(key(1)); ok {
		t.Error("block 1, not asked for since, is still held")
	}
	c.put(key(5000), strings.Repeat("x", 32<<10))
	if _, ok := c.get(key(5000)); ok {
		t.Error("a block of half the bound was kept")
	}
}

// TestSharedCache: a second renderer in the process finds the first's
// blocks; a lookup-only one adds none.
func TestSharedCache(t *testing.T) {
	src := []byte("```go\nfunc sharedCacheTest() {}\n```\n")
	convert := func(ext *Extension, src []byte) {
		t.Helper()
		md := goldmark.New(goldmark.WithExtensions(ext))
		var b bytes.Buffer
		if err := md.Convert(src, &b); err != nil {
			t.Fatal(err)
		}
	}
	n := shared.len()
	convert(NewLookupOnly(), []byte("```go\nfunc lookupOnlyTest() {}\n```\n"))
	if shared.len() != n {
		t.Errorf("a lookup-only render added %d blocks", shared.len()-n)
	}
	convert(New(), src)
	if shared.len() != n+1 {
		t.Errorf("the cache holds %d more blocks, want 1", shared.len()-n)
	}
	convert(New(), src)
	if shared.len() != n+1 {
		t.Errorf("a second renderer highlighted the block again")
	}
}

// samples are inputs for the looping lexers.
var samples = []string{
	"package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println(\"hello\") // note\n}\n",
	"#!/bin/bash\nfor f in *.md; do echo \"$f\" | grep -v 'x' > /dev/null && cat <<EOF\nhi $HOME\nEOF\ndone\n",
	"\"unclosed string\nnext line 'also\r\nwindows line\rold mac\n",
}

// TestLoopingLexersEnd: chroma's JSONata and Jungle lexers loop for ever on
// some input; highlighting such a block ends, unhighlighted.
func TestLoopingLexersEnd(t *testing.T) {
	for _, name := range []string{"JSONata", "Jungle"} {
		fallbacks := 0
		for _, src := range samples {
			done := make(chan bool)
			go func() {
				_, ok := format(lexers.Get(name), options{}, src)
				done <- ok
			}()
			select {
			case ok := <-done:
				if !ok {
					fallbacks++
				}
			case <-time.After(30 * time.Second):
				t.Fatalf("%s on %.40q: still highlighting after 30 s", name, src)
			}
		}
		if fallbacks == 0 {
			t.Errorf("%s: no sample loops any more; is the guard still needed?", name)
		}
	}
}

// BenchmarkLexerUnknown is the look-up of a name chroma does not know, after
// the first.
func BenchmarkLexerUnknown(b *testing.B) {
	for b.Loop() {
		if Lexer("example") != nil {
			b.Fatal("example has a lexer")
		}
	}
}
