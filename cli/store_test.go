package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// quire runs `quire --db DB ARGS...` and returns the exit status and streams.
func quire(t *testing.T, db string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Main(context.Background(), append([]string{"--db", db}, args...), strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

func put(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestStoreCommands(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "quire.db")
	posts := filepath.Join(dir, "posts")
	sample, err := os.ReadFile("../testdata/kubecon-2017-austin-summary.md")
	if err != nil {
		t.Fatal(err)
	}
	put(t, filepath.Join(posts, "kubecon-2017-austin-summary.md"), string(sample))
	put(t, filepath.Join(posts, "go.md"), "---\ntitle: Writing Go\nstatus: draft\ntags: [go, sqlite]\n---\nSQLite and Go.\n")

	code, out, errOut := quire(t, db, "import", posts)
	if code != 0 || !strings.Contains(out, "2 imported, 0 updated, 0 unchanged, 0 failed") {
		t.Fatalf("import: %d\n%s\n%s", code, out, errOut)
	}
	if !strings.Contains(errOut, "kubecon-2017-austin-summary.md:5: warning: categories was a single string") {
		t.Errorf("import did not pass on the warning:\n%s", errOut)
	}
	code, out, _ = quire(t, db, "import", posts)
	if code != 0 || !strings.Contains(out, "0 imported, 0 updated, 2 unchanged, 0 failed") {
		t.Errorf("re-import: %d\n%s", code, out)
	}

	tests := []struct {
		name string
		args []string
		code int
		out  []string
		not  []string
	}{
		{"List", []string{"list"}, 0, []string{"SLUG", "kubecon-2017-austin-summary  published  2018-01-05  KubeCon 2017 Austin Summary", "writing-go"}, nil},
		{"ListStatus", []string{"list", "--status", "draft"}, 0, []string{"writing-go"}, []string{"kubecon"}},
		{"ListSearch", []string{"list", "--search", "istio"}, 0, []string{"kubecon"}, []string{"writing-go"}},
		{"ListSearchSyntax", []string{"list", "--search", `"NEAR(`}, 0, []string{"SLUG"}, nil},
		{"ListBadStatus", []string{"list", "--status", "gone"}, 2, nil, nil},
		// The file as it was written: quotes, order and the categories
		// string kept, the derived slug and status not added.
		{"Show", []string{"show", "kubecon-2017-austin-summary"}, 0, []string{string(sample)}, []string{"slug:", "status:"}},
		{"ShowMissing", []string{"show", "nope"}, 1, nil, nil},
		{"History", []string{"history", "writing-go"}, 0, []string{"REV", "*1", "import"}, nil},
		{"RestoreBadRev", []string{"restore", "writing-go", "x"}, 2, nil, nil},
		{"RestoreMissingRev", []string{"restore", "writing-go", "9"}, 1, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := quire(t, db, tt.args...)
			if code != tt.code {
				t.Fatalf("exit %d, want %d\n%s\n%s", code, tt.code, out, errOut)
			}
			for _, w := range tt.out {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q:\n%s", w, out)
				}
			}
			for _, w := range tt.not {
				if strings.Contains(out, w) {
					t.Errorf("output has %q:\n%s", w, out)
				}
			}
		})
	}

	// JSON output parses.
	_, out, _ = quire(t, db, "list", "--json", "--search", "sqlite")
	var res struct {
		Posts []struct {
			Slug  string
			Match string
		}
		Total int
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil || res.Total != 1 || !strings.Contains(res.Posts[0].Match, "<mark>SQLite</mark>") {
		t.Errorf("list --json: %v %+v\n%s", err, res, out)
	}
	_, out, _ = quire(t, db, "show", "--json", "writing-go")
	var p struct {
		Title string
		Tags  []string
		Body  string
	}
	if err := json.Unmarshal([]byte(out), &p); err != nil || p.Title != "Writing Go" || len(p.Tags) != 2 {
		t.Errorf("show --json: %v %+v", err, p)
	}

	// Edit the file, re-import, look at the history and go back.
	put(t, filepath.Join(posts, "go.md"), "---\ntitle: Writing Go\nstatus: draft\n---\nChanged.\n")
	code, out, _ = quire(t, db, "import", filepath.Join(posts, "go.md"))
	if code != 0 || !strings.Contains(out, "0 imported, 1 updated") {
		t.Errorf("update: %s", out)
	}
	code, out, _ = quire(t, db, "restore", "writing-go", "1")
	if code != 0 || !strings.Contains(out, "now revision 3") {
		t.Errorf("restore: %d %s", code, out)
	}
	_, out, _ = quire(t, db, "show", "writing-go")
	if !strings.Contains(out, "SQLite and Go.") {
		t.Errorf("after restore:\n%s", out)
	}
	_, out, _ = quire(t, db, "history", "writing-go")
	if !strings.Contains(out, "*3   restore") {
		t.Errorf("history after restore:\n%s", out)
	}

	// Backup: a copy that opens, and no overwriting.
	copyPath := filepath.Join(dir, "copy.db")
	if code, out, errOut := quire(t, db, "backup", copyPath); code != 0 {
		t.Fatalf("backup: %d %s %s", code, out, errOut)
	}
	if code, out, _ := quire(t, copyPath, "list"); code != 0 || !strings.Contains(out, "writing-go") {
		t.Errorf("the backup does not list: %s", out)
	}
	if code, _, errOut := quire(t, db, "backup", copyPath); code != 1 || !strings.Contains(errOut, "exists") {
		t.Errorf("backup over a file: %d %s", code, errOut)
	}
}

func TestImportFailures(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "quire.db")
	put(t, filepath.Join(dir, "in", "good.md"), "---\ntitle: Good\n---\nok\n")
	put(t, filepath.Join(dir, "in", "bad.md"), "---\ntitle: Bad\ndate: not a date\n---\n")
	code, out, errOut := quire(t, db, "import", filepath.Join(dir, "in"), filepath.Join(dir, "missing.md"))
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	if !strings.Contains(out, "1 imported, 0 updated, 0 unchanged, 2 failed") {
		t.Errorf("summary:\n%s", out)
	}
	if !strings.Contains(errOut, "bad.md:3: date:") || !strings.Contains(errOut, "missing.md") {
		t.Errorf("failures not explained:\n%s", errOut)
	}
	if code, _, _ := quire(t, db, "import"); code != 2 {
		t.Errorf("import without paths: exit %d, want 2", code)
	}
}

func TestDBPathFaults(t *testing.T) {
	dir := t.TempDir()
	notDB := filepath.Join(dir, "notes.txt")
	put(t, notDB, "my notes")
	tests := []struct {
		name, path, msg string
	}{
		{"MissingFolder", filepath.Join(dir, "missing", "quire.db"), "does not exist"},
		{"NotSQLite", notDB, "not a SQLite database"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errOut := quire(t, tt.path, "list")
			if code != 1 || !strings.Contains(errOut, tt.path) || !strings.Contains(errOut, tt.msg) || strings.Count(errOut, "\n") != 1 {
				t.Errorf("exit %d, stderr %q: want one line naming %s", code, errOut, tt.path)
			}
		})
	}
	if b, _ := os.ReadFile(notDB); string(b) != "my notes" {
		t.Errorf("the file was changed: %q", b)
	}
	if _, err := os.Stat(filepath.Join(dir, "missing")); err == nil {
		t.Error("the missing folder was created")
	}
}
