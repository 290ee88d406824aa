package store

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"quire/backend/post"
)

// TestImportKeepsWALSmall checks that batch after batch of an import the
// WAL is emptied instead of growing with all that was written: through
// ImportPosts, twenty batches of 200 KB with a WAL trimmed past 256 KB leave
// a WAL of a few batches; through importTx alone, with no checkpoint
// between the batches (as when the background checkpointer's copies always
// fall inside a batch), it holds them all.
func TestImportKeepsWALSmall(t *testing.T) {
	for _, tt := range []struct {
		name  string
		small bool
	}{
		{"ImportPosts", true},
		{"importTx alone", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			defer func(n int64) { walTrimSize = n }(walTrimSize)
			walTrimSize = 256 << 10
			ctx := context.Background()
			s, _ := MustOpen(t)
			// Without the background checkpointer: whether one of its copies
			// falls between two batches is a matter of timing, and this is
			// about what the import does itself.
			close(s.stop)
			<-s.done
			s.stop = nil
			body := strings.Repeat("a sentence of a post that fills its page; ", 200) // 8 KB
			const batches, perBatch = 20, 25
			for b := 0; b < batches; b++ {
				var items []*ImportItem
				for i := 0; i < perBatch; i++ {
					src := fmt.Sprintf("/in/%d-%d.md", b, i)
					items = append(items, &ImportItem{Post: &post.Post{Title: src, Body: body, Source: src, Status: post.StatusDraft}})
				}
				var err error
				if tt.small {
					err = s.ImportPosts(ctx, items)
				} else {
					var ok bool
					if ok, err = s.importTx(ctx, items, true); !ok && err == nil {
						err = fmt.Errorf("batch %d failed: %v", b, items[0].Err)
					}
				}
				if err != nil {
					t.Fatal(err)
				}
			}
			fi, err := os.Stat(s.Path() + "-wal")
			if err != nil {
				t.Fatal(err)
			}
			written := int64(batches * perBatch * len(body))
			if small := fi.Size() < written/4; small != tt.small {
				t.Errorf("WAL of %d KB after writing %d KB of posts; want it small: %t", fi.Size()>>10, written>>10, tt.small)
			}
		})
	}
}
