package render

import (
	"bytes"
	"errors"
	"os"
	"testing"

	"quire/backend/post"
)

// FuzzRender feeds arbitrary files through the whole pipeline in every mode.
// It must never panic or fail except on front matter, the preview must stay
// inert, and every line it reports must be a line of the file.
//
//	go test -tags sqlite_fts5 -run '^$' -fuzz FuzzRender -fuzztime 1m ./backend/render/
func FuzzRender(f *testing.F) {
	for _, in := range goldenInputs(f) {
		b, err := os.ReadFile(in)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	for _, h := range hostile {
		f.Add([]byte(h.md))
	}
	for _, s := range []string{
		"", "---\n", "---\ntitle: x\n---\n", "+++\ntitle = 'x'\n+++\n# T\n",
		"<!--more-->", "# a\n# a\n# a-1\n", "- [ ] x\n  - [x] y\n", "[^1]\n\n[^1]: x\n",
		"| a |\n|---|\n| <iframe src=x> |\n", "```go {hl_lines=[\"x\"] linenos=table}\nx\n```\n",
		"<div\n\n<p onclick=x>", "Term\n: <svg><style>x</style></svg>\n",
	} {
		f.Add([]byte(s))
	}

	renderers := []*Renderer{
		New(Settings{Typographer: true}),
		New(Settings{Preview: true, Typographer: true, HardWraps: true}),
		New(Settings{CommonMark: true, XHTML: true, SourceLines: true}),
	}
	// The preview's pipeline without its sanitizer, to check block-by-block
	// sanitizing against sanitizing the whole.
	previewRaw := New(Settings{Typographer: true, HardWraps: true, SourceLines: true})
	f.Fuzz(func(t *testing.T, src []byte) {
		lines := bytes.Count(src, []byte{'\n'}) + 1
		for i, r := range renderers {
			res, err := r.Render(src)
			if err != nil {
				if !errors.Is(err, post.ErrInvalid) {
					t.Fatalf("renderer %d: not a front-matter error: %v", i, err)
				}
				if res, err = r.RenderBody(src, 1); err != nil {
					t.Fatalf("renderer %d: RenderBody: %v", i, err)
				}
			}
			if r.s.Preview {
				for _, p := range inertProblems(t, res.HTML) {
					t.Errorf("preview: %s\nin: %q\nout: %q", p, src, res.HTML)
				}
			}
			var check func([]Heading)
			check = func(hs []Heading) {
				for _, h := range hs {
					if h.Line < 1 || h.Line > lines || h.Level < 1 || h.Level > 6 {
						t.Errorf("heading %+v outside the %d-line file", h, lines)
					}
					check(h.Children)
				}
			}
			check(res.TOC)
			for _, w := range res.Warnings {
				if w.Line < 0 || w.Line > lines {
					t.Errorf("warning %+v outside the %d-line file", w, lines)
				}
			}
			if res.Summary != "" && len(res.Summary) > len(res.HTML) {
				t.Errorf("summary longer than the post")
			}
		}

		got, err := renderers[1].RenderBody(src, 1)
		if err != nil {
			t.Fatal(err)
		}
		whole, err := previewRaw.RenderBody(src, 1)
		if err != nil {
			t.Fatal(err)
		}
		wholeHTML, err := sanitizePreview(whole.HTML)
		if err != nil {
			t.Fatal(err)
		}
		if g, w := normal(t, got.HTML), normal(t, wholeHTML); g != w {
			t.Errorf("block-by-block preview differs from the whole:\nin: %q\n%s\n---\n%s", src, g, w)
		}
	})
}
