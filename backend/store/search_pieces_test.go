package store

import (
	"cmp"
	"context"
	"math"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"quire/backend/post"
)

// The search, one-row posts and pieced ones alike, checked against a brute
// force over the posts as the test holds them: the index must find exactly
// the posts that have every word, through every kind of save.

// bfVocab is what bodies and titles are made of. Words share prefixes
// (kube, kubelet, kubernetes...), so that prefix and exact terms differ.
var bfVocab = []string{
	"kube", "kubelet", "kubernetes", "kubectl", "go", "gopher", "golang", "goroutine",
	"sql", "sqlite", "search", "searcher", "index", "indexed", "piece", "pieces",
	"blog", "blogger", "editor", "edit", "quire", "query", "queries", "token",
	"rust", "ruby", "rune", "cache", "cached", "write", "writer", "writing",
	"draft", "data", "database", "crème", "naïve", "x86", "2025", "fts5",
}

// Words placed on purpose, never drawn at random: aardvark near the start
// of bodies, zymurgy near the end (so "aardvark zymurgy" needs two pieces),
// quokka and wombat by edits in the middle, appendix by edits at the end,
// heliotrope for the ranking check, twin for posts that tie in bm25.
var bfRare = []string{"aardvark", "zymurgy", "quokka", "wombat", "heliotrope", "twin", "appendix"}

// bfAbsent are in no post.
var bfAbsent = []string{"xylophone", "kubez", "zzz9", "gopherx", "sqlitey"}

// Tags and categories; ops, brûlée, howto, notes, travel and log are in no
// title or body.
var (
	bfTags = []string{"sqlite", "kube-ops", "golang", "fts5", "writing", "crème-brûlée", "howto"}
	bfCats = []string{"go", "kubernetes", "databases", "Notes", "travel-log"}
)

// bfPost is a post as the test holds it.
type bfPost struct {
	p       *post.Post
	trashed bool
	fixed   bool // the ranking and tie posts: edits leave them alone
	edited  bool // since the last check: a round edits a post once
	toks    map[string]bool
}

// index is the folded tokens of everything the search index holds of the
// post, tokenised as search.go does.
func (b *bfPost) index() map[string]bool {
	m := map[string]bool{}
	for _, s := range slices.Concat([]string{b.p.Title, b.p.Body}, b.p.Tags, b.p.Categories) {
		for _, tok := range tokens(s) {
			m[tok] = true
		}
	}
	return m
}

// bfWord is one word of a query; star marks it a prefix explicitly.
type bfWord struct {
	w    string
	star bool
}

func bfQueryString(q []bfWord) string {
	parts := make([]string, len(q))
	for i, w := range q {
		parts[i] = w.w
		if w.star {
			parts[i] += "*"
		}
	}
	return strings.Join(parts, " ")
}

// matches says whether b has every word of q: the last word, and any
// with a star, as a prefix of a token, the others as a token.
func (b *bfPost) matches(q []bfWord) bool {
	if b.trashed {
		return false
	}
	for i, w := range q {
		f := fold(w.w)
		found := b.toks[f]
		if !found && (w.star || i == len(q)-1) {
			for tok := range b.toks {
				if strings.HasPrefix(tok, f) {
					found = true
					break
				}
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// bfGen makes the text of posts. A post draws its words from a topic,
// a few words of the vocabulary, the later ones rarer (weights 1/k^2.5):
// so a word is in some posts and not others, and in a long post's rarer
// words are in some of its pieces only.
type bfGen struct {
	r     *rand.Rand
	topic []string
	cum   []float64 // cumulative weights of topic
}

func (g *bfGen) setTopic() {
	g.topic = g.topic[:0]
	for _, i := range g.r.Perm(len(bfVocab))[:12] {
		g.topic = append(g.topic, bfVocab[i])
	}
	g.cum = g.cum[:0]
	sum := 0.0
	for k := range g.topic {
		sum += math.Pow(float64(k+1), -2.5)
		g.cum = append(g.cum, sum)
	}
}

func (g *bfGen) word() string {
	if g.topic == nil {
		return bfVocab[g.r.IntN(len(bfVocab))]
	}
	x := g.r.Float64() * g.cum[len(g.cum)-1]
	i, _ := slices.BinarySearch(g.cum, x)
	return g.topic[min(i, len(g.topic)-1)]
}

func (g *bfGen) words(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = g.word()
	}
	return out
}

func (g *bfGen) title() string {
	w := g.words(2 + g.r.IntN(3))
	w[0] = strings.ToUpper(w[0][:1]) + w[0][1:]
	return strings.Join(w, " ")
}

func (g *bfGen) pick(set []string, max int) []string {
	var out []string
	for range g.r.IntN(max + 1) {
		if s := set[g.r.IntN(len(set))]; !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

// body is about n bytes of text: paragraphs and runs of words joined by
// punctuation without white space (where pieces cannot be cut), a few
// hundred bytes to a few KB. Short bodies have Markdown too (headings,
// lists); long ones none of what makes plainText run its regexps (". ",
// "- ", "#"...), which would make their snippets most of the test's time
// (ten times more under -race).
func (g *bfGen) body(n int) string {
	md := n <= pieceThreshold
	seps, end := []string{"/", ".", "_", ",", ":", ";"}, ".\n"
	if md {
		seps, end = append(seps, "-", "(", ")"), ". "
	}
	var b strings.Builder
	for b.Len() < n {
		switch k := g.r.IntN(10); {
		case k == 0 && md:
			b.WriteString("## " + strings.Join(g.words(1+g.r.IntN(3)), " ") + "\n\n")
		case k == 1 && md:
			for range 1 + g.r.IntN(4) {
				b.WriteString("- " + strings.Join(g.words(1+g.r.IntN(5)), " ") + "\n")
			}
			b.WriteString("\n")
		case k == 2:
			for size := 100 + g.r.IntN(3000); size > 0; {
				w := g.word() + seps[g.r.IntN(len(seps))]
				b.WriteString(w)
				size -= len(w)
			}
			b.WriteString("\n\n")
		default:
			for range 1 + g.r.IntN(6) {
				w := g.words(5 + g.r.IntN(15))
				w[0] = strings.ToUpper(w[0][:1]) + w[0][1:]
				b.WriteString(strings.Join(w, " ") + end)
			}
			b.WriteString("\n")
		}
	}
	return b.String()
}

// insertMiddle puts word in the middle of body, between two words.
func insertMiddle(body, word string) string {
	i := len(body) / 2
	if j := strings.IndexByte(body[i:], ' '); j >= 0 {
		i += j
	} else {
		i = len(body)
	}
	return body[:i] + " " + word + body[i:]
}

// cutBelow is body cut at white space to under n bytes.
func cutBelow(body string, n int) string {
	return body[:strings.LastIndexAny(body[:n], " \n")]
}

func TestSearchMatchesBruteForce(t *testing.T) {
	ctx := context.Background()
	s, c := MustOpenAt(t, filepath.Join(t.TempDir(), "quire.db"), migrationsFS)
	r := rand.New(rand.NewPCG(1, 2))
	g := &bfGen{r: r}
	g.setTopic()
	const n = 60
	statuses := []post.Status{post.StatusDraft, post.StatusPublished, post.StatusScheduled}
	// Distinct dates, in an order unlike the ids', some after the clock's
	// now (published then reads as scheduled).
	dates := r.Perm(n)
	var posts []*bfPost
	byID := map[int64]*bfPost{}
	add := func(p *post.Post, fixed bool) *bfPost {
		i := len(posts)
		p.Date = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(dates[i]) * 73 * time.Hour)
		if p.Status == "" {
			p.Status = statuses[r.IntN(len(statuses))]
		}
		c.advance(time.Second)
		MustCreate(t, s, p)
		g.setTopic() // a new one for the next post
		b := &bfPost{p: p, fixed: fixed}
		posts = append(posts, b)
		byID[p.ID] = b
		return b
	}

	// The ranking posts: heliotrope in the title of a short post and of a
	// pieced one, and once in the long body of others (below).
	rankShort := add(&post.Post{Title: "Heliotrope " + g.word(), Tags: []string{"howto"}, Body: g.body(300)}, true)
	rankPieced := add(&post.Post{Title: "Heliotrope and " + g.word(), Categories: []string{"Notes"}, Body: g.body(60000)}, true)
	// Twins: twin in the title, and the same number of tokens in every
	// row, so bm25 ranks them equal: pages must still not overlap.
	for i := range 10 {
		add(&post.Post{
			Title:      "Twin " + bfVocab[i],
			Tags:       []string{"sqlite"},
			Categories: []string{"go"},
			Body:       strings.Join(g.words(40), " ") + ".",
		}, true)
	}
	for i := len(posts); i < n; i++ {
		p := &post.Post{Title: g.title(), Tags: g.pick(bfTags, 3), Categories: g.pick(bfCats, 2)}
		long := i < 16 || r.IntN(10) < 4 // the first for the words placed below
		if long {
			u := r.Float64() // 20 KB to 120 KB, most near 20: snippets of long posts are slow
			p.Body = g.body(20000 + int(100000*u*u*u))
		} else {
			u := r.Float64()
			p.Body = g.body(200 + int(10000*u*u))
		}
		switch {
		case i < 14: // pieced, heliotrope once in the body
			p.Body = insertMiddle(p.Body, "heliotrope")
		case i == 14: // pieced, so that "twin" finds a pieced post too
			p.Body = insertMiddle(p.Body, "twin")
		case i == 16: // one row, heliotrope once in the body
			p.Body = insertMiddle(g.body(10000), "heliotrope")
		}
		if r.IntN(2) == 0 {
			p.Body = "Aardvark first:\n" + p.Body
		}
		if r.IntN(2) == 0 {
			p.Body += "\nLast: zymurgy.\n"
		}
		add(p, i == 14) // that one stays, for the ties
	}
	if len(rankPieced.p.Body) <= pieceThreshold || len(rankShort.p.Body) > pieceThreshold {
		t.Fatal("the ranking posts are not one of each layout")
	}
	// "aardvark zymurgy" must need two rows of a post: one with aardvark
	// in its first piece and zymurgy in its last.
	if !slices.ContainsFunc(posts, func(b *bfPost) bool {
		pieces := cutPieces(b.p.Body)
		return len(b.p.Body) > pieceThreshold && len(pieces) > 1 &&
			strings.HasPrefix(pieces[0], "Aardvark") && strings.HasSuffix(pieces[len(pieces)-1], "zymurgy.\n")
	}) {
		t.Fatal("no post has aardvark and zymurgy in different pieces")
	}

	failures := 0
	fail := func(format string, a ...any) {
		t.Helper()
		t.Errorf(format, a...)
		if failures++; failures >= 20 {
			t.FailNow()
		}
	}
	list := func(opt ListOptions) ListResult {
		t.Helper()
		res, err := s.ListPosts(ctx, opt)
		if err != nil {
			t.Fatalf("%+v: %v", opt, err)
		}
		return res
	}
	ids := func(res ListResult) []int64 {
		out := make([]int64, len(res.Posts))
		for i, p := range res.Posts {
			out[i] = p.ID
		}
		return out
	}
	// pages reads every page of opt's results, 7 at a time, checking
	// each page's total.
	pages := func(opt ListOptions, total int) []int64 {
		t.Helper()
		var out []int64
		opt.Limit = 7
		for opt.Offset = 0; opt.Offset <= total; opt.Offset += opt.Limit {
			res := list(opt)
			if res.Total != total {
				fail("%+v: total %d, want %d", opt, res.Total, total)
			}
			out = append(out, ids(res)...)
		}
		return out
	}
	// inOrder is ids sorted as the list sorts by date (newest first) or
	// by title (A to Z; NOCASE folds ASCII only), then id.
	inOrder := func(ids []int64, sort string, reverse bool) []int64 {
		out := slices.Clone(ids)
		slices.SortFunc(out, func(x, y int64) int {
			a, b := byID[x].p, byID[y].p
			var d int
			if sort == SortDate {
				d = -cmp.Or(a.Date.Compare(b.Date), cmp.Compare(a.ID, b.ID))
			} else {
				d = cmp.Or(strings.Compare(asciiLower(a.Title), asciiLower(b.Title)), cmp.Compare(a.ID, b.ID))
			}
			if reverse {
				d = -d
			}
			return d
		})
		return out
	}

	check := func(round string) {
		t.Helper()
		for _, b := range posts {
			if b.edited || b.toks == nil {
				b.toks = b.index()
			}
			b.edited = false
		}
		var queries [][]bfWord
		one := func(w ...string) []bfWord {
			q := make([]bfWord, len(w))
			for i, w := range w {
				q[i] = bfWord{w: strings.TrimSuffix(w, "*"), star: strings.HasSuffix(w, "*")}
			}
			return q
		}
		queries = append(queries,
			one("aardvark", "zymurgy"), one("zymurgy", "aardvark"), one("heliotrope"), one("twin"),
			one("quokka"), one("wombat"), one("appendix", "aardvark"), one("kube"), one("kube", "sqlite"),
			one("kube*", "sqlite"), one("kubelet", "crème"), one("creme", "naive"), one("brulee"),
			one("notes", "heliotrope"), one("ops", "go"), one("XYLOPHONE"), one("kubez", "go"),
		)
		pool := slices.Concat(bfVocab, bfRare, bfAbsent, []string{"ops", "notes", "travel", "log", "howto"})
		for len(queries) < 40 {
			q := make([]bfWord, 1+r.IntN(3))
			for i := range q {
				q[i].w = pool[r.IntN(len(pool))]
				if r.IntN(4) == 0 && len(q[i].w) > 2 { // a word being typed, or a marked prefix
					q[i].w = prefix(q[i].w, 1+r.IntN(len(q[i].w)-1))
					q[i].star = i < len(q)-1 || r.IntN(2) == 0
				}
				if r.IntN(5) == 0 {
					q[i].w = strings.ToUpper(q[i].w[:1]) + q[i].w[1:]
				}
			}
			queries = append(queries, q)
		}

		for qi, q := range queries {
			qs := bfQueryString(q)
			var want []int64
			for _, b := range posts {
				if b.matches(q) {
					want = append(want, b.p.ID)
				}
			}
			res := list(ListOptions{Query: qs, Limit: 1000})
			got := slices.Sorted(slices.Values(ids(res)))
			if !slices.Equal(got, want) || res.Total != len(want) {
				fail("%s: query %q: got %v (total %d), want %v", round, qs, got, res.Total, want)
				continue
			}
			// Pages in every order, for the queries chosen for them (ties,
			// pieces) and a few others: each page is a search, and the
			// snippets of long posts take a while.
			if qi >= 4 && qi%13 != 0 {
				continue
			}
			for _, reverse := range []bool{false, true} {
				// "" is the default order: relevance, or by date where
				// relevance orders nothing; SortRelevance is always bm25.
				for _, sort := range []string{"", SortRelevance, SortDate, SortTitle} {
					var want []int64
					switch {
					case sort == SortDate || sort == SortTitle:
						want = inOrder(got, sort, reverse)
					case sort == "" && !reverse:
						want = ids(res)
					default: // as one page gives it
						want = ids(list(ListOptions{Query: qs, Sort: sort, Reverse: reverse, Limit: 1000}))
					}
					paged := pages(ListOptions{Query: qs, Sort: sort, Reverse: reverse}, len(want))
					if !slices.Equal(paged, want) {
						fail("%s: query %q sort %q reverse %v: pages of 7 give %v, want %v", round, qs, sort, reverse, paged, want)
					}
				}
			}
			// Filters, which take the other count and the pieced posts
			// through their own condition.
			for _, opt := range []ListOptions{
				{Category: "notes"}, {Category: "go", Reverse: true}, {Status: post.StatusDraft},
				{Status: post.StatusPublished, Reverse: true}, {Status: post.StatusScheduled},
			} {
				var fwant []int64
				for _, id := range want {
					p := byID[id].p
					ok := true
					if opt.Category != "" {
						ok = slices.ContainsFunc(p.Categories, func(c string) bool { return strings.EqualFold(c, opt.Category) })
					}
					if opt.Status != "" {
						ok = p.EffectiveStatus(c.now()) == opt.Status
					}
					if ok {
						fwant = append(fwant, id)
					}
				}
				opt.Query = qs
				paged := pages(opt, len(fwant))
				if got := slices.Sorted(slices.Values(paged)); !slices.Equal(got, fwant) {
					fail("%s: query %q category %q status %q reverse %v: got %v, want %v", round, qs, opt.Category, opt.Status, opt.Reverse, paged, fwant)
				}
			}
		}

		// A rare word in a title outranks it once in a long body, for a
		// post of one row and a pieced one alike.
		res := list(ListOptions{Query: "heliotrope", Limit: 1000})
		got := ids(res)
		top := []int64{rankShort.p.ID, rankPieced.p.ID}
		if len(got) < 3 || !slices.Contains(top, got[0]) || !slices.Contains(top, got[1]) {
			fail("%s: heliotrope ranks %v, want %v first", round, got, top)
		}
	}

	check("created")
	editable := func(ok func(b *bfPost) bool) *bfPost {
		t.Helper()
		for range 1000 {
			b := posts[r.IntN(len(posts))]
			if !b.fixed && !b.trashed && !b.edited && ok(b) {
				return b
			}
		}
		t.Fatal("no post to edit")
		return nil
	}
	isLong := func(b *bfPost) bool { return len(b.p.Body) > pieceThreshold }
	isShort := func(b *bfPost) bool { return !isLong(b) }
	save := func(b *bfPost, kind RevisionKind) {
		t.Helper()
		c.advance(time.Minute)
		if err := s.SavePost(ctx, b.p, kind); err != nil {
			t.Fatal(err)
		}
		b.edited = true
		g.setTopic()
	}
	trash := func(b *bfPost, trashed bool) {
		t.Helper()
		var err error
		if trashed {
			err = s.TrashPost(ctx, b.p.ID)
		} else {
			err = s.RestorePost(ctx, b.p.ID)
		}
		if err != nil {
			t.Fatal(err)
		}
		b.trashed, b.edited = trashed, true
	}

	// Round 1: explicit saves of the kinds of edits pieces must follow.
	mid := editable(isLong) // quokka in the middle; wombat replaces it in round 2
	mid.p.Body = insertMiddle(mid.p.Body, "quokka")
	save(mid, KindSave)
	appended := editable(isLong)
	appended.p.Body += "\n\nAn appendix about " + strings.Join(g.words(30), " ") + ".\n"
	save(appended, KindSave)
	for range 3 {
		b := editable(func(*bfPost) bool { return true })
		b.p.Title = g.title()
		b.p.Tags = g.pick(bfTags, 3)
		save(b, KindSave)
	}
	trashed := editable(isLong)
	trash(trashed, true)
	check("round 1")

	// Round 2: a pieced post becomes one row and the other way round; some
	// edits autosaved, left to the search to index.
	mid.p.Body = strings.Replace(mid.p.Body, "quokka", "wombat", 1)
	save(mid, KindAutosave)
	shrunk := editable(isLong)
	shrunk.p.Body = cutBelow(shrunk.p.Body, 12000) + " quokka"
	save(shrunk, KindSave)
	grown := editable(isShort)
	grown.p.Body += "\n\n" + g.body(30000) + " appendix"
	save(grown, KindSave)
	auto := editable(isShort)
	auto.p.Body = "Aardvark again:\n" + auto.p.Body
	auto.p.Categories = []string{"Notes"}
	save(auto, KindAutosave)
	autoTrash := editable(isLong) // autosaved, then trashed while stale
	autoTrash.p.Body = insertMiddle(autoTrash.p.Body, "wombat")
	save(autoTrash, KindAutosave)
	trash(autoTrash, true)
	check("round 2")

	// Round 3: back from the trash (one saved while in it), and an
	// autosave made explicit by a save of the same text.
	trashed.p.Title = "Restored " + g.title()
	trashed.p.Body = insertMiddle(trashed.p.Body, "quokka")
	save(trashed, KindSave)
	trash(trashed, false)
	trash(autoTrash, false)
	grown.p.Body = strings.Replace(grown.p.Body, " appendix", " zymurgy", 1)
	save(grown, KindAutosave)
	save(grown, KindSave)
	b := editable(isLong)
	b.p.Status = post.StatusDraft
	b.p.Categories = []string{"go", "Notes"}
	save(b, KindSave)
	trash(editable(isShort), true)
	check("round 3")

	// Round 4: random edits of every kind.
	for range 12 {
		b := editable(func(*bfPost) bool { return true })
		switch r.IntN(5) {
		case 0:
			b.p.Body = insertMiddle(b.p.Body, bfRare[r.IntN(len(bfRare))])
		case 1:
			b.p.Body += " " + strings.Join(g.words(20), " ")
		case 2:
			b.p.Body = prefix(b.p.Body, len(b.p.Body)*2/3) // may cut a word: it is then another one
		case 3:
			b.p.Title, b.p.Categories = g.title(), g.pick(bfCats, 2)
		case 4:
			b.p.Body = g.body(r.IntN(40000))
		}
		kind := KindSave
		if r.IntN(2) == 0 {
			kind = KindAutosave
		}
		save(b, kind)
	}
	check("round 4")
}

// asciiLower folds as SQLite's NOCASE does: ASCII letters only.
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
