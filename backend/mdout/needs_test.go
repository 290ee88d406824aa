package mdout_test

import (
	"testing"
	"time"

	"quire/backend/mdout"
	"quire/backend/post"
)

// A note without front matter, as an import makes it (title from its
// heading, the rest derived), exported: each generator gets what it cannot
// derive, and nothing Quire can (the slug in the file name).
func TestNoteExportWritesWhatTargetsNeed(t *testing.T) {
	note := func(status post.Status, date time.Time) *post.Post {
		p, _, err := post.ParseFile("note.md", []byte("# A note\n\ntext\n"))
		if err != nil {
			t.Fatal(err)
		}
		p.Slug, p.Title, p.Status, p.Date = "a-note", "A note", status, date
		p.NoteDerived()
		return p
	}
	day := time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)
	cases := []struct {
		name, layout string
		p            *post.Post
		rel, want    string
	}{
		{"jekyll dated by name", mdout.LayoutJekyll, note(post.StatusPublished, day),
			"_posts/2024-05-01-a-note.md", "---\ntitle: A note\n---\n# A note\n\ntext\n"},
		{"jekyll draft", mdout.LayoutJekyll, note(post.StatusDraft, time.Time{}),
			"_drafts/a-note.md", "---\ntitle: A note\n---\n# A note\n\ntext\n"},
		{"hugo draft", mdout.LayoutHugo, note(post.StatusDraft, time.Time{}),
			"content/posts/a-note.md", "---\ntitle: A note\ndraft: true\n---\n# A note\n\ntext\n"},
		{"hugo dated", mdout.LayoutHugo, note(post.StatusPublished, day),
			"content/posts/a-note.md", "---\ntitle: A note\ndate: 2024-05-01\n---\n# A note\n\ntext\n"},
	}
	for _, c := range cases {
		rel, b, err := mdout.File(c.p, c.layout)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if rel != c.rel || string(b) != c.want {
			t.Errorf("%s: %s\n%q\nwant %s\n%q", c.name, rel, b, c.rel, c.want)
		}
	}

	// A draft with front matter of its own keeps it, with draft: true added.
	d, _, err := post.ParseFile("d.md", []byte("---\ntitle: \"Soon\" # working title\n---\nbody\n"))
	if err != nil {
		t.Fatal(err)
	}
	d.Slug = "soon"
	d.NoteDerived()
	if _, b, err := mdout.File(d, mdout.LayoutHugo); err != nil || string(b) != "---\ntitle: \"Soon\" # working title\ndraft: true\n---\nbody\n" {
		t.Errorf("a draft with front matter for Hugo: %v\n%q", err, b)
	}

	// Jekyll renders only a file with a block: an untitled note gets an empty one.
	p := note(post.StatusPublished, day)
	p.Title = ""
	p.NoteDerived()
	if _, b, err := mdout.File(p, mdout.LayoutJekyll); err != nil || string(b) != "---\n---\n# A note\n\ntext\n" {
		t.Errorf("an untitled note for Jekyll: %v\n%q", err, b)
	}
}
