package post

import (
	"os"
	"strings"
	"testing"
)

// TestParseFileJSON checks Hugo's JSON front matter: parsed into fields,
// kept as written, and told apart from a body that opens with a shortcode.
func TestParseFileJSON(t *testing.T) {
	tests := []struct {
		name, src, title, body, err string
	}{
		{"Object", "{\n  \"title\": \"A\",\n  \"tags\": [\"x\"]\n}\n\nBody\n", "A", "\nBody\n", ""},
		{"BOM", "\ufeff{\"title\": \"B\"}\nBody", "B", "Body", ""},
		{"NoBody", "{\"title\": \"C\"}", "C", "", ""},
		{"Shortcode", "{{< figure src=\"a.png\" >}}\n", "", "{{< figure src=\"a.png\" >}}\n", ""},
		{"Broken", "{\"title\": \"D\"\nBody", "", "", "x.md:1: JSON front matter"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, _, err := ParseFile("x.md", []byte(tt.src))
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("error %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if p.Title != tt.title || p.Body != tt.body {
				t.Errorf("title %q body %q, want %q %q", p.Title, p.Body, tt.title, tt.body)
			}
			b, err := p.MarshalFile()
			if tt.title != "" && (err != nil || string(b) != tt.src) {
				t.Errorf("written back (%v)\n%q\nwant\n%q", err, b, tt.src)
			}
		})
	}
}

// TestInheritDerived checks that text saved from the editor keeps what
// Quire derived and the text does not say (a draft of _drafts/ with a
// date), and that what the text says wins.
func TestInheritDerived(t *testing.T) {
	file := "---\ntitle: A\ndate: 2020-01-02\n---\nBody\n"
	cur, _, err := ParseFile("a.md", []byte(file))
	if err != nil {
		t.Fatal(err)
	}
	cur.Status, cur.Slug = StatusDraft, "from-the-name"
	cur.NoteDerived()
	tests := []struct {
		name, text string
		want       Status
	}{
		{"Silent", file, StatusDraft},
		{"Says", "---\ntitle: A\ndate: 2020-01-02\nstatus: published\n---\nBody\n", StatusPublished},
		{"SaysDraftFalse", "---\ntitle: A\ndate: 2020-01-02\ndraft: false\n---\nBody\n", StatusPublished},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, _, err := ParseFile("", []byte(tt.text))
			if err != nil {
				t.Fatal(err)
			}
			p.InheritDerived(cur)
			if p.Status != tt.want || p.Slug != "" {
				t.Errorf("status %s slug %q, want %s and no slug", p.Status, p.Slug, tt.want)
			}
			if b, err := p.MarshalFile(); err != nil || string(b) != tt.text {
				t.Errorf("written (%v)\n%s\nwant the text", err, b)
			}
		})
	}
}

// BenchmarkMarshalOriginal writes the sample post back as the store does
// at every save: the text as written, and with the title edited in place.
func BenchmarkMarshalOriginal(b *testing.B) {
	src, err := os.ReadFile("../../testdata/kubecon-2017-austin-summary.md")
	if err != nil {
		b.Fatal(err)
	}
	p, _, err := ParseFile("kubecon.md", src)
	if err != nil {
		b.Fatal(err)
	}
	edited := p.Clone()
	edited.Title = "Edited"
	for _, c := range []struct {
		name string
		p    *Post
	}{{"unchanged", p}, {"title-edited", edited}, {"fresh", &Post{Title: p.Title, Date: p.Date, Categories: p.Categories, Layout: p.Layout, Body: p.Body}}} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := c.p.MarshalFile(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
