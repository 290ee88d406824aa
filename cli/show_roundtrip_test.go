package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"quire/internal/gittest"
)

// TestShowRoundTrip is issue 17 as a new user met it: a Jekyll blog in git,
// linked, a post edited in another editor, then quire restore of the first
// revision. quire show and quire export --format markdown print the file as
// written, and once the folder is synced again git has nothing to show.
func TestShowRoundTrip(t *testing.T) {
	sample, err := os.ReadFile("../testdata/kubecon-2017-austin-summary.md")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "quire.db")
	blog := filepath.Join(dir, "blog")
	path := filepath.Join(blog, "_posts", "2018-01-05-kubecon-2017-austin-summary.md")
	put(t, path, string(sample))
	put(t, filepath.Join(blog, "_config.yml"), "title: Blog\n")
	gittest.InitCommit(t, blog, "blog")

	run := func(args ...string) string {
		t.Helper()
		code, out, errOut := quire(t, db, args...)
		if code != 0 {
			t.Fatalf("quire %s: exit %d\n%s%s", strings.Join(args, " "), code, out, errOut)
		}
		return out
	}
	run("link", blog)
	assertGitClean(t, blog, "after quire link")
	if out := run("show", "kubecon-2017-austin-summary"); out != string(sample) {
		t.Errorf("quire show prints\n%s\nwant the file", out)
	}
	for _, layout := range []string{"jekyll", "hugo"} {
		out := filepath.Join(dir, "md-"+layout)
		run("export", "--format", "markdown", "--layout", layout, "--out", out)
		rel := map[string]string{"jekyll": "_posts/2018-01-05-kubecon-2017-austin-summary.md",
			"hugo": "content/posts/kubecon-2017-austin-summary.md"}[layout]
		if b, err := os.ReadFile(filepath.Join(out, rel)); err != nil || string(b) != string(sample) {
			t.Errorf("export --layout %s wrote (%v)\n%s\nwant the file", layout, err, b)
		}
	}

	put(t, path, string(sample)+"\nAn edit made in another editor.\n")
	run("link", blog) // a linked folder linked again is synced
	run("restore", "kubecon-2017-austin-summary", "1")
	run("link", blog)
	assertGitClean(t, blog, "after quire restore")
}

func assertGitClean(t *testing.T, dir, when string) {
	t.Helper()
	if out := gittest.Run(t, dir, "status", "--porcelain", "--untracked-files=no"); out != "" {
		t.Errorf("%s git status says\n%s\n%s", when, out, gittest.Run(t, dir, "diff", "--no-color"))
	}
}
