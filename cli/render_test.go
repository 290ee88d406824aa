package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runQuire runs `quire ARGS...` as main does and returns the exit status and streams.
func runQuire(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = Main(context.Background(), args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

const renderPost = `---
title: "Hello, <world>"
date: 2018-01-05
categories: [go]
---

# Heading

Some *text* and [a bad link](javascript:alert(1)).

<iframe title="A talk" src="https://www.youtube.com/embed/UbLG_qUyCgM"></iframe>
`

func TestRender(t *testing.T) {
	file := writeFile(t, "post.md", renderPost)
	sample, err := os.ReadFile("../testdata/kubecon-2017-austin-summary.md")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name       string
		stdin      string
		args       []string
		wantCode   int
		wantOut    []string
		notOut     []string
		wantStderr []string
	}{
		{
			name:       "File",
			args:       []string{"render", file},
			wantOut:    []string{`<h1 id="heading">Heading</h1>`, "<p>Some <em>text</em> and a bad link.</p>", `<iframe title="A talk" src="https://www.youtube.com/embed/UbLG_qUyCgM"></iframe>`},
			notOut:     []string{"<html", "javascript:", "data-line"},
			wantStderr: []string{file + ":9: warning: dropped the URL \"javascript:alert(1)\""},
		},
		{
			name:    "Stdin",
			stdin:   "# From stdin\n",
			args:    []string{"render"},
			wantOut: []string{`<h1 id="from-stdin">From stdin</h1>`},
		},
		{
			name:    "Dash",
			stdin:   string(sample),
			args:    []string{"render", "-"},
			wantOut: []string{`<h2 id="keynote-summaries">Keynote Summaries</h2>`, `<iframe width="560" height="315" src="https://www.youtube.com/embed/FhUJYwM_xy0"`},
		},
		{
			name: "Full",
			args: []string{"render", file, "--full", "--site-title", "Notes"},
			wantOut: []string{
				"<!DOCTYPE html>", "<title>Hello, &lt;world&gt; · Notes</title>", "<style>", ".chroma",
				`<h1 class="post-title">Hello, &lt;world&gt;</h1>`, `<time datetime="2018-01-05T00:00:00Z">January 5, 2018</time>`,
				"<li>go</li>", `<h1 id="heading">Heading</h1>`, `<iframe title="A talk"`, "</html>",
			},
		},
		{
			name:    "Highlight",
			stdin:   "```go\nfunc main() {}\n```\n",
			args:    []string{"render"},
			wantOut: []string{`<div class="highlight"><pre class="chroma"><code>`, `<span class="kd">func</span>`},
		},
		{
			name:    "NoHighlight",
			stdin:   "```go\nfunc <main>() {}\n```\n",
			args:    []string{"render", "--no-highlight"},
			wantOut: []string{"<pre><code class=\"language-go\">func &lt;main&gt;() {}\n</code></pre>"},
			notOut:  []string{"chroma", "<span"},
		},
		{
			name:    "Preview",
			args:    []string{"render", "--preview", file},
			wantOut: []string{`<div class="embed-card" data-line="11">`, `<strong class="embed-card-title">A talk</strong>`, `<a class="embed-card-link" href="https://www.youtube.com/embed/UbLG_qUyCgM">`, `<h1 id="heading" data-line="7">`},
			notOut:  []string{"<iframe"},
		},
		{
			name:       "ErrFrontMatter",
			args:       []string{"render", writeFile(t, "bad.md", "---\ntitle: x\n\nno closing fence\n")},
			wantCode:   1,
			wantStderr: []string{"bad.md:1: front matter opened with --- is never closed"},
		},
		{
			name:       "ErrStdinFrontMatter",
			stdin:      "---\ntitle: [unclosed\n---\n",
			args:       []string{"render", "-"},
			wantCode:   1,
			wantStderr: []string{"quire render: stdin:2"},
		},
		{
			name:       "ErrNoFile",
			args:       []string{"render", filepath.Join(t.TempDir(), "missing.md")},
			wantCode:   1,
			wantStderr: []string{"missing.md: no such file"},
		},
		{
			name:       "ErrTwoFiles",
			args:       []string{"render", "a.md", "b.md"},
			wantCode:   2,
			wantStderr: []string{"render takes one FILE", "Usage: quire [--db PATH] render"},
		},
		{
			name:       "ErrFlag",
			args:       []string{"render", "--nope"},
			wantCode:   2,
			wantStderr: []string{"flag provided but not defined: -nope"},
		},
		{
			name:    "Help",
			args:    []string{"help", "render"},
			wantOut: []string{"Usage: quire [--db PATH] render [FILE|-]", "-full", "-preview"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runQuire(t, tt.stdin, tt.args...)
			if code != tt.wantCode {
				t.Errorf("exit status %d, want %d; stderr:\n%s", code, tt.wantCode, errOut)
			}
			for _, w := range tt.wantOut {
				if !strings.Contains(out, w) {
					t.Errorf("stdout lacks %q:\n%s", w, out)
				}
			}
			for _, w := range tt.notOut {
				if strings.Contains(out, w) {
					t.Errorf("stdout has %q:\n%s", w, out)
				}
			}
			for _, w := range tt.wantStderr {
				if !strings.Contains(errOut, w) {
					t.Errorf("stderr lacks %q:\n%s", w, errOut)
				}
			}
		})
	}
}
