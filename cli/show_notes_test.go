package cli

import (
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"quire/internal/gittest"
)

var updateNotes = flag.Bool("update", false, "rewrite the golden files in testdata/notes-export")

// TestNotesRoundTrip is a folder of notes without front matter (Obsidian,
// Typora) in git through the commands: quire link writes nothing, quire
// show prints each note as written, an edit made elsewhere and quire
// restore of the first revision leave git nothing to show, and quire
// export --format markdown writes what each generator needs
// (testdata/notes-export/LAYOUT/...: Jekyll renders only a file with a
// block; neither reads a title from a heading, and Hugo no date from a
// file).
func TestNotesRoundTrip(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "quire.db")
	notes := filepath.Join(dir, "notes")
	src := map[string]string{}
	err := filepath.WalkDir("../testdata/notes", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel("../testdata/notes", p)
		src[filepath.ToSlash(rel)] = string(b)
		put(t, filepath.Join(notes, rel), string(b))
		return err
	})
	if err != nil || len(src) == 0 {
		t.Fatalf("the notes: %v", err)
	}
	// The dates Quire takes from the files' times, fixed for the goldens.
	for rel := range src {
		when := time.Date(2023, 2, 3, 10, 20, 30, 0, time.UTC)
		if err := os.Chtimes(filepath.Join(notes, rel), when, when); err != nil {
			t.Fatal(err)
		}
	}
	gittest.InitCommit(t, notes, "notes")

	run := func(args ...string) string {
		t.Helper()
		code, out, errOut := quire(t, db, args...)
		if code != 0 {
			t.Fatalf("quire %s: exit %d\n%s%s", strings.Join(args, " "), code, out, errOut)
		}
		return out
	}
	run("link", notes)
	assertGitClean(t, notes, "after quire link")
	slugs := map[string]string{"groceries.md": "groceries", "journal/2024-05-01.md": "2024-05-01"}
	for rel, slug := range slugs {
		if out := run("show", slug); out != src[rel] {
			t.Errorf("quire show %s prints\n%q\nwant the file\n%q", slug, out, src[rel])
		}
	}
	for _, layout := range []string{"jekyll", "hugo"} {
		out := filepath.Join(dir, "md-"+layout)
		run("export", "--format", "markdown", "--layout", layout, "--out", out)
		compareTree(t, out, filepath.Join("testdata", "notes-export", layout))
	}

	put(t, filepath.Join(notes, "groceries.md"), src["groceries.md"]+"Edited elsewhere.\n")
	run("link", notes)
	run("restore", "groceries", "1")
	run("link", notes)
	assertGitClean(t, notes, "after quire restore")
}

// compareTree compares the Markdown files under got with the golden tree.
func compareTree(t *testing.T, got, golden string) {
	t.Helper()
	files := map[string]string{}
	filepath.WalkDir(got, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			b, _ := os.ReadFile(p)
			rel, _ := filepath.Rel(got, p)
			files[filepath.ToSlash(rel)] = string(b)
		}
		return err
	})
	if *updateNotes {
		os.RemoveAll(golden)
		for rel, s := range files {
			put(t, filepath.Join(golden, filepath.FromSlash(rel)), s)
		}
	}
	want := 0
	filepath.WalkDir(golden, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		want++
		b, _ := os.ReadFile(p)
		rel, _ := filepath.Rel(golden, p)
		if s, ok := files[filepath.ToSlash(rel)]; !ok || s != string(b) {
			t.Errorf("%s: wrote (%v)\n%s\nwant (%s)\n%s", rel, ok, s, p, b)
		}
		return nil
	})
	if want != len(files) || want == 0 {
		t.Errorf("wrote %d files, the golden tree %s has %d", len(files), golden, want)
	}
}
