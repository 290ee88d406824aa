package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"quire/backend/post"
)

func write(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestCorpus: files are taken once by content, without their own front
// matter, those Hugo cannot build left out, and every post's front matter
// is one Quire's parser accepts.
func TestCorpus(t *testing.T) {
	src := t.TempDir()
	long := strings.Repeat("Some prose about the package, with `code` and a [link](https://example.com).\n\n", 10)
	write(t, filepath.Join(src, "node_modules/@scope/pkg/README.md"), "# The \"pkg\" package\n\n"+long)
	write(t, filepath.Join(src, "node_modules/other/README.md"), "# The \"pkg\" package\n\n"+long) // same text
	write(t, filepath.Join(src, "node_modules/other/docs/guide.md"), "---\nlayout: page\npermalink: /x/\n---\n## Guide: *read* me\n\n"+long)
	write(t, filepath.Join(src, "node_modules/other/docs/short.md"), "# Too short\n")
	write(t, filepath.Join(src, "node_modules/other/docs/hugo.md"), "# Shortcode\n\n{{< note >}}\n"+long)
	write(t, filepath.Join(src, "node_modules/other/notes.txt"), long)

	docs, err := Collect([]string{filepath.Join(src, "node_modules")})
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 {
		t.Fatalf("%d documents, want 2: %+v", len(docs), docs)
	}
	out := filepath.Join(t.TempDir(), "posts")
	n, err := WriteCorpus(out, docs, 1000)
	if err != nil || n != 2 {
		t.Fatalf("WriteCorpus: %d, %v", n, err)
	}
	ents, _ := os.ReadDir(out)
	titles := map[string]bool{}
	for _, e := range ents {
		b, err := os.ReadFile(filepath.Join(out, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		p, _, err := post.ParseFile(e.Name(), b)
		if err != nil {
			t.Fatalf("%s: %v\n%s", e.Name(), err, b)
		}
		if strings.Contains(string(b), "permalink") {
			t.Errorf("%s kept the front matter it had", e.Name())
		}
		titles[p.Title] = true
	}
	for _, want := range []string{`The "pkg" package`, "Guide: read me"} {
		if !titles[want] {
			t.Errorf("no post titled %q (have %v)", want, titles)
		}
	}
	if got := Large(docs, 3000); len(got) < 3000 {
		t.Errorf("Large wrote %d bytes, want at least 3000", len(got))
	}
}
