package store

import (
	"context"
	"errors"
	"testing"

	"quire/backend/post"
)

func TestImportPosts(t *testing.T) {
	s, _ := MustOpen(t)
	ctx := context.Background()
	item := func(src, slug, body string) *ImportItem {
		return &ImportItem{Post: &post.Post{Title: "T " + src, Slug: slug, Body: body, Source: "/in/" + src}}
	}
	first := []*ImportItem{item("a.md", "x", "a"), item("b.md", "y", "b"), item("c.md", "", "c")}
	first[2].DefaultSlug = "from-name"
	if err := s.ImportPosts(ctx, first); err != nil {
		t.Fatal(err)
	}
	for _, it := range first {
		if it.Outcome != ImportCreated || it.Err != nil || it.Post.ID == 0 {
			t.Fatalf("first import: %+v", it)
		}
	}
	if first[2].Post.Slug != "from-name" {
		t.Errorf("default slug not used: %q", first[2].Post.Slug)
	}

	// b.md now claims a's slug: it fails on its own, the batch goes on.
	second := []*ImportItem{item("a.md", "x", "a"), item("b.md", "x", "b2"), item("c.md", "", "c2"), item("d.md", "", "d"), {Post: &post.Post{Title: "bad", Body: "\xff", Source: "/in/e.md"}}}
	if err := s.ImportPosts(ctx, second); err != nil {
		t.Fatal(err)
	}
	want := []ImportOutcome{ImportUnchanged, ImportFailed, ImportUpdated, ImportCreated, ImportFailed}
	for i, it := range second {
		if it.Outcome != want[i] {
			t.Errorf("item %d: %s (%v), want %s", i, it.Outcome, it.Err, want[i])
		}
	}
	if !errors.Is(second[1].Err, post.ErrInvalid) || !errors.Is(second[4].Err, post.ErrInvalid) {
		t.Errorf("failures: %v / %v", second[1].Err, second[4].Err)
	}
	b, _ := s.GetPostBySource(ctx, "/in/b.md")
	if b.Body != "b" || b.Slug != "y" {
		t.Errorf("failed item changed its post: %+v", b)
	}
	c, _ := s.GetPostBySource(ctx, "/in/c.md")
	if c.Slug != "from-name" || c.Body != "c2" || c.Revision != 2 {
		t.Errorf("updated post: %+v", c)
	}
	if k := kinds(t, s, c.ID); k != "import,import" {
		t.Errorf("kinds = %s", k)
	}
}
