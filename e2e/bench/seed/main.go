// Command seed fills a new Quire database with generated posts for the UI
// benchmark (scripts/bench-ui.sh): go run -tags sqlite_fts5 ./e2e/bench/seed -db FILE -n 10000
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"math/rand/v2"
	"strings"
	"time"

	"quire/backend/post"
	"quire/backend/store"
)

var words = strings.Fields(`kubernetes container cluster deploy sqlite markdown offline editor preview garden
travel austin conference keynote coffee morning river mountain notebook library static site hosting go
typescript rust search index revision history draft publish theme layout summary category tag weekly`)

// vocabulary is the common words and 4000 made-up ones, so a search
// matches some posts, not all of them.
var vocabulary = func() []string {
	r := rand.New(rand.NewPCG(3, 4))
	syll := strings.Fields("ka lo mi ne ru sa to vi ze po da fe gu hi ja")
	out := []string{}
	for len(out) < 4000 {
		var b strings.Builder
		for j := 0; j < 2+r.IntN(3); j++ {
			b.WriteString(syll[r.IntN(len(syll))])
		}
		out = append(out, b.String())
	}
	return out
}()

func sentence(r *rand.Rand, n int) string {
	w := make([]string, n)
	for i := range w {
		if r.IntN(20) == 0 {
			w[i] = words[r.IntN(len(words))]
		} else {
			w[i] = vocabulary[r.IntN(len(vocabulary))]
		}
	}
	s := strings.Join(w, " ")
	return strings.ToUpper(s[:1]) + s[1:] + "."
}

func main() {
	db := flag.String("db", "", "database file to create")
	n := flag.Int("n", 10000, "number of posts")
	flag.Parse()
	st, err := store.Open(*db)
	if err != nil {
		log.Fatal(err)
	}
	defer st.Close()
	r := rand.New(rand.NewPCG(1, 2))
	start := time.Date(2015, 1, 1, 9, 0, 0, 0, time.UTC)
	statuses := []post.Status{post.StatusDraft, post.StatusPublished, post.StatusPublished}
	for i := 0; i < *n; i++ {
		var body strings.Builder
		for p := 0; p < 6; p++ {
			for s := 0; s < 4; s++ {
				body.WriteString(sentence(r, 8+r.IntN(10)))
				body.WriteByte(' ')
			}
			body.WriteString("\n\n")
		}
		p := &post.Post{
			Title:      fmt.Sprintf("%s %d", strings.TrimSuffix(sentence(r, 3+r.IntN(4)), "."), i),
			Date:       start.Add(time.Duration(i) * 7 * time.Hour),
			Status:     statuses[r.IntN(len(statuses))],
			Categories: []string{words[r.IntN(8)]},
			Tags:       []string{words[r.IntN(len(words))], words[r.IntN(len(words))]},
			Body:       body.String(),
		}
		if p.Tags[0] == p.Tags[1] {
			p.Tags = p.Tags[:1]
		}
		if err := st.CreatePost(context.Background(), p); err != nil {
			log.Fatal(err)
		}
	}
	fmt.Printf("seeded %d posts into %s\n", *n, *db)
}
