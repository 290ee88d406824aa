package store

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"quire/backend/post"
)

func TestMediaRefs(t *testing.T) {
	for _, tt := range []struct {
		name, text string
		want       []string
	}{
		{"None", "no images here", nil},
		{"Markdown", "![a](media/0123456789abcdef.png) and ![b](media/fedcba9876543210.jpg \"t\")", []string{"0123456789abcdef.png", "fedcba9876543210.jpg"}},
		{"Twice", "![a](media/0123456789abcdef.png)\n![a](media/0123456789abcdef.png)", []string{"0123456789abcdef.png"}},
		{"HTML", `<img src="media/0123456789abcdef.svg" alt="">`, []string{"0123456789abcdef.svg"}},
		{"NotOurs", "![x](media/photo.png) ![y](media/0123456789abcdef.exe) ![z](media/0123.png)", nil},
		{"UpperCaseIsNotOurs", "![x](media/0123456789ABCDEF.png)", nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := MediaRefs(tt.text); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("MediaRefs = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestMediaAddDedupe(t *testing.T) {
	s, _ := MustOpen(t)
	ctx := context.Background()
	m := Media{Name: "0123456789abcdef.png", Hash: "0123456789abcdef" + strings.Repeat("0", 48), MIME: "image/png", Bytes: 100, Width: 20, Height: 10, Original: "cat.png"}
	got, isNew, err := s.AddMedia(ctx, m)
	if err != nil || !isNew {
		t.Fatalf("AddMedia = %v, %v", isNew, err)
	}
	if got.Created != testStart {
		t.Errorf("Created = %v, want the store's clock %v", got.Created, testStart)
	}
	// The same bytes again (another file name): the first record stands.
	again := m
	again.Original = "copy of cat.png"
	got2, isNew, err := s.AddMedia(ctx, again)
	if err != nil || isNew || got2.Original != "cat.png" {
		t.Fatalf("second AddMedia = %+v, %v, %v; want the first record, not new", got2, isNew, err)
	}
	// Another file whose hash starts the same way.
	other := m
	other.Hash = "0123456789abcdef" + strings.Repeat("1", 48)
	if _, _, err := s.AddMedia(ctx, other); !errors.Is(err, ErrMediaNameTaken) {
		t.Errorf("AddMedia of a name clash = %v, want ErrMediaNameTaken", err)
	}
	list, err := s.ListMedia(ctx)
	if err != nil || len(list) != 1 || list[0] != got {
		t.Fatalf("ListMedia = %+v, %v; want [%+v]", list, err, got)
	}
	if g, err := s.GetMedia(ctx, m.Name); err != nil || g != got {
		t.Errorf("GetMedia = %+v, %v", g, err)
	}
	if _, err := s.GetMedia(ctx, "ffffffffffffffff.png"); !errors.Is(err, post.ErrNotFound) {
		t.Errorf("GetMedia of a missing name = %v, want ErrNotFound", err)
	}
}

func TestMediaUsageAndDelete(t *testing.T) {
	s, _ := MustOpen(t)
	ctx := context.Background()
	cat := Media{Name: "0123456789abcdef.png", Hash: "0123456789abcdef" + strings.Repeat("0", 48), MIME: "image/png", Bytes: 1}
	dog := Media{Name: "aaaaaaaaaaaaaaaa.jpg", Hash: "aaaaaaaaaaaaaaaa" + strings.Repeat("0", 48), MIME: "image/jpeg", Bytes: 1}
	free := Media{Name: "bbbbbbbbbbbbbbbb.gif", Hash: "bbbbbbbbbbbbbbbb" + strings.Repeat("0", 48), MIME: "image/gif", Bytes: 1}
	for _, m := range []Media{cat, dog, free} {
		if _, _, err := s.AddMedia(ctx, m); err != nil {
			t.Fatal(err)
		}
	}
	a := MustCreate(t, s, &post.Post{Title: "Cats", Body: "![cat](media/" + cat.Name + ")\n\n![cat again](media/" + cat.Name + ")\n"})
	b := MustCreate(t, s, &post.Post{Title: "Pets", Body: "![cat](media/" + cat.Name + ") ![dog](media/" + dog.Name + ")\n"})
	cover := &post.Post{Title: "Cover", Body: "text\n"}
	cover.Extra.Set("image", "media/"+dog.Name)
	c := MustCreate(t, s, cover)
	if err := s.TrashPost(ctx, c.ID); err != nil {
		t.Fatal(err)
	}

	use, err := s.MediaUsage(ctx)
	if err != nil {
		t.Fatal(err)
	}
	ids := func(us []MediaUse) []int64 {
		var out []int64
		for _, u := range us {
			out = append(out, u.PostID)
		}
		return out
	}
	if got := ids(use[cat.Name]); !reflect.DeepEqual(got, []int64{a.ID, b.ID}) {
		t.Errorf("cat used by %v, want %v (once each)", got, []int64{a.ID, b.ID})
	}
	if got := use[dog.Name]; len(got) != 2 || got[0].PostID != c.ID || !got[0].Trashed || got[1].PostID != b.ID {
		t.Errorf("dog used by %+v, want the trashed cover post and Pets", got)
	}
	if _, ok := use[free.Name]; ok {
		t.Errorf("an unused file has uses: %+v", use[free.Name])
	}

	for _, tt := range []struct {
		name    string
		media   string
		wantErr error
		inMsg   string
	}{
		{"ErrMediaInUse", cat.Name, ErrMediaInUse, `"Cats", "Pets"`},
		{"ErrMediaInUseByTrash", dog.Name, ErrMediaInUse, "(in the trash)"},
		{"OK", free.Name, nil, ""},
		{"ErrNotFound", free.Name, post.ErrNotFound, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			err := s.DeleteMedia(ctx, tt.media)
			if !errors.Is(err, tt.wantErr) || (tt.wantErr == nil) != (err == nil) {
				t.Fatalf("DeleteMedia = %v, want %v", err, tt.wantErr)
			}
			if err != nil && !strings.Contains(err.Error(), tt.inMsg) {
				t.Errorf("message %q does not say %q", err, tt.inMsg)
			}
		})
	}

	// Once no post refers to it, it can go.
	a.Body = "no more cats"
	if err := s.SavePost(ctx, a, KindSave); err != nil {
		t.Fatal(err)
	}
	b.Body = "![dog](media/" + dog.Name + ")"
	if err := s.SavePost(ctx, b, KindSave); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteMedia(ctx, cat.Name); err != nil {
		t.Errorf("DeleteMedia after the last use went = %v", err)
	}
	list, _ := s.ListMedia(ctx)
	if len(list) != 1 || list[0].Name != dog.Name {
		t.Errorf("left: %+v, want the dog", list)
	}
}

// oldMigrations is the first n migrations, as an older Quire shipped them.
func oldMigrations(t testing.TB, n int) fstest.MapFS {
	t.Helper()
	entries, err := migrationsFS.ReadDir("migrations")
	if err != nil || len(entries) < n {
		t.Fatalf("migrations: %v (%d)", err, len(entries))
	}
	out := fstest.MapFS{}
	for _, e := range entries[:n] {
		b, _ := migrationsFS.ReadFile("migrations/" + e.Name())
		out["migrations/"+e.Name()] = &fstest.MapFile{Data: b}
	}
	return out
}
