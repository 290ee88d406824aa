package linked_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"quire/backend/linked"
	"quire/backend/store"
)

// writeFolder writes n posts of about 5 KB into dir, 100 to a folder.
func writeFolder(tb testing.TB, dir string, n int) {
	tb.Helper()
	body := strings.Repeat("Some words of a post that is about five kilobytes long. ", 90)
	for i := 0; i < n; i++ {
		sub := filepath.Join(dir, fmt.Sprintf("%03d", i/100))
		if i%100 == 0 {
			if err := os.MkdirAll(sub, 0o755); err != nil {
				tb.Fatal(err)
			}
		}
		src := fmt.Sprintf("---\ntitle: \"Post %d\"\ndate: 2015-03-%02d\ntags: [a, b]\n---\n%s\n", i, 1+i%28, body)
		if err := os.WriteFile(filepath.Join(sub, fmt.Sprintf("post-%05d.md", i)), []byte(src), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
}

func drain(s *linked.Syncer) {
	go func() {
		for range s.Events() {
		}
	}()
}

// BenchmarkLink10000 links a folder of 10,000 new files: every file becomes
// a post. ns/op is the whole first sync.
func BenchmarkLink10000(b *testing.B) {
	dir := b.TempDir()
	writeFolder(b, dir, 10_000)
	ctx := context.Background()
	for n := 0; n < b.N; n++ {
		b.StopTimer()
		st, err := store.Open(filepath.Join(b.TempDir(), "quire.db"))
		if err != nil {
			b.Fatal(err)
		}
		s, _ := linked.New(st, linked.Options{})
		drain(s)
		b.StartTimer()
		stats, err := s.Link(ctx, dir)
		b.StopTimer()
		if err != nil || stats.Created != 10_000 {
			b.Fatalf("link: %s %v", stats, err)
		}
		s.Close()
		st.Close()
		b.StartTimer()
	}
}

// BenchmarkOpenLinked10000 starts the sync of a linked folder of 10,000
// files that is already in step, as the app does at every start: load the
// state, compare every file, watch every folder. ns/op is until it has
// settled (Start returns after the comparison).
func BenchmarkOpenLinked10000(b *testing.B) {
	dir := b.TempDir()
	writeFolder(b, dir, 10_000)
	ctx := context.Background()
	st, err := store.Open(filepath.Join(b.TempDir(), "quire.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	s, _ := linked.New(st, linked.Options{})
	drain(s)
	if _, err := s.Link(ctx, dir); err != nil {
		b.Fatal(err)
	}
	s.Close()
	b.ResetTimer()
	for n := 0; n < b.N; n++ {
		s, _ := linked.New(st, linked.Options{})
		drain(s)
		if err := s.Start(ctx); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		s.Close()
		b.StartTimer()
	}
}

// BenchmarkExternalEdit is the latency from writing a file in another
// editor to its post being updated in the store (a 5 KB post in a linked
// folder of 1,000 files). ns/op is one edit's latency.
func BenchmarkExternalEdit(b *testing.B) {
	dir := b.TempDir()
	writeFolder(b, dir, 1000)
	ctx := context.Background()
	st, err := store.Open(filepath.Join(b.TempDir(), "quire.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	s, _ := linked.New(st, linked.Options{PollInterval: -1})
	if _, err := s.Link(ctx, dir); err != nil {
		b.Fatal(err)
	}
	updated := make(chan string, 1024)
	go func() {
		for e := range s.Events() {
			if e.Kind == linked.EventUpdated {
				updated <- e.Path
			}
		}
	}()
	if err := s.Start(ctx); err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	path := filepath.Join(dir, "005", "post-00500.md")
	body := strings.Repeat("Edited words. ", 350)
	b.ResetTimer()
	for n := 0; n < b.N; n++ {
		src := fmt.Sprintf("---\ntitle: \"Edited %d\"\ndate: 2015-03-01\n---\n%s\n", n, body)
		if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
			b.Fatal(err)
		}
		for p := range updated {
			if p == path {
				break
			}
		}
		b.StopTimer()
		p, err := st.GetPostBySource(ctx, path)
		if err != nil || p.Title != fmt.Sprintf("Edited %d", n) {
			b.Fatalf("post after the edit: %v %v", p, err)
		}
		b.StartTimer()
	}
}
