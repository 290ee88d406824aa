package app

import (
	"errors"
	"strings"
	"testing"

	"quire/backend/post"
	"quire/backend/replace"
)

// writePost creates a post holding body and returns its id.
func writePost(t *testing.T, ps *Posts, title, body string) int64 {
	t.Helper()
	o, err := ps.Create(title)
	if err != nil {
		t.Fatal(err)
	}
	head := o.Text[:strings.LastIndex(o.Text, "---\n")+4]
	if _, err := ps.Save(SaveRequest{ID: o.ID, Revision: o.Revision, Text: head + body, Explicit: true}); err != nil {
		t.Fatal(err)
	}
	return o.ID
}

func body(t *testing.T, ps *Posts, id int64) string {
	t.Helper()
	o, err := ps.Open(id)
	if err != nil {
		t.Fatal(err)
	}
	return o.Text[strings.LastIndex(o.Text, "---\n")+4:]
}

func TestReplaceAppliesTheKeptMatches(t *testing.T) {
	st := mustOpen(t)
	ps := NewPosts(st)
	a := writePost(t, ps, "A", "Kubernetes is great.\nI like Kubernetes.\n")
	b := writePost(t, ps, "B", "kubernetes, again\n")
	c := writePost(t, ps, "C", "Nothing here.\n")
	revsBefore := map[int64]int{}
	for _, id := range []int64{a, b, c} {
		revs, err := ps.Revisions(id)
		if err != nil {
			t.Fatal(err)
		}
		revsBefore[id] = len(revs)
	}
	r := NewReplace(st)
	var saved []int64
	r.afterSave = func(id int64) { saved = append(saved, id) }
	plan, err := r.Search(replace.Options{Find: "kubernetes", Replacement: "K8s", Word: true})
	if err != nil {
		t.Fatal(err)
	}
	if plan.Total != 3 || len(plan.Posts) != 2 {
		t.Fatalf("plan: %d matches in %d posts, want 3 in 2", plan.Total, len(plan.Posts))
	}
	res, err := r.Apply(plan.Token, []MatchRef{{PostID: a, Index: 1}})
	if err != nil {
		t.Fatal(err)
	}
	if res.Replaced != 2 || len(res.Changed) != 2 {
		t.Fatalf("result: %+v", res)
	}
	if got := body(t, ps, a); got != "K8s is great.\nI like Kubernetes.\n" {
		t.Errorf("A = %q", got)
	}
	if got := body(t, ps, b); got != "K8s, again\n" {
		t.Errorf("B = %q", got)
	}
	for id, more := range map[int64]int{a: 1, b: 1, c: 0} {
		revs, err := ps.Revisions(id)
		if err != nil {
			t.Fatal(err)
		}
		if len(revs)-revsBefore[id] != more {
			t.Errorf("post %d: %d new revisions, want %d", id, len(revs)-revsBefore[id], more)
		}
	}
	if len(saved) != 2 {
		t.Errorf("afterSave told of %v, want both changed posts", saved)
	}
	// A search is applied once.
	if _, err := r.Apply(plan.Token, nil); !errors.Is(err, post.ErrInvalid) {
		t.Errorf("second Apply: %v, want ErrInvalid", err)
	}
}

func TestReplaceInvalidRegexChangesNothing(t *testing.T) {
	st := mustOpen(t)
	ps := NewPosts(st)
	a := writePost(t, ps, "A", "a (b c\n")
	r := NewReplace(st)
	_, err := r.Search(replace.Options{Find: "(b", Replacement: "x", Regex: true})
	if !errors.Is(err, post.ErrInvalid) || !strings.Contains(err.Error(), `"(b"`) {
		t.Fatalf("Search: %v, want an invalid regular expression naming (b", err)
	}
	if got := body(t, ps, a); got != "a (b c\n" {
		t.Errorf("A = %q", got)
	}
}

func TestReplaceStaleSearchIsRefused(t *testing.T) {
	st := mustOpen(t)
	ps := NewPosts(st)
	a := writePost(t, ps, "A", "one two\n")
	r := NewReplace(st)
	first, err := r.Search(replace.Options{Find: "one", Replacement: "1"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.Search(replace.Options{Find: "two", Replacement: "2"}); err != nil {
		t.Fatal(err)
	}
	if _, err := r.Apply(first.Token, nil); !errors.Is(err, post.ErrInvalid) {
		t.Fatalf("Apply of an older search: %v, want ErrInvalid", err)
	}
	if got := body(t, ps, a); got != "one two\n" {
		t.Errorf("A = %q", got)
	}
}
