package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSiteAndExport(t *testing.T) {
	db := filepath.Join(t.TempDir(), "quire.db")
	src, err := os.ReadFile("../testdata/kubecon-2017-austin-summary.md")
	if err != nil {
		t.Fatal(err)
	}
	md := writeFile(t, "kubecon-2017-austin-summary.md", string(src))
	if code, _, errs := runQuire(t, "", "--db", db, "import", md); code != 0 {
		t.Fatalf("import: %d %s", code, errs)
	}
	for _, c := range []struct {
		args []string
		code int
		out  string
	}{
		{[]string{"site", "title", "Field Notes"}, 0, ""},
		{[]string{"site", "base-url", "https://example.org/blog"}, 0, ""},
		{[]string{"site", "base-url"}, 0, "https://example.org/blog/\n"},
		{[]string{"site", "permalink", "posts"}, 0, ""},
		// A bad value or key says what is wrong with it, not the usage.
		{[]string{"site", "posts-per-page", "zero"}, 1, ""},
		{[]string{"site", "colour", "red"}, 1, ""},
		{[]string{"site", "permalink", "/:year/"}, 1, ""},
	} {
		code, out, errs := runQuire(t, "", append([]string{"--db", db}, c.args...)...)
		if code != c.code || (c.out != "" && out != c.out) {
			t.Errorf("quire site %q: %d %q %q", c.args, code, out, errs)
		}
		if code == 1 && (strings.Contains(errs, "Usage:") || !strings.Contains(errs, c.args[1])) {
			t.Errorf("quire site %q: %q, want the reason without the usage", c.args, errs)
		}
	}
	if code, _, errs := runQuire(t, "", "--db", db, "site", "a", "b", "c"); code != 2 || !strings.Contains(errs, "Usage:") {
		t.Errorf("quire site with three arguments: %d %q", code, errs)
	}
	code, out, _ := runQuire(t, "", "--db", db, "site")
	if code != 0 || !strings.Contains(out, "permalink       /posts/:slug/") || !strings.Contains(out, "title           Field Notes") {
		t.Errorf("quire site:\n%s", out)
	}

	dir := filepath.Join(t.TempDir(), "site")
	os.MkdirAll(dir, 0o755)
	os.WriteFile(filepath.Join(dir, "CNAME"), []byte("example.org\n"), 0o644)
	code, out, errs := runQuire(t, "", "--db", db, "export", "--out", dir)
	if code != 1 || !strings.Contains(errs, "--force") {
		t.Errorf("export into a foreign folder: %d %q %q", code, out, errs)
	}
	code, out, errs = runQuire(t, "", "--db", db, "export", "--out", dir, "--force")
	if code != 0 || !strings.Contains(out, "1 posts:") || !strings.Contains(out, "0 failed") || strings.Contains(errs, "exporting") {
		t.Errorf("export: %d %q %q", code, out, errs)
	}
	if _, err := os.Stat(filepath.Join(dir, "posts/kubecon-2017-austin-summary/index.html")); err != nil {
		t.Error(err)
	}
	code, out, _ = runQuire(t, "", "--db", db, "export", "--out", dir)
	if code != 0 || !strings.Contains(out, ": 0 written") {
		t.Errorf("second export: %d %q", code, out)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "CNAME")); string(b) != "example.org\n" {
		t.Errorf("CNAME: %q", b)
	}
	if code, _, _ := runQuire(t, "", "--db", db, "export"); code != 2 {
		t.Errorf("export without --out: %d", code)
	}
	if code, _, _ := runQuire(t, "", "--db", db, "export", "--out", dir, "--format", "pdf"); code != 2 {
		t.Errorf("export --format pdf: %d", code)
	}
	// The theme folder replaces a template.
	th := t.TempDir()
	os.MkdirAll(filepath.Join(th, "templates"), 0o755)
	os.WriteFile(filepath.Join(th, "templates", "404.html"), []byte(`{{define "main"}}<p class="mine">Nothing here.</p>{{end}}`), 0o644)
	code, out, errs = runQuire(t, "", "--db", db, "export", "--out", dir, "--theme", th)
	if code != 0 {
		t.Fatalf("export --theme: %d %q %q", code, out, errs)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "404.html")); !strings.Contains(string(b), `<p class="mine">Nothing here.</p>`) {
		t.Errorf("theme override not used:\n%s", b)
	}
	// Markdown export (issue 7's package).
	mdDir := filepath.Join(t.TempDir(), "md")
	code, out, errs = runQuire(t, "", "--db", db, "export", "--format", "markdown", "--out", mdDir, "--layout", "hugo")
	if code != 0 || !strings.Contains(out, "1 written") {
		t.Errorf("markdown export: %d %q %q", code, out, errs)
	}
}
