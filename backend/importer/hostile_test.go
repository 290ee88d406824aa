package importer_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"quire/backend/importer"
	"quire/backend/store"
)

func TestHostileInputs(t *testing.T) {
	ctx := context.Background()
	st := mustOpen(t)
	dir := t.TempDir()
	write(t, filepath.Join(dir, "unclosed.md"), "---\ntitle: never closed\n\nbody\n")
	write(t, filepath.Join(dir, "binary.md"), "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
	write(t, filepath.Join(dir, "latin1.md"), "caf\xe9\n")
	big := "---\ntitle: Big\n---\n" + strings.Repeat("All work and no play makes Jack a dull boy.\n", 10<<20/44+1)
	write(t, filepath.Join(dir, "big.md"), big)
	odd := filepath.Join(dir, "odd dir #1", "ü ñ 'quotes' \"dq\" & $HOME (1).md")
	write(t, odd, "---\ntitle: Odd\n---\nodd\n")
	write(t, filepath.Join(dir, "emoji-📝.md"), "# Emoji\n")
	// A loop of links: a folder linking to its parent, a file linking to itself.
	if err := os.Symlink(dir, filepath.Join(dir, "loop")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("self.md", filepath.Join(dir, "self.md")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(dir, "nowhere.md"), filepath.Join(dir, "dangling.md")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(dir, "emoji-📝.md"), filepath.Join(dir, "link-to-emoji.md")); err != nil {
		t.Fatal(err)
	}

	rep, err := importer.Import(ctx, st, []string{dir, filepath.Join(dir, "self.md")})
	if err != nil {
		t.Fatal(err)
	}
	expect := map[string]struct {
		outcome importer.Outcome
		msg     string
	}{
		"unclosed.md":                        {importer.Failed, "never closed"},
		"binary.md":                          {importer.Failed, "binary file"},
		"latin1.md":                          {importer.Failed, "not valid UTF-8"},
		"big.md":                             {importer.Imported, ""},
		"ü ñ 'quotes' \"dq\" & $HOME (1).md": {importer.Imported, ""},
		"emoji-📝.md":                         {importer.Imported, ""},
		"link-to-emoji.md":                   {importer.Imported, ""},
		"self.md":                            {importer.Failed, "loops back on itself"},
		"dangling.md":                        {importer.Failed, "no such file"},
	}
	seen := map[string]int{}
	for _, r := range rep.Results {
		name := filepath.Base(r.Path)
		seen[name]++
		e, ok := expect[name]
		if !ok {
			t.Errorf("unexpected result %+v", r)
			continue
		}
		if r.Outcome != e.outcome || !strings.Contains(r.Error, e.msg) {
			t.Errorf("%s: %s %q, want %s %q", name, r.Outcome, r.Error, e.outcome, e.msg)
		}
		if r.Outcome == importer.Failed && !strings.Contains(r.Error, name) {
			t.Errorf("%s: the message %q does not name the file", name, r.Error)
		}
	}
	for name := range expect {
		if seen[name] == 0 {
			t.Errorf("%s: no result", name)
		}
	}
	// Nothing half-imported: only the good files are posts.
	res, err := st.ListPosts(ctx, store.ListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 4 {
		t.Errorf("%d posts, want 4", res.Total)
	}
	p, err := st.GetPostBySlug(ctx, "big")
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Body) != len(big)-len("---\ntitle: Big\n---\n") {
		t.Errorf("10 MB body is %d bytes", len(p.Body))
	}
	if _, err := st.GetPostBySource(ctx, filepath.Join(dir, "unclosed.md")); err == nil {
		t.Error("the unclosed file became a post")
	}
}

func TestCancel(t *testing.T) {
	st := mustOpen(t)
	dir := t.TempDir()
	writeCorpus(t, dir, 600)
	ctx, cancel := context.WithCancel(context.Background())
	calls := 0
	rep, err := importer.ImportWith(ctx, st, []string{dir}, importer.Options{Progress: func(done, total int) {
		calls++
		if done >= 250 {
			cancel()
		}
	}})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	res, _ := st.ListPosts(context.Background(), store.ListOptions{})
	if res.Total == 0 || res.Total >= 600 || rep.Count(importer.Imported) != res.Total {
		t.Errorf("after cancel: %d posts, %d reported imported", res.Total, rep.Count(importer.Imported))
	}
}
