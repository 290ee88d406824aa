package store

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"quire/backend/post"
)

func day(d int) time.Time { return time.Date(2025, 1, d, 0, 0, 0, 0, time.UTC) }

// fixtureStore holds a few posts covering the filters.
func fixtureStore(t *testing.T) *Store {
	t.Helper()
	s, c := MustOpen(t)
	for i, p := range []*post.Post{
		{Title: "KubeCon 2017 Austin Summary", Date: day(5), Status: post.StatusPublished, Categories: []string{"kubernetes", "k8s"}, Tags: []string{"conference"}, Body: "## Notes\n\nFrom the *keynote* on [service meshes](https://istio.io) & tracing <3.\n\nIstio and Envoy."},
		{Title: "Writing Go", Date: day(10), Status: post.StatusPublished, Categories: []string{"go"}, Tags: []string{"golang", "sqlite"}, Body: "SQLite with FTS5 makes search easy. Kubernetes is not involved."},
		{Title: "Crème brûlée", Date: day(20), Status: post.StatusDraft, Categories: []string{"food"}, Body: "A dessert. Not about containers."},
		{Title: "From the future", Date: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC), Status: post.StatusPublished, Categories: []string{"Go"}, Body: "Scheduled post about Go."},
		{Title: "Undated idea", Status: post.StatusDraft, Body: "Just an idea, about search."},
	} {
		c.advance(time.Minute * time.Duration(i+1))
		MustCreate(t, s, p)
	}
	return s
}

func slugs(res ListResult) string {
	var out []string
	for _, p := range res.Posts {
		out = append(out, p.Slug)
	}
	return strings.Join(out, ",")
}

func TestListPosts(t *testing.T) {
	s := fixtureStore(t)
	ctx := context.Background()
	tests := []struct {
		name  string
		opt   ListOptions
		want  string
		total int
	}{
		{"All", ListOptions{}, "from-the-future,creme-brulee,writing-go,kubecon-2017-austin-summary,undated-idea", 5},
		{"Drafts", ListOptions{Status: post.StatusDraft}, "creme-brulee,undated-idea", 2},
		{"Published", ListOptions{Status: post.StatusPublished}, "writing-go,kubecon-2017-austin-summary", 2},
		{"Scheduled", ListOptions{Status: post.StatusScheduled}, "from-the-future", 1},
		{"Category", ListOptions{Category: "go"}, "from-the-future,writing-go", 2},
		{"CategoryCase", ListOptions{Category: "K8S"}, "kubecon-2017-austin-summary", 1},
		{"Tag", ListOptions{Tag: "sqlite"}, "writing-go", 1},
		{"DateRange", ListOptions{From: day(5), To: day(20)}, "writing-go,kubecon-2017-austin-summary", 2},
		{"SortTitle", ListOptions{Sort: SortTitle, Limit: 3}, "creme-brulee,from-the-future,kubecon-2017-austin-summary", 5},
		{"SortUpdated", ListOptions{Sort: SortUpdated, Limit: 2}, "undated-idea,from-the-future", 5},
		{"Reverse", ListOptions{Sort: SortDate, Reverse: true, Limit: 2}, "undated-idea,kubecon-2017-austin-summary", 5},
		{"Page2", ListOptions{Limit: 2, Offset: 2}, "writing-go,kubecon-2017-austin-summary", 5},
		{"PastEnd", ListOptions{Offset: 50}, "", 5},
		// The total with a page that holds every post, exactly or not, and a last page.
		{"WholePage", ListOptions{Limit: 5}, "from-the-future,creme-brulee,writing-go,kubecon-2017-austin-summary,undated-idea", 5},
		{"LastPage", ListOptions{Limit: 4, Offset: 4}, "undated-idea", 5},
		{"SearchPage", ListOptions{Query: "kubernetes", Limit: 1}, "kubecon-2017-austin-summary", 2},
		{"Search", ListOptions{Query: "kubernetes"}, "kubecon-2017-austin-summary,writing-go", 2},
		{"SearchPrefix", ListOptions{Query: "kube"}, "kubecon-2017-austin-summary,writing-go", 2},
		{"SearchStar", ListOptions{Query: "dess* a"}, "creme-brulee", 1},
		{"SearchAnd", ListOptions{Query: "search idea"}, "undated-idea", 1},
		{"SearchDiacritics", ListOptions{Query: "creme"}, "creme-brulee", 1},
		{"SearchTag", ListOptions{Query: "conference"}, "kubecon-2017-austin-summary", 1},
		{"SearchFiltered", ListOptions{Query: "go", Status: post.StatusScheduled}, "from-the-future", 1},
		{"SearchSortDate", ListOptions{Query: "search", Sort: SortDate}, "writing-go,undated-idea", 2},
		{"SearchPunctuationOnly", ListOptions{Query: `"*()`, Limit: 1}, "from-the-future", 5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := s.ListPosts(ctx, tt.opt)
			if err != nil {
				t.Fatal(err)
			}
			if got := slugs(res); got != tt.want || res.Total != tt.total {
				t.Errorf("got %s (%d), want %s (%d)", got, res.Total, tt.want, tt.total)
			}
		})
	}
}

func TestListSummary(t *testing.T) {
	s := fixtureStore(t)
	res, err := s.ListPosts(context.Background(), ListOptions{Query: "tracing", Limit: 1})
	if err != nil || len(res.Posts) != 1 {
		t.Fatal(res, err)
	}
	p := res.Posts[0]
	if p.Title != "KubeCon 2017 Austin Summary" || p.Status != post.StatusPublished || p.Revision != 1 ||
		strings.Join(p.Categories, ",") != "kubernetes,k8s" || !p.Date.Equal(day(5)) {
		t.Errorf("summary = %+v", p)
	}
	if p.Snippet != "Notes From the keynote on service meshes & tracing <3. Istio and Envoy." {
		t.Errorf("snippet = %q", p.Snippet)
	}
	if want := "Notes From the keynote on service meshes &amp; <mark>tracing</mark> &lt;3. Istio and Envoy."; p.Match != want {
		t.Errorf("match = %q, want %q", p.Match, want)
	}

	// NoMatch: the same post, without the piece around the match.
	bare, err := s.ListPosts(context.Background(), ListOptions{Query: "tracing", Limit: 1, NoMatch: true})
	if err != nil || len(bare.Posts) != 1 || bare.Total != res.Total {
		t.Fatal(bare, err)
	}
	want := p
	want.Match = ""
	if got := bare.Posts[0]; !reflect.DeepEqual(got, want) {
		t.Errorf("NoMatch summary = %+v, want %+v", got, want)
	}
}

func TestListBadOptions(t *testing.T) {
	s, _ := MustOpen(t)
	for _, opt := range []ListOptions{{Status: "gone"}, {Sort: "random"}} {
		if _, err := s.ListPosts(context.Background(), opt); !errors.Is(err, post.ErrInvalid) {
			t.Errorf("%+v: err = %v, want ErrInvalid", opt, err)
		}
	}
}

// No text a user types may reach FTS5 as syntax.
func TestSearchQuerySafety(t *testing.T) {
	s := fixtureStore(t)
	for _, q := range []string{
		`"`, `""`, `"unbalanced`, `AND`, `OR OR`, `NOT`, `NEAR(a b)`, `title:go`, `{title}: go`, `(`, `)`,
		`^go`, `-go`, `go*`, `*`, `**`, `a AND OR b`, `'`, `\`, `go"; DROP TABLE posts; --`, "\x00", `+`,
		`"go" NEAR/2 "search"`, `col:`, `kube*netes`, `😀`, `日本語`, `%_`, strings.Repeat("(", 1000),
	} {
		t.Run(q, func(t *testing.T) {
			if _, err := s.ListPosts(context.Background(), ListOptions{Query: q}); err != nil {
				t.Errorf("query %q: %v", q, err)
			}
		})
	}
	// Syntax characters are text: a stray quote still finds the word.
	res, _ := s.ListPosts(context.Background(), ListOptions{Query: `"kubecon`})
	if res.Total != 1 {
		t.Errorf(`"kubecon found %d posts, want 1`, res.Total)
	}
}

func TestMatchQuery(t *testing.T) {
	tests := []struct{ in, want string }{
		{"go", `"go"*`},
		{"go sqlite", `"go" "sqlite"*`},
		{`say "hi"`, `"say" """hi"""*`},
		{"kube* rnetes", `"kube"* "rnetes"*`},
		{"OR", `"OR"*`},
		{"  ", ``},
		{"( ) *", ``},
	}
	for _, tt := range tests {
		if got := MatchQuery(tt.in); got != tt.want {
			t.Errorf("MatchQuery(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestMatchSnippet(t *testing.T) {
	long := strings.Repeat("filler ", 40)
	tests := []struct {
		name, body, q, want string
	}{
		{"Start", "Kubernetes is here.", "kubernetes", "<mark>Kubernetes</mark> is here."},
		{"Escape", "a <b> & kube", "kube", "a &lt;b&gt; &amp; <mark>kube</mark>"},
		{"Prefix", "Containers contain.", "contain", "<mark>Containers</mark> <mark>contain</mark>."},
		{"Accents", "Une crème brûlée.", "creme", "Une <mark>crème</mark> brûlée."},
		{"Window", long + "needle " + long, "needle", "…" + strings.TrimSpace(strings.Repeat("filler ", 8)) + " <mark>needle</mark> " + strings.TrimSpace(strings.Repeat("filler ", 23)) + "…"},
		{"NoMatch", "Body text only.\n\nSecond line.", "title", "Body text only. Second line."},
		{"BlankLineFirst", "\n\nWe landed in Lisbon.", "lisbon", "We landed in <mark>Lisbon</mark>."}, // no … for nothing left out
		{"Empty", "", "x", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := matchSnippet(tt.body, parseQuery(tt.q)); got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestCounts(t *testing.T) {
	s := fixtureStore(t)
	c, err := s.Counts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	got := fmt.Sprint(c.Categories, c.Tags)
	if want := "[{go 2} {food 1} {k8s 1} {kubernetes 1}] [{conference 1} {golang 1} {sqlite 1}]"; got != want {
		t.Errorf("counts = %s, want %s", got, want)
	}
}

// Autosaves leave the search index for later; a search must still see them.
func TestSearchSeesAutosaves(t *testing.T) {
	s, c := MustOpen(t)
	ctx := context.Background()
	p := MustCreate(t, s, &post.Post{Title: "Typing", Body: "first words"})
	for i, body := range []string{"first words and zebras", "first words and zebras and yaks"} {
		c.advance(time.Second)
		p.Body = body
		if err := s.SavePost(ctx, p, KindAutosave); err != nil {
			t.Fatal(err)
		}
		var stale int
		s.db.QueryRow(`SELECT fts_stale FROM posts WHERE id = ?`, p.ID).Scan(&stale)
		if stale != 1 {
			t.Errorf("autosave %d did not defer indexing", i)
		}
		res, err := s.ListPosts(ctx, ListOptions{Query: []string{"zebras", "yaks"}[i]})
		if err != nil || res.Total != 1 {
			t.Fatalf("search after autosave %d: %+v %v", i, res, err)
		}
	}
	res, _ := s.ListPosts(ctx, ListOptions{Query: "yaks"})
	if res.Total != 1 || !strings.Contains(res.Posts[0].Match, "<mark>yaks</mark>") {
		t.Errorf("after flush: %+v", res)
	}
	// An explicit save of the same text indexes it at once, and so does a
	// trash round trip not disturb the index.
	p.Body = "first words only"
	if err := s.SavePost(ctx, p, KindAutosave); err != nil {
		t.Fatal(err)
	}
	p.Title = "Typed"
	if err := s.SavePost(ctx, p, KindSave); err != nil {
		t.Fatal(err)
	}
	var stale int
	s.db.QueryRow(`SELECT fts_stale FROM posts WHERE id = ?`, p.ID).Scan(&stale)
	if stale != 0 {
		t.Error("explicit save left the index stale")
	}
	if res, _ := s.ListPosts(ctx, ListOptions{Query: "yaks"}); res.Total != 0 {
		t.Errorf("old words still found: %d", res.Total)
	}
	if res, _ := s.ListPosts(ctx, ListOptions{Query: "only typed"}); res.Total != 1 {
		t.Errorf("new words not found: %d", res.Total)
	}
}

// TestSearchManyMatchesInOrder: a search matching more than commonMatches
// posts, sorted other than by rank (walked through the order's index),
// lists the same posts in the same order as sorting every match would.
func TestSearchManyMatchesInOrder(t *testing.T) {
	ctx := context.Background()
	s, _ := MustOpen(t)
	n := commonMatches + 200
	items := make([]*ImportItem, n)
	for i := range items {
		cat := "odd"
		if i%2 == 0 {
			cat = "even"
		}
		body := fmt.Sprintf("The word common is in every post, %d.", i)
		items[i] = &ImportItem{Post: &post.Post{Title: fmt.Sprintf("Post %04d", (i*7919)%n), Date: day(1).Add(time.Duration((i*104729)%n) * time.Hour),
			Status: post.StatusPublished, Categories: []string{"all", cat}, Tags: []string{"t" + cat}, Body: body, Source: fmt.Sprintf("/posts/%d.md", i)}}
	}
	if err := s.ImportPosts(ctx, items); err != nil {
		t.Fatal(err)
	}
	if err := s.TrashPost(ctx, items[3].Post.ID); err != nil {
		t.Fatal(err)
	}
	for _, opt := range []ListOptions{
		{Sort: SortDate}, {Sort: SortDate, Reverse: true}, {Sort: SortTitle}, {Sort: SortUpdated, Reverse: true},
		{Sort: SortDate, Category: "even", Offset: 30}, {Sort: SortTitle, Reverse: true, Limit: 7, Offset: 500},
		{Sort: SortDate, Category: "all", Status: post.StatusPublished, Offset: 20}, {Sort: SortTitle, Tag: "todd", Limit: 7, Offset: 300},
	} {
		want, err := s.ListPosts(ctx, opt) // without a query: sorted through the index
		if err != nil {
			t.Fatal(err)
		}
		opt.Query = "common"
		got, err := s.ListPosts(ctx, opt)
		if err != nil {
			t.Fatal(err)
		}
		if got.Total != want.Total || slugs(got) != slugs(want) {
			t.Errorf("%+v: %d posts %s\nwant %d %s", opt, got.Total, slugs(got), want.Total, slugs(want))
		}
	}
	// Where those searches read the posts from: walked in the list's order,
	// but within a category or tag driven by the index, which tests the
	// term on the rowids it hands out.
	for _, tt := range []struct {
		opt        ListOptions
		from, cond string
	}{
		{ListOptions{Query: "common", Sort: SortDate}, "INDEXED BY posts_date", ""},
		{ListOptions{Query: "common", Sort: SortTitle, Status: post.StatusPublished}, "INDEXED BY posts_title", ""},
		{ListOptions{Query: "common", Category: "even"}, "posts_fts f CROSS JOIN posts p", "+f.rowid IN (SELECT t.post_id"},
		{ListOptions{Query: "common", Tag: "todd", Sort: SortTitle}, "posts_fts f CROSS JOIN posts p", "+f.rowid IN (SELECT t.post_id"},
	} {
		lq, err := s.planList(ctx, tt.opt, false, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(lq.from, tt.from) {
			t.Errorf("%+v: reads from %q, want %q", tt.opt, lq.from, tt.from)
		}
		if tt.cond != "" && !slices.ContainsFunc(lq.where, func(c string) bool { return strings.HasPrefix(c, tt.cond) }) {
			t.Errorf("%+v: conditions %q, want one starting %q", tt.opt, lq.where, tt.cond)
		}
	}
	// A category or tag of more than commonMatches posts, without a query,
	// is walked through the order's index too: the same posts as filtering
	// the whole list.
	for _, opt := range []ListOptions{
		{Category: "all"}, {Category: "ALL", Sort: SortTitle, Offset: 1100}, {Category: "all", Tag: "teven", Sort: SortUpdated, Reverse: true},
		{Tag: "todd", Sort: SortDate, Limit: 3, Offset: 10},
	} {
		whole, err := s.ListPosts(ctx, ListOptions{Sort: opt.Sort, Reverse: opt.Reverse, Limit: 2 * n})
		if err != nil {
			t.Fatal(err)
		}
		var want ListResult
		for _, p := range whole.Posts {
			if (opt.Tag == "" || p.Tags[0] == opt.Tag) && (opt.Category == "" || p.Categories[0] == "all") {
				want.Posts = append(want.Posts, p)
			}
		}
		want.Total = len(want.Posts)
		limit := opt.Limit
		if limit == 0 {
			limit = DefaultPageSize
		}
		want.Posts = want.Posts[min(opt.Offset, len(want.Posts)):min(opt.Offset+limit, len(want.Posts))]
		got, err := s.ListPosts(ctx, opt)
		if err != nil || got.Total != want.Total || slugs(got) != slugs(want) {
			t.Errorf("%+v: %v %d posts %s\nwant %d %s", opt, err, got.Total, slugs(got), want.Total, slugs(want))
		}
	}
	// Unsorted, a word in every post is listed newest first.
	got, err := s.ListPosts(ctx, ListOptions{Query: "common"})
	want, _ := s.ListPosts(ctx, ListOptions{})
	if err != nil || got.Total != n-1 || slugs(got) != slugs(want) {
		t.Errorf("common word: %v %d %s\nwant %s", err, got.Total, slugs(got), slugs(want))
	}
}

// TestShortPrefix checks which last words are too short to be searched as
// a prefix in a large library, and that a library past shortPrefixPosts
// searches them as words until their third letter while a smaller one
// searches them as prefixes from the first.
func TestShortPrefix(t *testing.T) {
	for _, tt := range []struct {
		q     string
		short bool
	}{
		{"k", true},
		{"ku", true},
		{"kub", false},
		{"c++", true}, // the prefix would be "c"
		{"node.js", true},
		{"ku*", false},   // asked for as a prefix
		{"ku go", false}, // not the last word: a word anyway
		{"東", false},     // the index does not cut these into words
		{"é", false},
	} {
		terms := parseQuery(tt.q)
		if got := shortPrefix(terms[0]); got != tt.short {
			t.Errorf("shortPrefix(%q) = %t, want %t", tt.q, got, tt.short)
		}
	}

	s := fixtureStore(t)
	ctx := context.Background()
	defer func(n int) { shortPrefixPosts = n }(shortPrefixPosts)
	for _, tt := range []struct {
		libraryOver int
		q           string
		total       int
	}{
		{10_000, "ku", 2}, // a small library: a prefix
		{3, "ku", 0},      // a large one: the word "ku", in no post
		{3, "kub", 2},
		{3, "ku*", 2},
	} {
		shortPrefixPosts = tt.libraryOver
		res, err := s.ListPosts(ctx, ListOptions{Query: tt.q})
		if err != nil || res.Total != tt.total {
			t.Errorf("%q with the limit at %d posts: %d found (%v), want %d", tt.q, tt.libraryOver, res.Total, err, tt.total)
		}
	}
}

// TestRoughPostCount checks that the count of posts the search plans use is
// kept for roughCountFor, then counted again.
func TestRoughPostCount(t *testing.T) {
	ctx := context.Background()
	s, _ := MustOpen(t)
	MustCreate(t, s, &post.Post{Title: "One"})
	count := func(want int) {
		t.Helper()
		if n, err := s.roughPostCount(ctx); err != nil || n != want {
			t.Errorf("roughPostCount = %d, %v; want %d", n, err, want)
		}
	}
	count(1)
	MustCreate(t, s, &post.Post{Title: "Two"})
	count(1) // kept
	s.posts.at = time.Now().Add(-roughCountFor)
	count(2)
}
