package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The preview names what will not render, with the line of the editor's
// text (front matter included), for its problems list.
func TestPreviewProblems(t *testing.T) {
	p := NewPreview()
	res, err := p.Render("---\ntitle: T\n---\nfine\n\n{{< mysterious >}}\n")
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Problems) != 1 || res.Problems[0].Line != 6 || res.Problems[0].Message != "unknown shortcode 'mysterious'" {
		t.Errorf("problems %+v", res.Problems)
	}
	res, err = p.Render("fine\n")
	if err != nil {
		t.Fatal(err)
	}
	if res.Problems == nil || len(res.Problems) != 0 {
		t.Errorf("problems %#v, want an empty list", res.Problems)
	}
}

// A render slower than the preview's budget is said in the problems list
// (without a line); one within it is not. The budgets are the extremes, so
// the outcome does not depend on the machine's speed.
func TestPreviewSaysWhenAPostIsSlowToRender(t *testing.T) {
	const text = "---\ntitle: T\n---\n# Heading\n\nSome *text*.\n"
	for _, tc := range []struct {
		name   string
		budget time.Duration
		slow   bool
	}{
		{"every render exceeds a nanosecond", time.Nanosecond, true},
		{"no render takes an hour", time.Hour, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := NewPreview()
			p.budget = tc.budget
			res, err := p.Render(text)
			if err != nil {
				t.Fatal(err)
			}
			var notice []string
			for _, w := range res.Problems {
				if strings.Contains(w.Message, "to render, more than the preview's") {
					notice = append(notice, w.String())
					if w.Line != 0 {
						t.Errorf("the notice has line %d, want none", w.Line)
					}
				}
			}
			if got := len(notice) == 1; got != tc.slow {
				t.Errorf("slow notice %q, want one: %v", notice, tc.slow)
			}
		})
	}
}

// The preview renders a Jekyll include from the _includes files the import
// kept, the ones the export uses, with its parameters.
func TestPreviewRendersImportedInclude(t *testing.T) {
	s := NewServices(mustOpen(t), time.Now())
	const text = "---\ntitle: T\n---\n{% include note.html text=\"Ruby 3 only\" %}\n"
	before, err := s.Preview.Render(text)
	if err != nil {
		t.Fatal(err)
	}
	if len(before.Problems) != 1 || strings.Contains(before.HTML, `class="note"`) {
		t.Errorf("before the import: problems %+v, html %s", before.Problems, before.HTML)
	}
	site, err := filepath.Abs(filepath.Join("..", "backend", "importer", "testdata", "jekyll-site"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(site)); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Library.Import([]string{dir}); err != nil {
		t.Fatal(err)
	}
	res, err := s.Preview.Render(text)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(res.HTML, `class="note">Ruby 3 only</aside>`) || len(res.Problems) != 0 {
		t.Errorf("after the import: problems %+v, html %s", res.Problems, res.HTML)
	}
}

// The preview shows under the title what the exported post page shows
// there: the date, reading time, categories and tags.
func TestPreviewMeta(t *testing.T) {
	p := NewPreview()
	res, err := p.Render("---\ntitle: T\ndate: 2024-03-09\ncategories: [Travel]\ntags: [go, kubecon]\n---\nSome words.\n")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`<time datetime="2024-03-09T00:00:00Z">March 9, 2024</time>`, `<span>1 min read</span>`,
		`aria-label="Categories"><li>Travel</li>`, `aria-label="Tags"><li>go</li><li>kubecon</li>`} {
		if !strings.Contains(res.Meta, want) {
			t.Errorf("meta lacks %q:\n%s", want, res.Meta)
		}
	}
}
