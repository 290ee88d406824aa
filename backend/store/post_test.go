package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"quire/backend/post"
)

func TestCreatePostSlugs(t *testing.T) {
	s, _ := MustOpen(t)
	tests := []struct {
		name  string
		title string
		slug  string
		want  string
	}{
		{"FromTitle", "Hello, Wörld", "", "hello-world"},
		{"Taken", "Hello World", "", "hello-world-2"},
		{"TakenAgain", "hello world!", "", "hello-world-3"},
		{"Explicit", "Anything", "my-slug", "my-slug"},
		{"ExplicitTaken", "Anything", "my-slug", "my-slug-2"},
		{"Untitled", "", "", "untitled"},
		{"Reserved", "NUL", "", "nul-post"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := MustCreate(t, s, &post.Post{Title: tt.title, Slug: tt.slug})
			if p.Slug != tt.want || p.ID == 0 || p.Revision != 1 || p.Status != post.StatusDraft {
				t.Errorf("got slug %q id %d rev %d status %q, want slug %q rev 1 draft", p.Slug, p.ID, p.Revision, p.Status, tt.want)
			}
		})
	}
}

func TestCreatePostInvalid(t *testing.T) {
	s, _ := MustOpen(t)
	ctx := context.Background()
	tests := []struct {
		name string
		p    post.Post
	}{
		{"BadUTF8Body", post.Post{Title: "x", Body: "a\xffb"}},
		{"BadUTF8Title", post.Post{Title: "\xc3"}},
		{"PathSlug", post.Post{Title: "x", Slug: "../../etc"}},
		{"BackslashSlug", post.Post{Title: "x", Slug: `a\b`}},
		{"ReservedSlug", post.Post{Title: "x", Slug: "com1"}},
		{"ControlSlug", post.Post{Title: "x", Slug: "a\x07"}},
		{"BadStatus", post.Post{Title: "x", Status: "gone"}},
		{"EmptyTag", post.Post{Title: "x", Tags: []string{" "}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := s.CreatePost(ctx, &tt.p)
			if !errors.Is(err, post.ErrInvalid) {
				t.Errorf("err = %v, want ErrInvalid", err)
			}
		})
	}
	res, err := s.ListPosts(ctx, ListOptions{})
	if err != nil || res.Total != 0 {
		t.Errorf("invalid posts were stored: %d, %v", res.Total, err)
	}
}

func TestRoundTripPost(t *testing.T) {
	s, _ := MustOpen(t)
	ctx := context.Background()
	in := &post.Post{
		Title:      "All the fields",
		Date:       time.Date(2018, 1, 5, 10, 0, 0, 0, time.FixedZone("", -5*3600)),
		Status:     post.StatusPublished,
		Categories: []string{"kubernetes", "k8s"},
		Tags:       []string{"go"},
		Summary:    "A summary.",
		Layout:     "post",
		Extra:      post.Map{{Key: "zebra", Value: int64(1)}, {Key: "author", Value: post.Map{{Key: "name", Value: "Ann"}}}, {Key: "apple", Value: true}},
		Body:       "# Hi\n\nThere.\n",
		Source:     "/tmp/a.md",
	}
	MustCreate(t, s, in)
	got, err := s.GetPost(ctx, in.ID)
	if err != nil {
		t.Fatal(err)
	}
	a, _ := in.MarshalFile()
	b, _ := got.MarshalFile()
	if string(a) != string(b) || got.Source != in.Source || got.Revision != 1 || !got.Date.Equal(in.Date) {
		t.Errorf("stored post differs:\n%s\n%s", a, b)
	}
	if _, err := s.GetPostBySlug(ctx, "all-the-fields"); err != nil {
		t.Error(err)
	}
	if _, err := s.GetPostBySource(ctx, "/tmp/a.md"); err != nil {
		t.Error(err)
	}
	for _, err := range []error{
		func() error { _, err := s.GetPost(ctx, 999); return err }(),
		func() error { _, err := s.GetPostBySlug(ctx, "nope"); return err }(),
		func() error { _, err := s.GetPostBySource(ctx, "/nope"); return err }(),
	} {
		if !errors.Is(err, post.ErrNotFound) {
			t.Errorf("err = %v, want ErrNotFound", err)
		}
	}
}

func kinds(t *testing.T, s *Store, id int64) string {
	t.Helper()
	revs, err := s.Revisions(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	var k []string
	for _, r := range revs {
		k = append(k, string(r.Kind))
	}
	return strings.Join(k, ",")
}

func TestSaveRevisions(t *testing.T) {
	s, c := MustOpen(t)
	ctx := context.Background()
	p := MustCreate(t, s, &post.Post{Title: "Draft", Body: "v1"})

	save := func(body string, kind RevisionKind) {
		t.Helper()
		p.Body = body
		if err := s.SavePost(ctx, p, kind); err != nil {
			t.Fatal(err)
		}
	}
	// A minute of typing: autosaves every few seconds keep one revision.
	for i := 0; i < 20; i++ {
		c.advance(3 * time.Second)
		save("typing "+strings.Repeat("x", i), KindAutosave)
	}
	if got := kinds(t, s, p.ID); got != "autosave,create" {
		t.Errorf("after a run of autosaves: %s", got)
	}
	// After the window, a new autosave revision starts.
	c.advance(AutosaveWindow)
	save("later typing", KindAutosave)
	c.advance(time.Second)
	save("later typing more", KindAutosave)
	if got := kinds(t, s, p.ID); got != "autosave,autosave,create" {
		t.Errorf("after the window: %s", got)
	}
	// Explicit saves, publishing and external changes always add one.
	save("saved", KindSave)
	c.advance(time.Second)
	save("saved again", KindSave)
	p.Status = post.StatusPublished
	save("published", KindPublish)
	save("changed on disk", KindExternal)
	c.advance(time.Second)
	save("autosave after save", KindAutosave)
	if got := kinds(t, s, p.ID); got != "autosave,external,publish,save,save,autosave,autosave,create" {
		t.Errorf("after explicit saves: %s", got)
	}
	// Saving the same content again changes nothing.
	before := p.Revision
	save("autosave after save", KindSave)
	if p.Revision != before {
		t.Errorf("unchanged save made revision %d", p.Revision)
	}
	// Ctrl+S after an autosave of the same text keeps that text as a save:
	// the next autosave adds a revision rather than replacing it.
	c.advance(time.Second)
	save("typed then saved", KindAutosave)
	save("typed then saved", KindSave)
	c.advance(time.Second)
	save("typed on", KindAutosave)
	if got := kinds(t, s, p.ID); got != "autosave,save,save,external,publish,save,save,autosave,autosave,create" {
		t.Errorf("after Ctrl+S on an autosave: %s", got)
	}
	var stale int
	s.db.QueryRow(`SELECT fts_stale FROM posts WHERE id = ?`, p.ID).Scan(&stale)
	if stale != 1 {
		t.Errorf("fts_stale = %d after an autosave", stale)
	}
	save("typed on", KindSave)
	s.db.QueryRow(`SELECT fts_stale FROM posts WHERE id = ?`, p.ID).Scan(&stale)
	if stale != 0 {
		t.Error("an explicit save of autosaved text left the index stale")
	}
	// Numbers only grow, and the newest is current.
	revs, _ := s.Revisions(ctx, p.ID)
	for i := 1; i < len(revs); i++ {
		if revs[i].Rev >= revs[i-1].Rev {
			t.Errorf("revisions out of order: %v", revs)
		}
	}
	if !revs[0].Current || revs[0].Rev != p.Revision {
		t.Errorf("newest revision %+v is not current (post at %d)", revs[0], p.Revision)
	}
	got, _ := s.GetPost(ctx, p.ID)
	if got.Body != "typed on" || got.Status != post.StatusPublished || !got.Updated.Equal(c.now()) {
		t.Errorf("stored post: %+v", got)
	}
}

func TestSaveConflict(t *testing.T) {
	s, _ := MustOpen(t)
	ctx := context.Background()
	p := MustCreate(t, s, &post.Post{Title: "Shared", Body: "original"})
	window, cli := p.Clone(), p.Clone()

	window.Body = "edited in the window"
	if err := s.SavePost(ctx, window, KindSave); err != nil {
		t.Fatal(err)
	}
	cli.Body = "edited from the command line"
	err := s.SavePost(ctx, cli, KindSave)
	var ce *ConflictError
	if !errors.Is(err, post.ErrConflict) || !errors.As(err, &ce) {
		t.Fatalf("stale save: err = %v, want a conflict", err)
	}
	if cli.Revision != 1 || ce.BasedOn != 1 || ce.Current != window.Revision {
		t.Errorf("conflict %+v; stale copy now at %d", ce, cli.Revision)
	}
	// Both versions are kept: the current one, and the refused one as a revision.
	cur, _ := s.GetPost(ctx, p.ID)
	if cur.Body != "edited in the window" {
		t.Errorf("current body = %q", cur.Body)
	}
	r, err := s.Revision(ctx, p.ID, ce.Saved)
	if err != nil {
		t.Fatal(err)
	}
	if r.Kind != KindConflict || r.Post.Body != "edited from the command line" || r.BasedOn != 1 || r.Current {
		t.Errorf("conflict revision = %+v %q", r, r.Post.Body)
	}
	// The writer resolves it by saving on top of the current revision.
	cli.Revision = cur.Revision
	if err := s.SavePost(ctx, cli, KindSave); err != nil {
		t.Fatalf("save after resolving: %v", err)
	}
	// A stale save of exactly the current text is no conflict.
	same := cur.Clone()
	same.Body = "edited from the command line"
	if err := s.SavePost(ctx, same, KindSave); err != nil {
		t.Errorf("stale but identical save: %v", err)
	}
}

func TestRestoreRevision(t *testing.T) {
	s, c := MustOpen(t)
	ctx := context.Background()
	p := MustCreate(t, s, &post.Post{Title: "First title", Body: "first", Tags: []string{"a"}})
	c.advance(time.Minute)
	p.Title, p.Body, p.Tags, p.Slug = "Second title", "second", []string{"b"}, "second-title"
	if err := s.SavePost(ctx, p, KindSave); err != nil {
		t.Fatal(err)
	}
	// Another post takes the old slug meanwhile.
	MustCreate(t, s, &post.Post{Title: "First title"})

	got, err := s.RestoreRevision(ctx, p.ID, 1)
	if err != nil {
		t.Fatal(err)
	}
	if got.Body != "first" || got.Title != "First title" || got.Slug != "second-title" || got.Revision != 3 {
		t.Errorf("restored = %+v", got)
	}
	if k := kinds(t, s, p.ID); k != "restore,save,create" {
		t.Errorf("kinds = %s", k)
	}
	res, _ := s.ListPosts(ctx, ListOptions{Tag: "a"})
	if res.Total != 1 {
		t.Errorf("restored tags not indexed: %+v", res)
	}
	if _, err := s.RestoreRevision(ctx, p.ID, 42); !errors.Is(err, post.ErrNotFound) {
		t.Errorf("restore of a missing revision: %v", err)
	}
}

func TestSaveSlugs(t *testing.T) {
	s, _ := MustOpen(t)
	ctx := context.Background()
	a := MustCreate(t, s, &post.Post{Title: "A"})
	MustCreate(t, s, &post.Post{Title: "B"})
	tests := []struct {
		name string
		slug string
		err  error
	}{
		{"Rename", "a-renamed", nil},
		{"Taken", "b", post.ErrInvalid},
		{"Path", "a/b", post.ErrInvalid},
		{"DotDot", "..", post.ErrInvalid},
		{"Reserved", "aux", post.ErrInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := a.Clone()
			c.Slug = tt.slug
			err := s.SavePost(ctx, c, KindSave)
			if !errors.Is(err, tt.err) || (tt.err == nil && err != nil) {
				t.Fatalf("err = %v, want %v", err, tt.err)
			}
			if err == nil {
				a = c
			}
		})
	}
	if _, err := s.GetPostBySlug(ctx, "a-renamed"); err != nil {
		t.Error(err)
	}
}

func TestLargeBody(t *testing.T) {
	s, _ := MustOpen(t)
	ctx := context.Background()
	body := strings.Repeat("Ten megabytes of prose, with ünïcode. ", 11<<20/39)
	p := MustCreate(t, s, &post.Post{Title: "Big", Body: body})
	got, err := s.GetPost(ctx, p.ID)
	if err != nil || got.Body != body {
		t.Fatalf("large body did not round-trip: %v", err)
	}
	res, err := s.ListPosts(ctx, ListOptions{Query: "megabytes"})
	if err != nil || res.Total != 1 {
		t.Errorf("large body not searchable: %+v %v", res.Total, err)
	}
	p.Body = strings.Repeat("x", MaxBodySize+1)
	if err := s.SavePost(ctx, p, KindSave); !errors.Is(err, post.ErrInvalid) {
		t.Errorf("oversized body: %v", err)
	}
}

func TestTrash(t *testing.T) {
	s, _ := MustOpen(t)
	ctx := context.Background()
	a := MustCreate(t, s, &post.Post{Title: "Keep me", Body: "alpha", Tags: []string{"t"}})
	b := MustCreate(t, s, &post.Post{Title: "Bin me", Body: "alpha", Tags: []string{"t"}})
	if err := s.TrashPost(ctx, b.ID); err != nil {
		t.Fatal(err)
	}
	list := func(opt ListOptions, trash bool) []string {
		t.Helper()
		f := s.ListPosts
		if trash {
			f = s.ListTrash
		}
		res, err := f(ctx, opt)
		if err != nil {
			t.Fatal(err)
		}
		var slugs []string
		for _, p := range res.Posts {
			slugs = append(slugs, p.Slug)
		}
		return slugs
	}
	if got := strings.Join(list(ListOptions{}, false), ","); got != "keep-me" {
		t.Errorf("list = %s", got)
	}
	if got := strings.Join(list(ListOptions{Query: "alpha"}, false), ","); got != "keep-me" {
		t.Errorf("search = %s", got)
	}
	if got := strings.Join(list(ListOptions{}, true), ","); got != "bin-me" {
		t.Errorf("trash = %s", got)
	}
	if got := strings.Join(list(ListOptions{Query: "ALPHA"}, true), ","); got != "bin-me" {
		t.Errorf("trash search = %s", got)
	}
	if got := strings.Join(list(ListOptions{Query: "beta"}, true), ","); got != "" {
		t.Errorf("trash search for a missing word = %s", got)
	}
	if c, _ := s.Counts(ctx); len(c.Tags) != 1 || c.Tags[0].Count != 1 {
		t.Errorf("counts include the trash: %+v", c)
	}
	// The slug stays taken while the post is in the trash.
	if p := MustCreate(t, s, &post.Post{Title: "Bin me"}); p.Slug != "bin-me-2" {
		t.Errorf("slug of a trashed post reused: %s", p.Slug)
	}
	if err := s.RestorePost(ctx, b.ID); err != nil {
		t.Fatal(err)
	}
	if got := len(list(ListOptions{}, false)); got != 3 {
		t.Errorf("after restore: %d posts", got)
	}
	if err := s.TrashPost(ctx, b.ID); err != nil {
		t.Fatal(err)
	}
	n, err := s.EmptyTrash(ctx)
	if err != nil || n != 1 {
		t.Fatalf("EmptyTrash = %d, %v", n, err)
	}
	if _, err := s.GetPost(ctx, b.ID); !errors.Is(err, post.ErrNotFound) {
		t.Errorf("emptied post still there: %v", err)
	}
	if _, err := s.Revisions(ctx, b.ID); !errors.Is(err, post.ErrNotFound) {
		t.Errorf("emptied post's revisions: %v", err)
	}
	var orphans int
	s.db.QueryRow(`SELECT count(*) FROM revisions WHERE post_id = ?`, b.ID).Scan(&orphans)
	if orphans != 0 {
		t.Errorf("%d revisions left behind", orphans)
	}
	if got := strings.Join(list(ListOptions{Query: "alpha"}, false), ","); got != "keep-me" {
		t.Errorf("search after emptying = %s", got)
	}
	if err := s.TrashPost(ctx, 999); !errors.Is(err, post.ErrNotFound) {
		t.Errorf("trash missing post: %v", err)
	}
	_ = a
}

func TestPurgePostDeletesOnlyThatTrashedPost(t *testing.T) {
	s, _ := MustOpen(t)
	ctx := context.Background()
	a := MustCreate(t, s, &post.Post{Title: "Purge me"})
	b := MustCreate(t, s, &post.Post{Title: "Keep me in the trash"})
	c := MustCreate(t, s, &post.Post{Title: "Not trashed"})
	for _, id := range []int64{a.ID, b.ID} {
		if err := s.TrashPost(ctx, id); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.PurgePost(ctx, c.ID); !errors.Is(err, ErrNotInTrash) {
		t.Errorf("purging a post outside the trash: %v, want ErrNotInTrash", err)
	}
	if err := s.PurgePost(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.GetPost(ctx, a.ID); !errors.Is(err, post.ErrNotFound) {
		t.Errorf("purged post still there: %v", err)
	}
	if err := s.PurgePost(ctx, a.ID); !errors.Is(err, post.ErrNotFound) {
		t.Errorf("purging it again: %v, want ErrNotFound", err)
	}
	res, err := s.ListTrash(ctx, ListOptions{})
	if err != nil || res.Total != 1 || res.Posts[0].ID != b.ID {
		t.Errorf("trash after purge = %+v, %v; want only %d", res, err, b.ID)
	}
	if _, err := s.GetPost(ctx, c.ID); err != nil {
		t.Errorf("the post outside the trash: %v", err)
	}
}

// TestAutosaveSpacing: a writer who types on for a quarter of an hour,
// autosaved every few seconds, finds in History an autosave at least every
// AutosaveWindow, not one revision for the whole session nor one per save.
func TestAutosaveSpacing(t *testing.T) {
	s, c := MustOpen(t)
	ctx := context.Background()
	p := MustCreate(t, s, &post.Post{Title: "Long session", Body: "start"})
	const every, session = 5 * time.Second, 16 * time.Minute
	for at := every; at <= session; at += every {
		c.advance(every)
		p.Body = fmt.Sprintf("start, then %d seconds of typing", at/time.Second)
		if err := s.SavePost(ctx, p, KindAutosave); err != nil {
			t.Fatal(err)
		}
	}
	revs, err := s.Revisions(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	var autosaves []time.Time // newest first
	for _, r := range revs {
		if r.Kind == KindAutosave {
			autosaves = append(autosaves, r.Created)
		}
	}
	want := int((session + AutosaveWindow - 1) / AutosaveWindow)
	if len(autosaves) != want {
		t.Fatalf("%d autosave revisions over %s of typing, want %d (one per %s): %v", len(autosaves), session, want, AutosaveWindow, autosaves)
	}
	// Each holds the text as it was at the end of its stretch: no stretch
	// of typing longer than the window is represented by one revision.
	last := testStart.Add(session)
	if !autosaves[0].Equal(last.UTC()) {
		t.Errorf("newest autosave made at %s, want the last save at %s", autosaves[0], last)
	}
	// The newest stretch is still going on; the others are full ones.
	for i := 2; i < len(autosaves); i++ {
		if gap := autosaves[i-1].Sub(autosaves[i]); gap > AutosaveWindow+every || gap < AutosaveWindow-every {
			t.Errorf("autosaves %d and %d are %s apart, want about %s", i, i-1, gap, AutosaveWindow)
		}
	}
}
