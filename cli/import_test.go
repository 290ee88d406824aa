package cli

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

func TestImportSite(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "quire.db")
	site := filepath.Join(dir, "site")
	put(t, filepath.Join(site, "_config.yml"), "title: Imported Blog\nurl: https://blog.example\n")
	put(t, filepath.Join(site, "_posts", "2020-01-02-hello.md"), "---\ntitle: Hello\ndate: 2020-01-03\n---\nHi.\n")
	put(t, filepath.Join(site, "_posts", "2020-01-04-broken.md"), "---\ntitle: [\n---\n")
	put(t, filepath.Join(site, "about.md"), "---\ntitle: About\n---\n")

	code, out, errOut := quire(t, db, "import", site)
	if code != 1 {
		t.Errorf("exit %d, want 1 (one file failed)", code)
	}
	for _, want := range []string{"a jekyll site", "settings from", "skipped", "about.md", "1 imported, 0 updated, 0 unchanged, 1 failed, 1 skipped"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	for _, want := range []string{"broken.md", "the file name says 2020-01-02 but date: says 2020-01-03"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
	code, out, _ = quire(t, db, "import", "--json", site)
	var rep struct {
		Sites []struct {
			Kind     string
			Settings map[string]string
		}
		Results []struct{ Outcome string }
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("--json: %v\n%s", err, out)
	}
	if code != 1 || len(rep.Sites) != 1 || rep.Sites[0].Kind != "jekyll" || rep.Sites[0].Settings["site.title"] != "Imported Blog" || len(rep.Results) != 3 {
		t.Errorf("--json report: %d %+v", code, rep)
	}
}
