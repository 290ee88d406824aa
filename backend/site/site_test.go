package site

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"quire/backend/post"
	"quire/backend/store"
)

func TestSet(t *testing.T) {
	for _, tc := range []struct {
		name, key, value, want string
		err                    bool
	}{
		{"BaseURLGetsSlash", "base-url", "https://example.org/blog", "https://example.org/blog/", false},
		{"BaseURLRoot", "base-url", "http://example.org", "http://example.org/", false},
		{"BaseURLEmpty", "base-url", "", "", false},
		{"ErrBaseURLScheme", "base-url", "javascript:alert(1)", "", true},
		{"ErrBaseURLQuery", "base-url", "https://example.org/?x=1", "", true},
		{"PermalinkByName", "permalink", "jekyll", PermalinkJekyll, false},
		{"PermalinkPattern", "permalink", "/notes/:year/:slug.html", "/notes/:year/:slug.html", false},
		{"ErrPermalinkNoSlug", "permalink", "/:year/", "", true},
		{"ErrPermalinkDotDot", "permalink", "/../:slug/", "", true},
		{"ErrPermalinkToken", "permalink", "/:author/:slug/", "", true},
		{"PerPage", "posts-per-page", "25", "25", false},
		{"ErrPerPage", "posts-per-page", "0", "", true},
		{"Drafts", "drafts", "true", "true", false},
		{"ErrDrafts", "drafts", "maybe", "", true},
		{"ErrUnknown", "colour", "red", "", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := Default()
			err := s.Set(tc.key, tc.value)
			if tc.err {
				if !errors.Is(err, post.ErrInvalid) {
					t.Fatalf("Set(%q, %q) = %v, want ErrInvalid", tc.key, tc.value, err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got, _ := s.Get(tc.key); got != tc.want {
				t.Errorf("Get(%q) = %q, want %q", tc.key, got, tc.want)
			}
		})
	}
}

func TestLoadSave(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(filepath.Join(t.TempDir(), "quire.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	s, err := Load(ctx, st)
	if err != nil || s != Default() {
		t.Fatalf("fresh database: %+v %v", s, err)
	}
	s.Title, s.BaseURL, s.Future = "Notes", "https://example.org/blog/", true
	if err := Save(ctx, st, s); err != nil {
		t.Fatal(err)
	}
	// A bad value stored by hand leaves the default.
	st.SetSetting(ctx, "site.posts-per-page", "many")
	got, err := Load(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	want := s
	want.PostsPerPage = Default().PostsPerPage
	if got != want {
		t.Errorf("Load = %+v, want %+v", got, want)
	}
	if got.BasePath() != "/blog/" || Default().BasePath() != "/" {
		t.Errorf("BasePath: %q %q", got.BasePath(), Default().BasePath())
	}
}
