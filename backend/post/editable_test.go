package post

import (
	"strings"
	"testing"
	"time"
)

func TestMarshalEditableLeavesOutUpdated(t *testing.T) {
	p := &Post{
		Title:   "Notes",
		Slug:    "notes",
		Date:    time.Date(2018, 1, 5, 0, 0, 0, 0, time.UTC),
		Updated: time.Date(2026, 11, 25, 15, 0, 0, 0, time.UTC),
		Status:  StatusPublished,
		Body:    "Body.\n",
	}
	full, err := p.MarshalFile()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(full), "updated:") {
		t.Fatalf("MarshalFile should keep updated:\n%s", full)
	}
	ed, err := p.MarshalEditable()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(ed), "updated:") {
		t.Fatalf("MarshalEditable kept updated:\n%s", ed)
	}
	if p.Updated.IsZero() {
		t.Fatal("MarshalEditable changed the post")
	}
	back, _, err := ParseFile("notes.md", ed)
	if err != nil {
		t.Fatal(err)
	}
	if back.Title != p.Title || back.Slug != p.Slug || !back.Date.Equal(p.Date) || back.Body != p.Body {
		t.Fatalf("round trip changed the post: %+v", back)
	}
}
