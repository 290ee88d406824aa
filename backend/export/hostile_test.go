package export

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"quire/backend/hosting"
	"quire/backend/post"
	"quire/backend/site"
)

var hostile = []string{
	"../../etc/passwd", `..\..\x`, "/abs", "CON", "aux.html", ".git", "CNAME", "a:b|c?*",
	"Caf\u00e9", "Cafe\u0301", "Post", "post", strings.Repeat("long title ", 30)[:300], "nul\x00title", "rtl\u202eoverride",
}

// TestHostileSlugsAndTitles sends every hostile name through the store as a
// slug, a title and a category, exports with the pattern that puts
// categories in the path, and checks that nothing lands outside the folder.
func TestHostileSlugsAndTitles(t *testing.T) {
	ctx := context.Background()
	st := mustOpen(t)
	accepted := map[string]bool{}
	for i, h := range hostile {
		p := &post.Post{Slug: h, Title: h, Date: date(2020, 1, 1+i), Status: post.StatusPublished,
			Categories: []string{h, "../up"}, Tags: []string{h}, Body: "[x](" + h + ".md)\n"}
		if err := st.CreatePost(ctx, p); err != nil {
			// The store refuses slugs that are not one safe path element;
			// the title then makes the slug.
			p.Slug = ""
			if err := st.CreatePost(ctx, p); err != nil {
				t.Errorf("store refuses %q as a slug and as a title: %v", h, err)
				continue
			}
		}
		accepted[p.Slug] = true
	}
	// Every name reached the exporter, and those that are one safe path
	// element (but a name hosts treat specially, or differ only by case or
	// normalisation) reached it as written.
	if len(accepted) != len(hostile) {
		t.Errorf("%d distinct slugs reached the exporter, want %d: %q", len(accepted), len(hostile), keys(accepted))
	}
	for _, h := range []string{"CNAME", "Post", "post", "Caf\u00e9", "Cafe\u0301", "rtl\u202eoverride"} {
		if !accepted[h] {
			t.Errorf("%q did not reach the exporter as a slug; slugs: %q", h, keys(accepted))
		}
	}
	s := site.Default()
	s.Permalink = site.PermalinkJekyll
	s.BaseURL = "https://example.org/"
	if err := site.Save(ctx, st, s); err != nil {
		t.Fatal(err)
	}
	parent := t.TempDir()
	dir := filepath.Join(parent, "site")
	rep, err := Export(ctx, st, dir, Options{Now: clock})
	var ce *hosting.CollisionError
	if err != nil && !errors.As(err, &ce) {
		t.Fatalf("export: %v", err)
	}
	if ce != nil {
		t.Logf("collision reported: %v", ce)
		if !strings.Contains(ce.Error(), "post ") {
			t.Errorf("collision does not name the posts: %v", ce)
		}
	} else {
		if rep.Posts+len(rep.Failed) != len(accepted) {
			t.Errorf("%d posts exported and %d failed of %d: %+v", rep.Posts, len(rep.Failed), len(accepted), rep.Failed)
		}
		for _, f := range rep.Failed {
			if !strings.Contains(f.Err, "control character") {
				t.Errorf("unexpected failure: %+v", f)
			}
		}
	}
	// Nothing beside the folder (no stage or journal left), nothing in it
	// that is not a plain path.
	ents, _ := os.ReadDir(parent)
	for _, e := range ents {
		if e.Name() != "site" {
			t.Errorf("export left %s beside the folder", e.Name())
		}
	}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		rel, _ := filepath.Rel(dir, p)
		if rel == "." || rel == hosting.ManifestName {
			return nil
		}
		if cerr := hosting.CheckPath(filepath.ToSlash(rel)); cerr != nil {
			t.Errorf("exported unsafe path: %v", cerr)
		}
		return nil
	})
}

// TestCollisions: two posts on one path stop the export, naming both, and
// nothing is written.
func TestCollisions(t *testing.T) {
	for _, tc := range []struct{ name, a, b, pattern string }{
		{"CaseOnly", "Post", "post", site.PermalinkPosts},
		{"Normalisation", "caf\u00e9", "cafe\u0301", site.PermalinkPosts},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			st := mustOpen(t)
			a := &post.Post{Slug: tc.a, Title: "A", Date: date(2020, 1, 1), Status: post.StatusPublished, Body: "a\n"}
			b := &post.Post{Slug: tc.b, Title: "B", Date: date(2020, 1, 1), Status: post.StatusPublished, Body: "b\n"}
			// The store takes both slugs: they differ as bytes. Only the
			// exporter knows they are one path on a case-insensitive or
			// normalising file system.
			if err := st.CreatePost(ctx, a); err != nil {
				t.Fatalf("store refuses %q: %v", tc.a, err)
			}
			if err := st.CreatePost(ctx, b); err != nil {
				t.Fatalf("store refuses %q: %v", tc.b, err)
			}
			if a.Slug != tc.a || b.Slug != tc.b {
				t.Fatalf("store changed the slugs to %q %q", a.Slug, b.Slug)
			}
			s := site.Default()
			s.Permalink = tc.pattern
			dir := filepath.Join(t.TempDir(), "site")
			_, err := Export(ctx, st, dir, Options{Now: clock, Site: &s})
			var ce *hosting.CollisionError
			if !errors.As(err, &ce) {
				t.Fatalf("export: %v, want a collision", err)
			}
			if !strings.Contains(err.Error(), `"`+tc.a+`"`) || !strings.Contains(err.Error(), `"`+tc.b+`"`) {
				t.Errorf("error does not name both posts: %v", err)
			}
			if ents, _ := os.ReadDir(dir); len(ents) > 0 {
				t.Errorf("collision left %d files in the folder", len(ents))
			}
		})
	}
}

func TestPathGuard(t *testing.T) {
	for _, p := range []string{"../x", "a/../../x", "/abs", `a\b`, "C:/x", "a//b", ".git/config", "CNAME/..", "con", "aux.html",
		"a/./b", "x\x00y", "rtl\u202e.html", "trailing.", "q?.html", strings.Repeat("a", 256)} {
		if err := hosting.CheckPath(p); err == nil {
			t.Errorf("hosting.CheckPath(%q) accepted", p)
		}
	}
	for _, p := range []string{"index.html", "2018/01/05/kubecon/index.html", "caf\u00e9/index.html", "CNAME", "tags/go/page/2/index.html"} {
		if err := hosting.CheckPath(p); err != nil {
			t.Errorf("hosting.CheckPath(%q): %v", p, err)
		}
	}
	dir := filepath.Join(t.TempDir(), "site")
	pub, err := hosting.Open(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"../escape.html", "/etc/passwd", `..\x`, hosting.ManifestName} {
		if err := pub.Put(hosting.Item{TargetPath: p, Content: []byte("x")}); err == nil {
			t.Errorf("Put(%q) accepted", p)
		}
	}
	if _, err := pub.Commit(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(dir), "escape.html")); err == nil {
		t.Errorf("a file escaped the folder")
	}
}

func keys(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestOneExportAtATime(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	pub, err := hosting.Open(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := hosting.Open(dir, false); !errors.Is(err, hosting.ErrBusy) && runtime.GOOS == "linux" {
		t.Errorf("second export into one folder: %v, want hosting.ErrBusy", err)
	}
	pub.Put(hosting.Item{TargetPath: "index.html", Content: []byte("x")})
	if _, err := pub.Commit(); err != nil {
		t.Fatal(err)
	}
	pub2, err := hosting.Open(dir, false)
	if err != nil {
		t.Fatalf("after the first export: %v", err)
	}
	pub2.Abort()
}
