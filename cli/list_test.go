package cli

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"quire/backend/store"
)

// TestListSearchShowsTheBest checks that a search without --limit lists the
// 50 best matches and says on stderr how many there are, that --limit 0
// lists them all, and that a list without a search is whole.
func TestListSearchShowsTheBest(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "quire.db")
	const matching, others = searchLimit + 12, 5
	for i := 0; i < matching+others; i++ {
		word := "walrus"
		if i >= matching {
			word = "heron"
		}
		put(t, filepath.Join(dir, "posts", fmt.Sprintf("p%03d.md", i)),
			fmt.Sprintf("---\ntitle: Post %d\ndate: 2024-01-%02d\n---\nA %s went by.\n", i, 1+i%28, word))
	}
	if code, out, errs := quire(t, db, "import", filepath.Join(dir, "posts")); code != 0 {
		t.Fatalf("import: %d %s %s", code, out, errs)
	}
	lines := func(out string) int { return strings.Count(out, "\n") - 1 } // less the header
	tests := []struct {
		name     string
		args     []string
		rows     int
		moreNote bool
	}{
		{"a search lists the best", []string{"list", "--search", "walrus"}, searchLimit, true},
		{"--limit 0 lists every match", []string{"list", "--search", "walrus", "--limit", "0"}, matching, false},
		{"--limit N lists N", []string{"list", "--search", "walrus", "--limit", "7"}, 7, false},
		{"a search with few matches lists them", []string{"list", "--search", "heron"}, others, false},
		{"no search lists every post", []string{"list"}, matching + others, false},
	}
	for _, tt := range tests {
		code, out, errs := quire(t, db, tt.args...)
		if code != 0 || lines(out) != tt.rows {
			t.Errorf("%s: exit %d, %d rows, want %d (%s)", tt.name, code, lines(out), tt.rows, errs)
		}
		note := fmt.Sprintf("%d of %d posts shown", searchLimit, matching)
		if strings.Contains(errs, note) != tt.moreNote {
			t.Errorf("%s: stderr %q; want %q in it: %t", tt.name, errs, note, tt.moreNote)
		}
	}
	code, out, errs := quire(t, db, "list", "--search", "walrus", "--json")
	var res store.ListResult
	if code != 0 || json.Unmarshal([]byte(out), &res) != nil || len(res.Posts) != searchLimit || res.Total != matching {
		t.Errorf("list --search --json: exit %d, %d posts of %d; want %d of %d (%s)", code, len(res.Posts), res.Total, searchLimit, matching, errs)
	}
}
