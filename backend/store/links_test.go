package store

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"quire/backend/post"
)

func TestLinks(t *testing.T) {
	ctx := context.Background()
	s, _ := MustOpen(t)
	dir := filepath.Join(t.TempDir(), "blog")
	other := dir + "-other" // shares a prefix: must not mix
	if err := s.AddLink(ctx, "relative/dir"); !errors.Is(err, post.ErrInvalid) {
		t.Errorf("relative link: %v", err)
	}
	for _, d := range []string{dir, other, dir} {
		if err := s.AddLink(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	links, err := s.Links(ctx)
	if err != nil || len(links) != 2 || links[0].Dir != dir || links[1].Dir != other || links[0].Created.IsZero() {
		t.Fatalf("links: %+v %v", links, err)
	}
	p := MustCreate(t, s, &post.Post{Title: "Linked", Body: "b", Source: filepath.Join(dir, "a.md")})
	files := []LinkFile{
		{Path: filepath.Join(dir, "a.md"), Dir: dir, PostID: p.ID, Hash: "h1", Revision: p.Revision, Size: 3, ModTime: 5},
		{Path: filepath.Join(dir, "sub", "b.md"), Dir: dir, Hash: "h2"},
		{Path: filepath.Join(other, "c.md"), Dir: other, Hash: "h3"},
	}
	if err := s.PutLinkFiles(ctx, files); err != nil {
		t.Fatal(err)
	}
	got, err := s.LinkFiles(ctx, dir)
	if err != nil || len(got) != 2 || got[0] != files[0] || got[1] != files[1] {
		t.Fatalf("link files: %+v %v", got, err)
	}
	lf, err := s.LinkFileOfPost(ctx, p.ID)
	if err != nil || lf != files[0] {
		t.Errorf("of post: %+v %v", lf, err)
	}
	if ch, err := s.ChangedLinkedFiles(ctx, dir); err != nil || len(ch) != 0 {
		t.Errorf("changed before an edit: %+v %v", ch, err)
	}
	p.Body = "edited"
	if err := s.SavePost(ctx, p, KindSave); err != nil {
		t.Fatal(err)
	}
	if ch, err := s.ChangedLinkedFiles(ctx, dir); err != nil || len(ch) != 1 || ch[0].PostID != p.ID {
		t.Errorf("changed after an edit: %+v %v", ch, err)
	}
	if err := s.TrashPost(ctx, p.ID); err != nil {
		t.Fatal(err)
	}
	if tr, err := s.IsTrashed(ctx, p.ID); err != nil || !tr {
		t.Errorf("trashed: %v %v", tr, err)
	}
	if ch, _ := s.ChangedLinkedFiles(ctx, dir); len(ch) != 0 {
		t.Errorf("a trashed post counts as changed: %+v", ch)
	}
	if err := s.DeleteLinkFiles(ctx, []string{files[1].Path}); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.LinkFiles(ctx, dir); len(got) != 1 {
		t.Errorf("after delete: %+v", got)
	}
	if err := s.RemoveLink(ctx, dir); err != nil {
		t.Fatal(err)
	}
	if err := s.RemoveLink(ctx, dir); !errors.Is(err, post.ErrNotFound) {
		t.Errorf("unlink twice: %v", err)
	}
	if got, _ := s.LinkFiles(ctx, dir); len(got) != 0 {
		t.Errorf("files kept after unlink: %+v", got)
	}
	if got, _ := s.LinkFiles(ctx, other); len(got) != 1 {
		t.Errorf("the other folder lost its files: %+v", got)
	}
	if links, _ := s.Links(ctx); len(links) != 1 || links[0].Dir != other {
		t.Errorf("links after unlink: %+v", links)
	}
	// The post stays.
	if _, err := s.GetPost(ctx, p.ID); err != nil {
		t.Error(err)
	}
}
