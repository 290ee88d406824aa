package store

import (
	"context"
	"errors"
	"fmt"
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

// TestImportEncodedAhead checks that a batch's posts, encoded before its
// transaction with the slug each asks for, are stored as posts created one
// by one are, also when the slug they asked for was taken and they got
// another: the same revision file and the same original text (which notes
// the slug the store chose).
func TestImportEncodedAhead(t *testing.T) {
	ctx := context.Background()
	parse := func(src string) *post.Post {
		p, _, err := post.ParseFile("in.md", []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	texts := []struct{ src, defaultSlug string }{
		{"---\ntitle: Same title\n---\nFirst.\n", ""},
		{"---\ntitle: Same title\n---\nSecond: its slug is taken in this very batch.\n", ""},
		{"---\ntitle: Named by file\n---\nA file name's slug.\n", "from-name"},
		{"---\ntitle: Other\n---\nThe file name's slug is taken by the post before.\n", "from-name"},
		{"---\ntitle: Own slug\nslug: own\n---\nIts own.\n", "ignored"},
	}
	batch, _ := MustOpen(t)
	oneByOne, _ := MustOpen(t)
	var items []*ImportItem
	for i, tt := range texts {
		p := parse(tt.src)
		p.Source = fmt.Sprintf("/in/%d.md", i)
		items = append(items, &ImportItem{Post: p, DefaultSlug: tt.defaultSlug})
		q := parse(tt.src)
		q.Source = p.Source
		if q.Slug == "" {
			q.Slug = tt.defaultSlug
		}
		if err := oneByOne.CreatePost(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	if err := batch.ImportPosts(ctx, items); err != nil {
		t.Fatal(err)
	}
	wantSlugs := []string{"same-title", "same-title-2", "from-name", "from-name-2", "own"}
	same := func(round string, rev int) {
		t.Helper()
		for i, it := range items {
			if it.Err != nil || it.Post.Slug != wantSlugs[i] {
				t.Fatalf("%s, item %d: slug %q (%v), want %q", round, i, it.Post.Slug, it.Err, wantSlugs[i])
			}
			var gotFile, gotOriginal, wantFile, wantOriginal string
			q := `SELECT r.file, p.original FROM posts p JOIN revisions r ON r.post_id = p.id AND r.rev = ? WHERE p.source = ?`
			if err := batch.db.QueryRowContext(ctx, q, rev, it.Post.Source).Scan(&gotFile, &gotOriginal); err != nil {
				t.Fatal(err)
			}
			if err := oneByOne.db.QueryRowContext(ctx, q, rev, it.Post.Source).Scan(&wantFile, &wantOriginal); err != nil {
				t.Fatal(err)
			}
			if gotFile != wantFile || gotOriginal != wantOriginal {
				t.Errorf("%s, item %d (%s): stored\n%q\n%q\nwant\n%q\n%q", round, i, wantSlugs[i], gotFile, gotOriginal, wantFile, wantOriginal)
			}
		}
	}
	same("first import", 1)

	// Imported again, changed: a post whose file names no slug keeps the
	// one the store gave it, not the one it was encoded ahead with.
	for i, tt := range texts {
		src := tt.src + "Changed.\n"
		items[i] = &ImportItem{Post: parse(src), DefaultSlug: tt.defaultSlug}
		items[i].Post.Source = fmt.Sprintf("/in/%d.md", i)
		q, err := oneByOne.GetPostBySource(ctx, items[i].Post.Source)
		if err != nil {
			t.Fatal(err)
		}
		again := parse(src)
		again.ID, again.Revision, again.Source = q.ID, q.Revision, q.Source
		if err := oneByOne.SavePost(ctx, again, KindImport); err != nil {
			t.Fatal(err)
		}
	}
	if err := batch.ImportPosts(ctx, items); err != nil {
		t.Fatal(err)
	}
	same("imported again", 2)
}

// TestImportIndexesAtTheEnd checks the search index a batch writes at its
// end (batchTx): a source twice in one batch is indexed once, as it ends; a
// long post is indexed in pieces; importing it again with one word changed
// replaces the piece that holds it; and the index holds exactly the rows
// its record says.
func TestImportIndexesAtTheEnd(t *testing.T) {
	ctx := context.Background()
	s, _ := MustOpen(t)
	long := prose(7, 80<<10)
	item := func(src, body string) *ImportItem {
		return &ImportItem{Post: &post.Post{Title: "T " + src, Body: body, Source: "/in/" + src}}
	}
	found := func(q string) int {
		t.Helper()
		res, err := s.ListPosts(ctx, ListOptions{Query: q})
		if err != nil {
			t.Fatal(err)
		}
		return res.Total
	}
	rowsMatchRecord := func() {
		t.Helper()
		ids, err := queryIDs(ctx, s.db, `SELECT id FROM posts`)
		if err != nil {
			t.Fatal(err)
		}
		recorded := 0
		for _, id := range ids {
			st, err := readIndexState(ctx, s.db, id)
			if err != nil {
				t.Fatal(err)
			}
			recorded += len(st.rows)
		}
		var n int
		if err := s.db.QueryRow(`SELECT count(*) FROM posts_fts`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != recorded || n < 3 {
			t.Errorf("the index has %d rows, its record says %d (want more than 2: the long post is in pieces)", n, recorded)
		}
	}

	batch := []*ImportItem{item("a.md", "alpha"), item("long.md", long+" zebra"), item("a.md", "omega")}
	if err := s.ImportPosts(ctx, batch); err != nil {
		t.Fatal(err)
	}
	if batch[0].Outcome != ImportCreated || batch[2].Outcome != ImportUpdated {
		t.Fatalf("outcomes %s, %s: want created, then updated", batch[0].Outcome, batch[2].Outcome)
	}
	for q, want := range map[string]int{"alpha": 0, "omega": 1, "zebra": 1, "kubelet": 1} {
		if got := found(q); got != want {
			t.Errorf("after the batch, %q finds %d posts, want %d", q, got, want)
		}
	}
	rowsMatchRecord()

	at := len(long) / 2
	for long[at] != ' ' {
		at++
	}
	again := []*ImportItem{item("long.md", long[:at]+" quagga"+long[at:]+" zebra")}
	if err := s.ImportPosts(ctx, again); err != nil || again[0].Outcome != ImportUpdated {
		t.Fatalf("import again: %s, %v", again[0].Outcome, err)
	}
	if got := found("quagga zebra"); got != 1 {
		t.Errorf("after importing again, the new word finds %d posts, want 1", got)
	}
	rowsMatchRecord()
}
