package mdout_test

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"quire/backend/importer"
	"quire/backend/mdout"
	"quire/backend/post"
	"quire/backend/store"
)

func mustOpen(t testing.TB) *store.Store {
	t.Helper()
	s, err := store.Open(filepath.Join(t.TempDir(), "quire.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func sample(t testing.TB) []byte {
	t.Helper()
	b, err := os.ReadFile("../../testdata/kubecon-2017-austin-summary.md")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// allPosts returns the posts not in the trash by slug.
func allPosts(t testing.TB, st *store.Store) map[string]*post.Post {
	t.Helper()
	ctx := context.Background()
	res, err := st.ListPosts(ctx, store.ListOptions{Limit: 100000})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]*post.Post{}
	for _, s := range res.Posts {
		p, err := st.GetPost(ctx, s.ID)
		if err != nil {
			t.Fatal(err)
		}
		out[p.Slug] = p
	}
	return out
}

// content is a post without what a store assigns (id, revision, times, source).
func content(p *post.Post) *post.Post {
	c := p.Clone()
	c.ID, c.Revision, c.Updated, c.Source = 0, 0, time.Time{}, ""
	// The fields, not the text: a file without front matter comes back with
	// the block the export wrote.
	c.Original = nil
	return c
}

func importDir(t testing.TB, st *store.Store, dir string) *importer.Report {
	t.Helper()
	rep, err := importer.Import(context.Background(), st, []string{dir})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rep.Results {
		if r.Outcome == importer.Failed {
			t.Errorf("import %s: %s", r.Path, r.Error)
		}
	}
	return rep
}

func TestRoundTrip(t *testing.T) {
	for _, layout := range []string{"", mdout.LayoutJekyll, mdout.LayoutHugo} {
		t.Run("layout="+layout, func(t *testing.T) {
			ctx := context.Background()
			src := t.TempDir()
			write := func(rel, s string) {
				t.Helper()
				p := filepath.Join(src, rel)
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			write("_posts/2018-01-05-kubecon-2017-austin-summary.md", string(sample(t)))
			write("_posts/2020-03-01-extras.md", "---\ntitle: Extras\nzeta: 1\nalpha: [x, {y: 2}]\nimage: /a.png\ntags: [go, \"c++\"]\nsummary: Short\n---\n\n# Body\n\nTrailing spaces  \nand no newline at the end")
			write("_drafts/unfinished.md", "---\ntitle: Unfinished\nstatus: draft\n---\nNot yet.\n")
			write("_posts/2999-01-01-future.md", "---\ntitle: Future\ndate: 2999-01-01T10:00:00+02:00\n---\nLater.\n")

			first := mustOpen(t)
			importDir(t, first, src)
			before := allPosts(t, first)
			if len(before) != 4 {
				t.Fatalf("imported %d posts, want 4", len(before))
			}

			out := t.TempDir()
			var progress []int
			rep, err := mdout.Write(ctx, first, out, mdout.Options{Layout: layout, Progress: func(done, total int) {
				if total != 4 {
					t.Errorf("progress total %d, want 4", total)
				}
				progress = append(progress, done)
			}})
			if err != nil {
				t.Fatal(err)
			}
			if rep.Written != 4 || rep.Failed != 0 || len(progress) != 4 || progress[3] != 4 {
				t.Fatalf("report %v, progress %v", rep, progress)
			}
			// Writing again changes nothing.
			rep, err = mdout.Write(ctx, first, out, mdout.Options{Layout: layout})
			if err != nil || rep.Unchanged != 4 || rep.Written != 0 {
				t.Fatalf("second write: %v, %v", rep, err)
			}

			second := mustOpen(t)
			importDir(t, second, out)
			after := allPosts(t, second)
			if len(after) != len(before) {
				t.Fatalf("round trip gave %d posts, want %d", len(after), len(before))
			}
			for slug, p := range before {
				q, ok := after[slug]
				if !ok {
					t.Errorf("%s: missing after the round trip", slug)
					continue
				}
				if !reflect.DeepEqual(content(p), content(q)) {
					t.Errorf("%s changed in the round trip:\n before %#v\n after  %#v", slug, content(p), content(q))
				}
			}
		})
	}
}

// The sample post comes back with the same keys, values and body.
func TestSampleRoundTrip(t *testing.T) {
	ctx := context.Background()
	src := t.TempDir()
	raw := sample(t)
	name := filepath.Join(src, "_posts", "2018-01-05-kubecon-2017-austin-summary.md")
	os.MkdirAll(filepath.Dir(name), 0o755)
	if err := os.WriteFile(name, raw, 0o644); err != nil {
		t.Fatal(err)
	}
	orig, _, err := post.ParseFile("sample", raw)
	if err != nil {
		t.Fatal(err)
	}
	st := mustOpen(t)
	importDir(t, st, src)
	out := t.TempDir()
	if _, err := mdout.Write(ctx, st, out, mdout.Options{}); err != nil {
		t.Fatal(err)
	}
	written, err := os.ReadFile(filepath.Join(out, "_posts", "2018-01-05-kubecon-2017-austin-summary.md"))
	if err != nil {
		t.Fatal(err)
	}
	back, _, err := post.ParseFile("written", written)
	if err != nil {
		t.Fatal(err)
	}
	_, _, origBody, _, _ := post.SplitFrontMatter(raw)
	_, _, backBody, _, _ := post.SplitFrontMatter(written)
	if string(origBody) != string(backBody) {
		t.Error("the body changed")
	}
	if back.Title != orig.Title || !back.Date.Equal(orig.Date) || back.Layout != orig.Layout ||
		!reflect.DeepEqual(back.Categories, orig.Categories) || !reflect.DeepEqual(back.Extra, orig.Extra) || back.Status != orig.Status {
		t.Errorf("front matter changed:\n orig %#v\n back %#v", orig, back)
	}
	for _, key := range []string{"title:", "date:", "layout:", "categories:"} {
		if !strings.Contains(string(written), "\n"+key) {
			t.Errorf("written file lacks %s:\n%s", key, written)
		}
	}
}

func TestHugoDraftAndLayouts(t *testing.T) {
	ctx := context.Background()
	st := mustOpen(t)
	for _, p := range []*post.Post{
		{Title: "Draft one", Status: post.StatusDraft, Body: "d\n"},
		{Title: "Live", Status: post.StatusPublished, Date: time.Date(2021, 5, 6, 7, 8, 9, 0, time.UTC), Body: "l\n"},
	} {
		if err := st.CreatePost(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	hugo := t.TempDir()
	if _, err := mdout.Write(ctx, st, hugo, mdout.Options{Layout: "hugo"}); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(hugo, "content", "posts", "draft-one.md"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), "\ndraft: true\n") {
		t.Errorf("hugo draft lacks draft: true:\n%s", b)
	}
	if _, err := os.Stat(filepath.Join(hugo, "content", "posts", "live.md")); err != nil {
		t.Error(err)
	}
	jekyll := t.TempDir()
	if _, err := mdout.Write(ctx, st, jekyll, mdout.Options{Layout: "jekyll"}); err != nil {
		t.Fatal(err)
	}
	for _, rel := range []string{"_drafts/draft-one.md", "_posts/2021-05-06-live.md"} {
		if _, err := os.Stat(filepath.Join(jekyll, rel)); err != nil {
			t.Error(err)
		}
	}
	if _, err := mdout.Write(ctx, st, t.TempDir(), mdout.Options{Layout: "gatsby"}); err == nil {
		t.Error("unknown layout accepted")
	}
	// No temporary files are left behind.
	filepath.WalkDir(jekyll, func(p string, d os.DirEntry, err error) error {
		if strings.Contains(p, ".tmp") {
			t.Errorf("left behind: %s", p)
		}
		return nil
	})
}

func TestCancel(t *testing.T) {
	st := mustOpen(t)
	if err := st.CreatePost(context.Background(), &post.Post{Title: "x", Body: "x"}); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := mdout.Write(ctx, st, t.TempDir(), mdout.Options{}); err == nil {
		t.Error("a cancelled write returned no error")
	}
}

// A Hugo site (TOML, a page bundle, a draft) goes in, out as Markdown in
// either layout and in again as the same posts.
func TestRoundTripHugoSite(t *testing.T) {
	ctx := context.Background()
	src := t.TempDir()
	files := map[string]string{
		"hugo.toml":                          "title = 'Site'\nbaseURL = 'https://example.org/'\n",
		"content/posts/toml.md":              "+++\ntitle = 'TOML'\ndate = 2021-03-04T05:06:07+01:00\ntags = ['a']\nweight = 2\n[params]\nx = 1\n+++\nBody.\n",
		"content/posts/draft.md":             "---\ntitle: Draft\ndraft: true\n---\nnot yet\n",
		"content/posts/trip/index.md":        "---\ntitle: Trip\ndate: 2020-01-01\n---\n![](beach.jpg)\n",
		"content/posts/trip/beach.jpg":       "jpg",
		"content/posts/json.md":              "{\"title\": \"JSON\", \"date\": \"2022-02-02\", \"z\": [1, 2]}\nJSON body\n",
		"content/posts/_index.md":            "---\ntitle: Posts\n---\n",
		"content/posts/no-front-matter.md":   "# Heading\n\ntext\n",
		"content/posts/2019-09-09-dated.md":  "dated by name\n",
		"content/posts/unicode-ünïcödé.md":   "---\ntitle: Ünïcödé\ndate: 2018-08-08\n---\nü\n",
		"content/posts/nested/deeper/sub.md": "---\ntitle: Sub\ndate: 2017-07-07\nslug: custom\n---\n",
	}
	for rel, s := range files {
		p := filepath.Join(src, filepath.FromSlash(rel))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	first := mustOpen(t)
	importDir(t, first, src)
	before := allPosts(t, first)
	if len(before) != 8 {
		t.Fatalf("%d posts from the site, want 8: %v", len(before), keys(before))
	}
	for _, layout := range []string{"jekyll", "hugo"} {
		out := t.TempDir()
		if rep, err := mdout.Write(ctx, first, out, mdout.Options{Layout: layout}); err != nil || rep.Written != 8 {
			t.Fatalf("%s: %v %v", layout, rep, err)
		}
		second := mustOpen(t)
		importDir(t, second, out)
		after := allPosts(t, second)
		if len(after) != len(before) {
			t.Errorf("%s: %d posts back, want %d", layout, len(after), len(before))
		}
		for slug, p := range before {
			if q, ok := after[slug]; !ok || !reflect.DeepEqual(content(p), content(q)) {
				t.Errorf("%s: %s changed:\n before %#v\n after  %#v", layout, slug, content(p), q)
			}
		}
	}
}

func keys(m map[string]*post.Post) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}
