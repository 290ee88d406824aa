package cli

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

func TestReplaceCommand(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "quire.db")
	posts := filepath.Join(dir, "posts")
	put(t, filepath.Join(posts, "zig.md"), "---\ntitle: Writing Zig\nslug: writing-zig\nstatus: draft\n---\nZig is fun.\n\nThe zig tool, zigzag.\n")
	put(t, filepath.Join(posts, "cats.md"), "---\ntitle: Cats about Zig\nslug: cats\nstatus: draft\n---\nNothing to see.\n")
	if code, out, errOut := quire(t, db, "import", posts); code != 0 {
		t.Fatalf("import: %d\n%s\n%s", code, out, errOut)
	}
	revs := func(slug string) int {
		t.Helper()
		code, out, errOut := quire(t, db, "history", slug, "--json")
		if code != 0 {
			t.Fatalf("history %s: %d %s", slug, code, errOut)
		}
		var l []json.RawMessage
		if err := json.Unmarshal([]byte(out), &l); err != nil {
			t.Fatalf("history %s: %v\n%s", slug, err, out)
		}
		return len(l)
	}
	zig, cats := revs("writing-zig"), revs("cats")

	tests := []struct {
		name string
		args []string
		code int
		out  []string
		err  string
	}{
		{"DryRun", []string{"replace", "zig", "Rust", "--word", "--dry-run"}, 0,
			[]string{"writing-zig:6: Rust is fun.\n", "writing-zig:8: The Rust tool, zigzag.\n", "2 replacements in 1 post (dry run: nothing changed)\n"}, ""},
		{"BadRegex", []string{"replace", "zig(", "x", "--regex"}, 1, nil, `invalid regular expression "zig("`},
		{"Usage", []string{"replace", "zig"}, 2, nil, "needs FIND and REPLACEMENT"},
		{"Case", []string{"replace", "Zig", "Rust", "--case"}, 0,
			[]string{"writing-zig:6: Rust is fun.\n", "1 replacement in 1 post\n"}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := quire(t, db, tc.args...)
			if code != tc.code {
				t.Fatalf("exit %d, want %d\n%s\n%s", code, tc.code, out, errOut)
			}
			for _, w := range tc.out {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q:\n%s", w, out)
				}
			}
			if !strings.Contains(errOut, tc.err) {
				t.Errorf("stderr lacks %q:\n%s", tc.err, errOut)
			}
		})
	}
	// Only the --case run changed anything: one revision, and none for the
	// post whose only match is in its front matter.
	if n := revs("writing-zig"); n != zig+1 {
		t.Errorf("writing-zig: %d revisions, want %d", n, zig+1)
	}
	if n := revs("cats"); n != cats {
		t.Errorf("cats: %d revisions, want %d", n, cats)
	}

	code, out, _ := quire(t, db, "replace", "about Zig", "about Rust", "--front-matter", "--json")
	var rep struct {
		Changed []struct {
			Slug  string
			Lines []struct {
				Line  int
				After string
			}
		}
		Replaced int
		DryRun   bool
	}
	if err := json.Unmarshal([]byte(out), &rep); code != 0 || err != nil {
		t.Fatalf("--json: %d %v\n%s", code, err, out)
	}
	if rep.Replaced != 1 || len(rep.Changed) != 1 || rep.Changed[0].Slug != "cats" ||
		rep.Changed[0].Lines[0].Line != 2 || rep.Changed[0].Lines[0].After != "title: Cats about Rust" {
		t.Errorf("--json: %s", out)
	}
}
