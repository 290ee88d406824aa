package export

import (
	"path/filepath"
	"sync"
	"testing"

	"quire/backend/site"
)

// TestProgressReachesItsTotal: the progress total is the plan's length, so
// an export's last step is its total, with a sitemap or without (it exists
// only with a base URL), the first time and again with nothing changed.
func TestProgressReachesItsTotal(t *testing.T) {
	st := smallSite(t)
	noBase := site.Default()
	noBase.PostsPerPage = 2
	for _, tc := range []struct {
		name string
		site *site.Settings
	}{{"with a base URL", nil}, {"without", &noBase}} {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "site")
			for _, round := range []string{"first", "again"} {
				var mu sync.Mutex
				var calls, last, total int
				totals := map[int]bool{}
				rep := export(t, st, dir, Options{Site: tc.site, Progress: func(done, n int) {
					mu.Lock()
					defer mu.Unlock()
					calls++
					totals[n] = true
					last, total = max(last, done), n
				}})
				if len(totals) != 1 || last != total || calls != total {
					t.Errorf("%s export: %d steps, the last %d, totals %v; want every step of one total", round, calls, last, totals)
				}
				if files := rep.Written + rep.Unchanged; files+len(rep.Failed) < total {
					t.Errorf("%s export: total %d, but %d files placed or kept", round, total, files)
				}
			}
		})
	}
}
