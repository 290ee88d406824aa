package store

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"quire/backend/post"
)

// cpuTime is the CPU time this process has used. On a shared 2-core
// machine wall-clock latencies include waiting for other processes; CPU time
// per operation is the part that is ours.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func reportCPU(b *testing.B, start time.Duration) {
	b.ReportMetric(float64((cpuTime()-start).Microseconds())/1000/float64(b.N), "cpu-ms/op")
}

// latencies records the time of each operation so that a benchmark can
// report percentiles, which a mean hides: autosave must be fast every time.
type latencies []time.Duration

func (l latencies) report(b *testing.B) {
	if len(l) == 0 {
		return
	}
	slices.Sort(l)
	at := func(p float64) float64 {
		return float64(l[min(len(l)-1, int(float64(len(l))*p))].Microseconds()) / 1000
	}
	b.ReportMetric(at(0.50), "p50-ms")
	b.ReportMetric(at(0.99), "p99-ms")
}

// Corpus generation, from a fixed seed. Posts are about topics, as a blog's
// are: each post mixes common function words with the vocabulary of one of
// 200 topics, every word drawn with a Zipf distribution, so some words are in
// every post, a topic's words in a few percent, and most words are rare.
type corpus struct {
	common []string   // in every post: the, of, and...
	topics [][]string // 200 topics of 400 words each
	zipfC  *rand.Zipf
	zipfT  *rand.Zipf
	rng    *rand.Rand
}

func newCorpus(seed uint64) *corpus {
	rng := rand.New(rand.NewPCG(seed, seed))
	c := &corpus{rng: rng}
	c.common = strings.Fields(`the of and to in is that for it as with was on be by this are or from at
		but not have an they which one you were all we when there can been has more if will would
		about so what out up into than them only other some could time these two may first then do`)
	word := func() string {
		n := 3 + rng.IntN(8)
		b := make([]byte, n)
		for i := range b {
			b[i] = byte('a' + rng.IntN(26))
		}
		return string(b)
	}
	real := strings.Fields(`kubernetes container docker cluster service mesh deploy pipeline golang
		sqlite search index writing offline markdown editor revision backup database query`)
	for t := 0; t < 200; t++ {
		words := make([]string, 400)
		for i := range words {
			words[i] = word()
		}
		if t < len(real) {
			words[0] = real[t]
		}
		c.topics = append(c.topics, words)
	}
	c.zipfC = rand.NewZipf(rng, 1.1, 1, uint64(len(c.common)-1))
	c.zipfT = rand.NewZipf(rng, 1.1, 1, 399)
	return c
}

// topicWord is a word of topic t, as a search would use it.
func (c *corpus) topicWord(t int) string { return c.topics[t][c.zipfT.Uint64()] }

func (c *corpus) text(topic, n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		if i > 0 {
			if i%17 == 0 {
				b.WriteString(".\n\n")
			} else {
				b.WriteByte(' ')
			}
		}
		if c.rng.IntN(2) == 0 {
			b.WriteString(c.common[c.zipfC.Uint64()])
		} else {
			b.WriteString(c.topicWord(topic))
		}
	}
	return b.String()
}

func (c *corpus) words(n int) string { return c.text(c.rng.IntN(len(c.topics)), n) }

func (c *corpus) post(i int) *post.Post {
	topic := c.rng.IntN(len(c.topics))
	words := 650 + c.rng.IntN(300) // about 5 KB
	if i%50 == 0 {
		// One post in 50 is long (about 30 KB), as in a real blog: these
		// are indexed in pieces (index.go) and searched apart.
		words = 4000 + c.rng.IntN(1000)
	}
	return &post.Post{
		Title:      fmt.Sprintf("%s %d", c.text(topic, 5), i),
		Date:       time.Date(2010, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i) * 7 * time.Hour),
		Status:     post.StatusPublished,
		Categories: []string{c.common[c.rng.IntN(12)]},
		Tags:       []string{c.topics[topic][1], c.topics[topic][2]},
		Body:       c.text(topic, words),
	}
}

// corpusPosts is the size of the benchmarks' corpus: 10,000 posts, or
// QUIRE_BENCH_POSTS (100000 for the large-site figures).
var corpusPosts = benchPosts()

func benchPosts() int {
	if n, err := strconv.Atoi(os.Getenv("QUIRE_BENCH_POSTS")); err == nil && n > 0 {
		return n
	}
	return 10_000
}

var (
	corpusOnce sync.Once
	corpusDir  string
	corpusPath string
	corpusErr  error
)

// corpusDB builds a database of corpusPosts posts (about 5 KB each) once
// per run and returns its path; TestMain removes it.
func corpusDB(b testing.TB) string {
	corpusOnce.Do(func() {
		corpusDir, corpusErr = os.MkdirTemp("", "quire-bench-")
		if corpusErr != nil {
			return
		}
		corpusPath = filepath.Join(corpusDir, "corpus.db")
		s, err := Open(corpusPath)
		if err != nil {
			corpusErr = err
			return
		}
		defer s.Close()
		c := newCorpus(1)
		ctx := context.Background()
		// Stored as an import stores them, 250 to a transaction: one
		// transaction each would take minutes at 100,000 posts.
		var batch []*ImportItem
		for i := 0; i < corpusPosts; i++ {
			p := c.post(i)
			p.Source = fmt.Sprintf("/corpus/%d.md", i)
			batch = append(batch, &ImportItem{Post: p})
			if len(batch) == 250 || i == corpusPosts-1 {
				if corpusErr = s.ImportPosts(ctx, batch); corpusErr != nil {
					return
				}
				for _, it := range batch {
					if it.Err != nil {
						corpusErr = it.Err
						return
					}
				}
				batch = batch[:0]
			}
		}
	})
	if corpusErr != nil {
		b.Fatal(corpusErr)
	}
	return corpusPath
}

func TestMain(m *testing.M) {
	code := m.Run()
	if corpusDir != "" {
		os.RemoveAll(corpusDir)
	}
	os.Exit(code)
}

// BenchmarkSavePost50KB saves a 50 KB post again and again, 8 bytes of its
// body changed at a moving place each time, as typing does; one transaction
// each. save is an explicit save: a new revision and the search index
// updated before SavePost returns. autosave replaces the run's autosave
// revision and leaves the index to the next explicit save or search.
func BenchmarkSavePost50KB(b *testing.B) {
	for _, kind := range []RevisionKind{KindSave, KindAutosave} {
		b.Run(string(kind), func(b *testing.B) { benchSave(b, 50<<10, kind) })
	}
}

// BenchmarkSavePost1MB is BenchmarkSavePost50KB's explicit save for a post
// of a megabyte (a book chapter, a long changelog).
func BenchmarkSavePost1MB(b *testing.B) { benchSave(b, 1<<20, KindSave) }

func benchSave(b *testing.B, size int, kind RevisionKind) {
	s, err := Open(filepath.Join(b.TempDir(), "quire.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	c := newCorpus(2)
	var body strings.Builder
	body.WriteString(c.words(8200))
	for body.Len() < size {
		body.WriteString(" " + c.words(50))
	}
	p := &post.Post{Title: "A long post", Body: body.String()[:size]}
	if err := s.CreatePost(ctx, p); err != nil {
		b.Fatal(err)
	}
	lat := make(latencies, 0, b.N)
	b.SetBytes(int64(len(p.Body)))
	b.ResetTimer()
	cpu0 := cpuTime()
	for i := 0; i < b.N; i++ {
		// a keystroke's worth of change at a moving place
		at := (i * 97) % (len(p.Body) - 8)
		p.Body = p.Body[:at] + fmt.Sprintf("%08d", i%100000000) + p.Body[at+8:]
		t0 := time.Now()
		if err := s.SavePost(ctx, p, kind); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(t0))
	}
	b.StopTimer()
	reportCPU(b, cpu0)
	lat.report(b)
}

// BenchmarkListFirstPage lists the newest 50 of 10,000 posts, with the total.
func BenchmarkListFirstPage(b *testing.B) {
	s, err := Open(corpusDB(b))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	for _, tt := range []struct {
		name string
		opt  ListOptions
	}{
		{"date", ListOptions{}},
		{"title", ListOptions{Sort: SortTitle}},
		{"category", ListOptions{Category: "the"}},
	} {
		b.Run(tt.name, func(b *testing.B) {
			lat := make(latencies, 0, b.N)
			for i := 0; i < b.N; i++ {
				t0 := time.Now()
				res, err := s.ListPosts(ctx, tt.opt)
				if err != nil {
					b.Fatal(err)
				}
				lat = append(lat, time.Since(t0))
				if i == 0 && len(res.Posts) == 0 {
					b.Fatalf("nothing listed: %+v", res)
				}
			}
			lat.report(b)
		})
	}
}

// BenchmarkSearch runs full-text searches over 10,000 posts (about 50 MB):
// words chosen as users type them, common and rare, whole and prefixes,
// first page with snippets and the total.
func BenchmarkSearch(b *testing.B) {
	s, err := Open(corpusDB(b))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	c := newCorpus(1) // the corpus vocabulary
	rng := rand.New(rand.NewPCG(3, 3))
	// What people search for: a topic's words, whole or half typed, two of
	// them, a rare word; and one query in 50 a word that is in every post.
	queries := make([]string, 500)
	for i := range queries {
		topic := rng.IntN(len(c.topics))
		w := c.topicWord(topic)
		switch {
		case i%50 == 49:
			queries[i] = c.common[rng.IntN(10)]
		case i%4 == 0:
			queries[i] = w
		case i%4 == 1:
			queries[i] = w[:max(3, len(w)-2)]
		case i%4 == 2:
			queries[i] = w + " " + c.topicWord(topic)
		default:
			queries[i] = c.topics[topic][200+rng.IntN(200)]
		}
	}
	for _, tt := range []struct {
		name string
		opt  ListOptions
	}{
		{"relevance", ListOptions{Limit: 20}},
		{"filtered", ListOptions{Limit: 20, Category: "the", Status: post.StatusPublished}},
	} {
		b.Run(tt.name, func(b *testing.B) {
			lat := make(latencies, 0, b.N)
			cpu0 := cpuTime()
			for i := 0; i < b.N; i++ {
				opt := tt.opt
				opt.Query = queries[i%len(queries)]
				t0 := time.Now()
				if _, err := s.ListPosts(ctx, opt); err != nil {
					b.Fatal(err)
				}
				lat = append(lat, time.Since(t0))
			}
			reportCPU(b, cpu0)
			lat.report(b)
		})
	}
}

// BenchmarkCreate10000 stores 10,000 posts of about 5 KB with CreatePost, a
// transaction each, with revisions and the search index: posts made one by
// one. An import batches them (store.ImportPosts; see BenchmarkImport10000
// in backend/importer), which is about twice as fast.
func BenchmarkCreate10000(b *testing.B) {
	c := newCorpus(4)
	posts := make([]*post.Post, 10_000)
	for i := range posts {
		posts[i] = c.post(i)
	}
	ctx := context.Background()
	b.ResetTimer()
	for n := 0; n < b.N; n++ {
		b.StopTimer()
		s, err := Open(filepath.Join(b.TempDir(), "quire.db"))
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		for _, p := range posts {
			p.ID, p.Slug = 0, ""
			if err := s.CreatePostAs(ctx, p, KindImport); err != nil {
				b.Fatal(err)
			}
		}
		b.StopTimer()
		s.Close()
		b.StartTimer()
	}
}
