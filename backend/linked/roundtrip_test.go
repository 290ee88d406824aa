package linked_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"quire/backend/linked"
	"quire/backend/mdout"
	"quire/backend/store"
	"quire/internal/gittest"
)

// roundTrip is a post file of a blog kept in git, placed as its generator
// keeps it, and the layout that writes it back to the same place.
type roundTrip struct {
	src, rel, layout string
	// mdout is whether the markdown export writes the file unchanged
	// (a draft exported to Hugo gains the draft: true Hugo needs).
	mdout bool
}

var roundTrips = []roundTrip{
	{"kubecon-2017-austin-summary.md", "_posts/2018-01-05-kubecon-2017-austin-summary.md", mdout.LayoutJekyll, true},
	{"frontmatter/yaml-styled.md", "_posts/2019-03-04-its-a-styled-post.md", mdout.LayoutJekyll, true},
	{"frontmatter/yaml-styled.md", "_drafts/its-a-styled-post.md", mdout.LayoutJekyll, true},
	{"frontmatter/toml-post.md", "content/posts/a-toml-post.md", mdout.LayoutHugo, true},
	{"frontmatter/json-post.md", "content/posts/a-json-post.md", mdout.LayoutHugo, true},
}

// TestRoundTripByteForByte is the writer's blog in git through Quire: a
// link writes nothing (git diff is empty), the editor's text, quire show
// and the markdown export are the file as written, a change edits that
// key's line alone, and its undo (a restore) writes the file back byte for
// byte.
func TestRoundTripByteForByte(t *testing.T) {
	ctx := context.Background()
	for _, rt := range roundTrips {
		t.Run(strings.ReplaceAll(rt.rel, "/", "_"), func(t *testing.T) {
			src, err := os.ReadFile(filepath.Join("../../testdata", rt.src))
			if err != nil {
				t.Fatal(err)
			}
			blog := t.TempDir()
			path := filepath.Join(blog, filepath.FromSlash(rt.rel))
			write(t, path, string(src))
			if rt.layout == mdout.LayoutHugo {
				write(t, filepath.Join(blog, "hugo.toml"), "title = 'Blog'\n")
			} else {
				write(t, filepath.Join(blog, "_config.yml"), "title: Blog\n")
			}
			gittest.InitCommit(t, blog, "blog")

			st := mustOpen(t)
			s, err := linked.New(st, linked.Options{})
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(s.Close)
			if _, err := s.Link(ctx, blog); err != nil {
				t.Fatal(err)
			}
			gitClean(t, blog, "after the link")
			p, err := st.GetPostBySource(ctx, path)
			if err != nil {
				t.Fatal(err)
			}
			if want := map[bool]string{true: "draft", false: "published"}[strings.HasPrefix(rt.rel, "_drafts/")]; string(p.Status) != want {
				t.Errorf("status %s, want %s", p.Status, want)
			}
			if text, err := p.MarshalEditable(); err != nil || string(text) != string(src) {
				t.Errorf("the editor shows (%v)\n%s\nwant the file\n%s", err, text, src)
			}
			if rel, b, err := mdout.File(p, rt.layout); err != nil {
				t.Error(err)
			} else if rt.mdout && (filepath.ToSlash(rel) != rt.rel || string(b) != string(src)) {
				t.Errorf("export --format markdown --layout %s writes %s\n%s\nwant %s, the file", rt.layout, rel, b, rt.rel)
			}

			// A change of one field edits its line alone.
			p.Title = "Changed"
			if err := st.SavePost(ctx, p, store.KindSave); err != nil {
				t.Fatal(err)
			}
			if err := s.WritePost(ctx, p.ID); err != nil {
				t.Fatal(err)
			}
			diff := gittest.Run(t, blog, "diff", "--no-color", "-U0")
			var changed []string
			for _, l := range strings.Split(diff, "\n") {
				if (strings.HasPrefix(l, "-") || strings.HasPrefix(l, "+")) && !strings.HasPrefix(l, "---") && !strings.HasPrefix(l, "+++") {
					changed = append(changed, l)
				}
			}
			if len(changed) != 2 || !strings.Contains(changed[1], "Changed") {
				t.Errorf("a title change changed the lines %q", changed)
			}

			// Its undo gives the file back.
			if _, err := st.RestoreRevision(ctx, p.ID, 1); err != nil {
				t.Fatal(err)
			}
			if err := s.WritePost(ctx, p.ID); err != nil {
				t.Fatal(err)
			}
			gitClean(t, blog, "after the change and its undo")
			back, err := st.GetPost(ctx, p.ID)
			if err != nil {
				t.Fatal(err)
			}
			if back.Status != p.Status || back.Slug != p.Slug {
				t.Errorf("after the undo: %s %q, want %s %q", back.Status, back.Slug, p.Status, p.Slug)
			}

			// A second link of the folder (another machine) writes nothing.
			if err := s.Unlink(ctx, blog); err != nil {
				t.Fatal(err)
			}
			if _, err := s.Link(ctx, blog); err != nil {
				t.Fatal(err)
			}
			gitClean(t, blog, "after a second link")
		})
	}
}

func gitClean(t *testing.T, dir, when string) {
	t.Helper()
	if out := gittest.Run(t, dir, "status", "--porcelain", "--untracked-files=no"); out != "" {
		t.Errorf("%s git status says\n%s\n%s", when, out, gittest.Run(t, dir, "diff", "--no-color"))
	}
}
