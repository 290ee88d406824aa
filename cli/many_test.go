package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"quire/backend/store"
	"quire/backend/store/storetest"
)

// sqliteMaxVariables is SQLite's limit on a statement's variables: a query
// with a variable per post fails past it.
const sqliteMaxVariables = 32766

// TestPastSQLiteVariableLimit lists, searches, shows and exports a database
// of more posts than a statement may have variables.
func TestPastSQLiteVariableLimit(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "quire.db")
	sample, err := os.ReadFile("../testdata/kubecon-2017-austin-summary.md")
	if err != nil {
		t.Fatal(err)
	}
	put(t, filepath.Join(dir, "posts", "kubecon-2017-austin-summary.md"), string(sample))
	// The post copied: a short one, so that the database stays small.
	put(t, filepath.Join(dir, "posts", "note.md"), "---\ntitle: A note\nslug: note\ndate: 2017-06-01\ncategories: [notes]\ntags: [go]\n---\nA short note.\n")
	if code, out, errs := quire(t, db, "import", filepath.Join(dir, "posts")); code != 0 {
		t.Fatalf("import: %d %s %s", code, out, errs)
	}
	const slug, drafts, published = "note", sqliteMaxVariables + 200, 25
	storetest.CopyPost(t, db, slug, drafts, "draft")
	storetest.CopyPost(t, db, slug, published, "published")
	all := 2 + drafts + published

	code, out, errs := quire(t, db, "list", "--json")
	var res store.ListResult
	if code != 0 || json.Unmarshal([]byte(out), &res) != nil {
		t.Fatalf("list --json: %d %.300s %s", code, out, errs)
	}
	if res.Total != all || len(res.Posts) != all {
		t.Fatalf("list --json: %d posts of %d, want %d", len(res.Posts), res.Total, all)
	}
	seen := make(map[int64]bool, all)
	for i, p := range res.Posts {
		if seen[p.ID] || p.Slug == "" || p.Title == "" || len(p.Categories) == 0 {
			t.Fatalf("list --json: post %d is %+v (a repeat, or read without its columns)", i, p)
		}
		seen[p.ID] = true
		if i > 0 && p.Date.After(res.Posts[i-1].Date) {
			t.Fatalf("list --json: post %d (%s) is newer than the one before it", i, p.Date)
		}
	}
	if res.Posts[0].Slug != "kubecon-2017-austin-summary" || res.Posts[1].Slug != slug || res.Posts[all-1].Slug != slug+"-draft-"+strconv.Itoa(drafts) {
		t.Errorf("list --json: first %q, last %q", res.Posts[0].Slug, res.Posts[all-1].Slug)
	}

	code, out, errs = quire(t, db, "list", "--status", "draft", "--sort", "title", "--offset", "100")
	if code != 0 || strings.Count(out, "\n") != 1+drafts-100 {
		t.Errorf("list --status draft --sort title --offset 100: %d, %d lines %s", code, strings.Count(out, "\n"), errs)
	}
	code, out, errs = quire(t, db, "list", "--category", "notes", "--json")
	if code != 0 || json.Unmarshal([]byte(out), &res) != nil || res.Total != all-1 || len(res.Posts) != all-1 {
		t.Errorf("list --category notes: %d, %d posts of %d %s", code, len(res.Posts), res.Total, errs)
	}
	// The copies are not in the search index: a search finds the original.
	code, out, errs = quire(t, db, "list", "--search", "kubecon", "--json")
	if code != 0 || json.Unmarshal([]byte(out), &res) != nil || res.Total != 1 || len(res.Posts) != 1 {
		t.Errorf("list --search kubecon: %d %.300s %s", code, out, errs)
	}
	if code, out, errs := quire(t, db, "show", slug+"-draft-30000"); code != 0 || !strings.Contains(out, "A short note.") {
		t.Errorf("show a copy: %d %.200s %s", code, out, errs)
	}

	if code, _, errs := quire(t, db, "site", "permalink", "posts"); code != 0 {
		t.Fatalf("site permalink: %s", errs)
	}
	site := filepath.Join(dir, "site")
	code, out, errs = quire(t, db, "export", "--out", site, "--base-url", "https://example.org/")
	if code != 0 || !strings.Contains(out, strconv.Itoa(2+published)+" posts:") {
		t.Fatalf("export: %d %s %s", code, out, errs)
	}
	for _, s := range []string{"kubecon-2017-austin-summary", slug, slug + "-published-1", slug + "-published-" + strconv.Itoa(published)} {
		if _, err := os.Stat(filepath.Join(site, "posts", s, "index.html")); err != nil {
			t.Errorf("export: %v", err)
		}
	}
	if _, err := os.Stat(filepath.Join(site, "posts", slug+"-draft-1")); !os.IsNotExist(err) {
		t.Errorf("export wrote a draft: %v", err)
	}
}
