package export

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"quire/backend/hosting"
	"quire/backend/media"
	"quire/backend/post"
	"quire/backend/site"
	"quire/backend/store"
	"quire/backend/theme"
)

// TestSlugOnSiteFile: posts whose slugs are names of the site's own files
// (index.html, feed.xml) under /:slug/ would turn those files into folders.
// The export stops before touching the folder and names the posts.
func TestSlugOnSiteFile(t *testing.T) {
	ctx := context.Background()
	st := mustOpen(t)
	mustCreate(t, st, &post.Post{Slug: "hello", Title: "Hello", Date: date(2020, 1, 1), Status: post.StatusPublished, Body: "hi\n"})
	s := site.Default()
	s.Permalink = "/:slug/"
	dir := filepath.Join(t.TempDir(), "site")
	export(t, st, dir, Options{Site: &s})
	before := readTree(t, dir)
	for _, slug := range []string{"index.html", "feed.xml"} {
		p := &post.Post{Slug: slug, Title: slug, Date: date(2020, 2, 1), Status: post.StatusPublished, Body: "x\n"}
		mustCreate(t, st, p)
		if p.Slug != slug {
			t.Fatalf("store changed slug %q to %q", slug, p.Slug)
		}
	}
	_, err := Export(ctx, st, dir, Options{Site: &s, Now: clock})
	var ce *hosting.CollisionError
	if !errors.As(err, &ce) {
		t.Fatalf("export: %v, want a collision", err)
	}
	if !strings.Contains(err.Error(), `post "index.html"`) && !strings.Contains(err.Error(), `post "feed.xml"`) {
		t.Errorf("error does not name the post: %v", err)
	}
	after := readTree(t, dir)
	if len(after) != len(before) {
		t.Errorf("folder changed: %d files before, %d after", len(before), len(after))
	}
	for rel, b := range before {
		if !bytes.Equal(after[rel], b) {
			t.Errorf("%s changed or is gone", rel)
		}
	}
	for _, rel := range []string{"index.html", "feed.xml"} {
		if fi, err := os.Lstat(filepath.Join(dir, rel)); err != nil || !fi.Mode().IsRegular() {
			t.Errorf("%s is no longer a file: %v", rel, err)
		}
	}
	if ents, _ := os.ReadDir(filepath.Dir(dir)); len(ents) != 1 {
		t.Errorf("export left %d entries beside the folder", len(ents)-1)
	}
}

// TestPathConflicts: a file and a folder on one path, in any order, is a
// collision that names both sources.
func TestPathConflicts(t *testing.T) {
	for _, tc := range []struct{ a, b string }{
		{"index.html", "index.html/index.html"},
		{"Feed.xml/index.html", "feed.xml"},
		{"a/b/c.html", "a/b"},
	} {
		dir := filepath.Join(t.TempDir(), "site")
		pub, err := hosting.Open(dir, false)
		if err != nil {
			t.Fatal(err)
		}
		pub.Put(hosting.Item{TargetPath: tc.a, Content: []byte("a"), Source: "item A"})
		pub.Put(hosting.Item{TargetPath: tc.b, Content: []byte("b"), Source: "item B"})
		err = pub.Collision()
		pub.Abort()
		var ce *hosting.CollisionError
		if !errors.As(err, &ce) {
			t.Errorf("%s and %s: %v, want a collision", tc.a, tc.b, err)
			continue
		}
		if !strings.Contains(err.Error(), "item A") || !strings.Contains(err.Error(), "item B") {
			t.Errorf("error does not name both: %v", err)
		}
	}
}

// TestPruneDoesNotFollowLinks: a folder Quire wrote, replaced by a link to a
// folder elsewhere; when its page goes stale, the prune must not delete the
// file at the link's target.
func TestPruneDoesNotFollowLinks(t *testing.T) {
	ctx := context.Background()
	st := mustOpen(t)
	p := mustCreate(t, st, &post.Post{Slug: "old-name", Title: "Old", Date: date(2020, 1, 1), Status: post.StatusPublished, Body: "x\n"})
	s := site.Default()
	s.Permalink = site.PermalinkPosts
	root := t.TempDir()
	dir := filepath.Join(root, "site")
	export(t, st, dir, Options{Site: &s})
	page := filepath.Join(dir, "posts", "old-name", "index.html")
	b, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	// Elsewhere, a folder holding a file exactly like the page (same size
	// and time, so the manifest would take it for Quire's).
	elsewhere := filepath.Join(root, "elsewhere")
	if err := os.Mkdir(elsewhere, 0o755); err != nil {
		t.Fatal(err)
	}
	victim := filepath.Join(elsewhere, "index.html")
	if err := os.WriteFile(victim, b, 0o644); err != nil {
		t.Fatal(err)
	}
	fi, _ := os.Stat(page)
	if err := os.Chtimes(victim, fi.ModTime(), fi.ModTime()); err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(filepath.Join(dir, "posts", "old-name")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(elsewhere, filepath.Join(dir, "posts", "old-name")); err != nil {
		t.Fatal(err)
	}
	p.Slug = "new-name"
	if err := st.SavePost(ctx, p, store.KindSave); err != nil {
		t.Fatal(err)
	}
	export(t, st, dir, Options{Site: &s})
	if _, err := os.Stat(victim); err != nil {
		t.Errorf("the prune deleted a file through a link: %v", err)
	}
	if fi, err := os.Lstat(filepath.Join(dir, "posts", "old-name")); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was removed or changed: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "posts", "new-name", "index.html")); err != nil {
		t.Errorf("the new page is missing: %v", err)
	}
}

// TestThemeLinkOut: a theme's stylesheet that is a link to a file outside
// the theme is not published; the report warns about it.
func TestThemeLinkOut(t *testing.T) {
	st := mustOpen(t)
	mustCreate(t, st, &post.Post{Slug: "hello", Title: "Hello", Date: date(2020, 1, 1), Status: post.StatusPublished, Body: "hi\n"})
	root := t.TempDir()
	if err := os.WriteFile(filepath.Join(root, "secret.txt"), []byte("SECRET"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(root, "t", "static"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(root, "secret.txt"), filepath.Join(root, "t", "static", "site.css")); err != nil {
		t.Fatal(err)
	}
	th, err := theme.OverDir(filepath.Join(root, "t"))
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(root, "site")
	rep := export(t, st, dir, Options{Theme: th})
	if b, err := os.ReadFile(filepath.Join(dir, cssPath)); err != nil || bytes.Contains(b, []byte("SECRET")) {
		t.Errorf("the secret was published as %s (%v)", cssPath, err)
	}
	found := false
	for _, w := range rep.Warnings {
		found = found || (w.Post == "theme" && strings.Contains(w.Message, "static/site.css"))
	}
	if !found {
		t.Errorf("no warning about the theme's link: %v", rep.Warnings)
	}
}

// TestSVGScriptStripped: an SVG with a script and an event handler is
// published without them, with a warning.
func TestSVGScriptStripped(t *testing.T) {
	st := mustOpen(t)
	lib := media.New(st)
	svg := mustAdd(t, lib, []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8" onload="alert(1)"><script>alert(2)</script><rect width="8" height="8"/></svg>`), "x.svg")
	mustCreate(t, st, &post.Post{Slug: "pic", Title: "Pic", Date: date(2020, 1, 1), Status: post.StatusPublished, Body: "![x](media/" + svg.Name + ")\n"})
	dir := filepath.Join(t.TempDir(), "site")
	rep := export(t, st, dir, Options{})
	b, err := os.ReadFile(filepath.Join(dir, "media", svg.Name))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(b, []byte("alert")) || !bytes.Contains(b, []byte("<rect")) {
		t.Errorf("published SVG:\n%s", b)
	}
	if !strings.Contains(fmt.Sprint(rep.Warnings), "took 2 scripts") {
		t.Errorf("no warning: %v", rep.Warnings)
	}
}
