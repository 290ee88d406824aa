package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"quire/internal/gittest"
)

// TestPublish drives quire publish against a clone of a bare repository,
// with the hosting folder set once as the output site setting.
func TestPublish(t *testing.T) {
	gittest.Isolate(t)
	remote, site := gittest.Remote(t)

	db := filepath.Join(t.TempDir(), "quire.db")
	src, err := os.ReadFile("../testdata/kubecon-2017-austin-summary.md")
	if err != nil {
		t.Fatal(err)
	}
	md := writeFile(t, "kubecon-2017-austin-summary.md", string(src))
	if code, _, errs := runQuire(t, "", "--db", db, "import", md); code != 0 {
		t.Fatalf("import: %d %s", code, errs)
	}

	if code, _, errs := runQuire(t, "", "--db", db, "publish"); code != 1 || !strings.Contains(errs, "quire site output DIR") {
		t.Errorf("publish without a folder: %d %s", code, errs)
	}
	if code, _, errs := runQuire(t, "", "--db", db, "site", "output", site); code != 0 {
		t.Fatalf("site output: %d %s", code, errs)
	}
	if code, out, _ := runQuire(t, "", "--db", db, "site"); code != 0 || !strings.Contains(out, "output          "+site+"\n") {
		t.Errorf("quire site:\n%s", out)
	}

	code, out, errs := runQuire(t, "", "--db", db, "publish", "--dry-run", "--force")
	if code != 0 || !strings.Contains(out, "dry run: nothing was changed") || !strings.Contains(out, "would write 16 files") ||
		!strings.Contains(out, "- KubeCon 2017 Austin Summary (2018/01/05/kubecon-2017-austin-summary/index.html)") ||
		!strings.Contains(out, "would push 1 commit to origin/main") {
		t.Errorf("dry run: %d\n%s%s", code, out, errs)
	}
	if _, err := os.Stat(filepath.Join(site, "index.html")); err == nil {
		t.Errorf("the dry run exported")
	}

	code, out, errs = runQuire(t, "", "--db", db, "publish", "--force", "--json")
	var rep struct {
		Git struct {
			Commit string
			Pushed int
			Added  []struct{ Slug string }
		}
	}
	if code != 0 || json.Unmarshal([]byte(out), &rep) != nil || rep.Git.Pushed != 1 || len(rep.Git.Added) != 1 {
		t.Fatalf("publish --json: %d\n%s%s", code, out, errs)
	}
	if got := gittest.Run(t, remote, "rev-parse", "main"); got != rep.Git.Commit {
		t.Errorf("remote main = %s, want %s", got, rep.Git.Commit)
	}

	code, out, _ = runQuire(t, "", "--db", db, "publish")
	if code != 0 || !strings.Contains(out, "nothing changed: no commit and nothing to push") {
		t.Errorf("second publish: %d\n%s", code, out)
	}

	gittest.Run(t, site, "switch", "-q", "--detach")
	code, _, errs = runQuire(t, "", "--db", db, "publish")
	if code != 1 || !strings.Contains(errs, "quire publish: the hosting folder's git work tree is on a detached HEAD") {
		t.Errorf("detached: %d %s", code, errs)
	}
}
