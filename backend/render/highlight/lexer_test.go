package highlight

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
)

// samples are inputs for every lexer: code in several languages, markup,
// unclosed strings and comments, non-ASCII text, carriage returns.
var samples = []string{
	"package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfor i := 0; i < 10; i++ {\n\t\tfmt.Println(\"hello\", i) // note\n\t}\n}\n",
	"def f(x):\n    '''doc'''\n    return [y * 2 for y in range(x) if y % 2]  # comment\n\nclass A(B):\n    @property\n    def g(self): return r\"\\d+\" + f'{x!r}'\n",
	"SELECT a, count(*) FROM t WHERE b > 10 AND c LIKE 'x%' GROUP BY 1; -- done\nINSERT INTO t VALUES (1, \"two\", 3.5e-2);\n",
	"create table t (id Serial8 primary key, n smallint, big INT8, c character varying(3), d datetime_interval_precision);\nSelect Smallintx, intervals, C, g, go\nfrom t;\n",
	"#!/bin/bash\nfor f in *.md; do echo \"$f\" | grep -v 'x' > /dev/null && cat <<EOF\nhi $HOME\nEOF\ndone\n",
	"const a = await fetch(`/api/${id}`, { method: 'POST' }) // <x>\nlet re = /a+b/g; class C extends D { #p = 1 }\n",
	"<!DOCTYPE html>\n<html><head><style>body { color: #fff; }</style><script>var x = 1 < 2;</script></head>\n<body class=\"a\">&amp; text</body></html>\n",
	"key: value\nlist:\n  - one\n  - \"two\"\nnested: {a: 1, b: [x, y]}\n# comment\n",
	"{\"a\": [1, 2.5, true, null], \"b\": {\"c\": \"d\\u00e9\"}}\n",
	"fn main() { let v: Vec<u8> = vec![1, 2]; println!(\"{:?}\", v); } /* unclosed\n",
	"\"unclosed string\nnext line 'also\r\nwindows line\rold mac\n",
	"héllo wörld — ünïcödé 日本語 テキスト λx → x² ≠ ∞ \t\x00\n",
	"#include <stdio.h>\nint main(void) { printf(\"%d\\n\", 42); return 0; }\n",
	"",
	"x",
}

func tokens(t *testing.T, l chroma.Lexer, src string) (toks []chroma.Token) {
	t.Helper()
	defer func() {
		// A few of chroma's lexers panic on some input (rust's "unknown
		// state lifetime"); the fast form must panic alike.
		if p := recover(); p != nil {
			toks = []chroma.Token{{Type: chroma.Error, Value: fmt.Sprint("panic: ", p)}}
		}
	}()
	it, err := l.Tokenise(nil, src)
	if err != nil {
		t.Error(err)
		return nil
	}
	return it.Tokens()
}

// TestFastLexerSameTokens: the fast lexer yields chroma's tokens, for every
// lexer chroma has, on every sample and on the code of the test posts.
func TestFastLexerSameTokens(t *testing.T) {
	inputs := append([]string{}, samples...)
	files, _ := filepath.Glob("../testdata/*.md")
	fence := regexp.MustCompile("(?ms)^```[^\n]*\n(.*?)^```")
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range fence.FindAllStringSubmatch(string(b), -1) {
			inputs = append(inputs, m[1])
		}
	}
	// Every lexer is slow (minutes) and a few of chroma's never finish on
	// some sample (JSONata and Jungle spin: chroma's own bug, which the fast
	// form shares), so by default the languages posts use most.
	var all []chroma.Lexer
	if os.Getenv("QUIRE_ALL_LEXERS") != "" {
		all = lexers.GlobalLexerRegistry.Lexers
	} else {
		for _, name := range []string{"go", "python", "sql", "bash", "javascript", "typescript", "html", "css", "yaml", "json",
			"toml", "rust", "java", "c", "c++", "ruby", "php", "diff", "docker", "markdown", "raku", "plaintext"} {
			all = append(all, lexers.Get(name))
		}
	}
	fastOnes := 0
	for _, l := range all {
		f := fast(l, fastAfter+1)
		if _, ok := f.(*fastLexer); ok {
			fastOnes++
		}
		done := make(chan struct{})
		go func() {
			defer close(done)
			for _, src := range inputs {
				want, got := tokens(t, l, src), tokens(t, f, src)
				if len(want) != len(got) {
					t.Errorf("%s on %.40q: %d tokens, want %d", l.Config().Name, src, len(got), len(want))
					continue
				}
				for i := range want {
					if want[i] != got[i] {
						t.Errorf("%s on %.40q: token %d is %v, want %v", l.Config().Name, src, i, got[i], want[i])
						break
					}
				}
			}
		}()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Logf("%s: not finished after 10 s, left behind", l.Config().Name)
		}
	}
	if fastOnes < len(all)*9/10 {
		t.Errorf("only %d of %d lexers have a fast form", fastOnes, len(all))
	}
}

// TestLoopingLexersEnd: chroma's JSONata and Jungle lexers loop for ever on
// some of the samples; highlighting such a block ends, unhighlighted.
func TestLoopingLexersEnd(t *testing.T) {
	for name := range loops {
		fallbacks := 0
		for _, src := range samples {
			done := make(chan bool)
			go func() {
				_, ok := format(block{lexer: lexers.Get(name), code: src})
				done <- ok
			}()
			select {
			case ok := <-done:
				if !ok {
					fallbacks++
				}
			case <-time.After(10 * time.Second):
				t.Fatalf("%s on %.40q: still highlighting after 10 s", name, src)
			}
		}
		if fallbacks == 0 {
			t.Errorf("%s: no sample loops any more; is it still in loops?", name)
		}
	}
}
