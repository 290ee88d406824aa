package export

import (
	"context"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"quire/backend/post"
	"quire/backend/site"
	"quire/backend/store"
)

// benchStore holds n generated posts (fixed seed) with highlighted code.
func benchStore(b *testing.B, n int) *store.Store {
	b.Helper()
	st := mustOpen(b)
	rng := rand.New(rand.NewSource(42))
	words := strings.Fields("the of and to in is for on that with as by kubernetes container cluster service mesh proxy vault secret distro kernel release")
	para := func(k int) string {
		w := make([]string, k)
		for i := range w {
			w[i] = words[rng.Intn(len(words))]
		}
		return strings.Join(w, " ") + "."
	}
	var items []*store.ImportItem
	for i := 0; i < n; i++ {
		var body strings.Builder
		for j := 0; j < 5; j++ {
			body.WriteString(para(60) + "\n\n")
		}
		fmt.Fprintf(&body, "```go\npackage main\n\nimport \"fmt\"\n\nfunc main() {\n\tfor i := 0; i < %d; i++ {\n\t\tfmt.Println(\"hello\", i)\n\t}\n}\n```\n", i)
		items = append(items, &store.ImportItem{Post: &post.Post{Slug: fmt.Sprintf("post-%05d", i), Title: fmt.Sprintf("Post %d", i),
			Date: date(2010+i%15, 1+i%12, 1+i%28), Status: post.StatusPublished, Categories: []string{fmt.Sprintf("c%d", i%8)},
			Tags: []string{fmt.Sprintf("t%d", i%40)}, Body: body.String(), Source: fmt.Sprintf("/bench/post-%05d.md", i)}})
	}
	if err := st.ImportPosts(context.Background(), items); err != nil {
		b.Fatal(err)
	}
	for _, it := range items {
		if it.Err != nil {
			b.Fatal(it.Err)
		}
	}
	s := site.Default()
	s.BaseURL = "https://example.org/"
	site.Save(context.Background(), st, s)
	return st
}

func BenchmarkExport1000(b *testing.B) {
	st := benchStore(b, 1000)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		dir := filepath.Join(b.TempDir(), "site")
		rep, err := Export(context.Background(), st, dir, Options{Now: clock})
		if err != nil || rep.Posts != 1000 {
			b.Fatal(rep, err)
		}
	}
}

// BenchmarkReexportOneEdit: the export after editing one post, with
// QUIRE_BENCH_POSTS posts (default 1000; the target is 10,000).
func BenchmarkReexportOneEdit(b *testing.B) {
	n := 1000
	if v, err := strconv.Atoi(os.Getenv("QUIRE_BENCH_POSTS")); err == nil && v > 0 {
		n = v
	}
	st := benchStore(b, n)
	dir := filepath.Join(b.TempDir(), "site")
	if _, err := Export(context.Background(), st, dir, Options{Now: clock}); err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		p, err := st.GetPostBySlug(ctx, fmt.Sprintf("post-%05d", n/2))
		if err != nil {
			b.Fatal(err)
		}
		p.Body += fmt.Sprintf("\nEdit %d.\n", i)
		if err := st.SavePost(ctx, p, store.KindSave); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		rep, err := Export(ctx, st, dir, Options{Now: clock})
		if err != nil || rep.Written == 0 {
			b.Fatal(rep, err)
		}
	}
}
