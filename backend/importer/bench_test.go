package importer_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"quire/backend/importer"
	"quire/backend/store"
)

// writeCorpus writes n Jekyll-style posts of about 5 KB (front matter with a
// categories string, tags list, body of words from a fixed seed) into dir.
func writeCorpus(tb testing.TB, dir string, n int) {
	tb.Helper()
	rng := rand.New(rand.NewPCG(7, 7))
	vocab := make([]string, 5000)
	for i := range vocab {
		b := make([]byte, 3+rng.IntN(8))
		for j := range b {
			b[j] = byte('a' + rng.IntN(26))
		}
		vocab[i] = string(b)
	}
	zipf := rand.NewZipf(rng, 1.1, 1, uint64(len(vocab)-1))
	words := func(n int) string {
		var b strings.Builder
		for i := 0; i < n; i++ {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(vocab[zipf.Uint64()])
		}
		return b.String()
	}
	for i := 0; i < n; i++ {
		title := words(4)
		src := fmt.Sprintf("---\ntitle: %q\ndate: 2015-03-%02d 10:00:00 +0100\ncategories: %s, %s\ntags: [%s]\nauthor: bench\n---\n%s\n",
			title, 1+i%28, vocab[i%7], vocab[7+i%5], vocab[rng.IntN(50)], words(750))
		name := filepath.Join(dir, fmt.Sprintf("2015-03-%02d-post-%05d.md", 1+i%28, i))
		if err := os.WriteFile(name, []byte(src), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
}

// BenchmarkImport10000 imports 10,000 posts (about 50 MB of Markdown) into an
// empty database: parsing, slugs, one transaction per file with its revision
// and search index. ns/op is the time for all 10,000.
func BenchmarkImport10000(b *testing.B) {
	dir := b.TempDir()
	writeCorpus(b, dir, 10_000)
	ctx := context.Background()
	b.ResetTimer()
	for n := 0; n < b.N; n++ {
		b.StopTimer()
		s, err := store.Open(filepath.Join(b.TempDir(), "quire.db"))
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		rep, err := importer.Import(ctx, s, []string{dir})
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		if rep.Count(importer.Imported) != 10_000 {
			b.Fatalf("imported %d of 10000; first failure: %+v", rep.Count(importer.Imported), rep.Results[0])
		}
		s.Close()
		b.StartTimer()
	}
}
