package store

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"

	"quire/backend/post"
)

// Sort orders for ListOptions.
const (
	SortDate      = "date"      // newest first (the default without a query)
	SortUpdated   = "updated"   // most recently edited first
	SortTitle     = "title"     // A to Z
	SortRelevance = "relevance" // best match first (the default with a query)
)

// commonMatches is the number of matches above which a search may be a
// search for common words; see list.
const commonMatches = 1000

// shortPrefixPosts is the size of library past which a last word of one or
// two letters is searched as a word, not a prefix (shortPrefix): below it,
// such a prefix costs little and the list narrows from the first key. A
// variable so that a test can make it small.
var shortPrefixPosts = 10_000

// DefaultPageSize is the page size when ListOptions.Limit is 0.
const DefaultPageSize = 50

// ListOptions selects and orders posts. Zero values mean "any".
type ListOptions struct {
	Query    string      `json:"query"`    // full-text search; any text is safe
	Status   post.Status `json:"status"`   // draft, published (date reached) or scheduled (future date)
	Category string      `json:"category"` // case-insensitive
	Tag      string      `json:"tag"`      // case-insensitive
	From     time.Time   `json:"from"`     // date on or after
	To       time.Time   `json:"to"`       // date before
	Sort     string      `json:"sort"`     // SortDate, SortUpdated, SortTitle, SortRelevance
	Reverse  bool        `json:"reverse"`  // reverse the sort order
	Offset   int         `json:"offset"`
	Limit    int         `json:"limit"` // 0: DefaultPageSize
	// NoMatch leaves Summary.Match empty: a caller that does not show the
	// piece of body around a match (the command line's table) spares
	// reading and cutting every matching body.
	NoMatch bool `json:"-"`
}

// Summary is a post as lists show it, without its body.
type Summary struct {
	ID         int64       `json:"id"`
	Slug       string      `json:"slug"`
	Title      string      `json:"title"`
	Date       time.Time   `json:"date"`
	Updated    time.Time   `json:"updated"`
	Status     post.Status `json:"status"` // as readers see it now: published with a future date is scheduled
	Categories []string    `json:"categories"`
	Tags       []string    `json:"tags"`
	Revision   int64       `json:"revision"`
	// Snippet is the start of the body as plain text (Markdown syntax left out).
	Snippet string `json:"snippet"`
	// Match is, when searching, a piece of the body around the match as
	// HTML: escaped text with the matched words in <mark>…</mark>.
	Match   string     `json:"match,omitempty"`
	Trashed *time.Time `json:"trashed,omitempty"`
}

// ListResult is one page of posts and how many match in all.
type ListResult struct {
	Posts []Summary `json:"posts"`
	Total int       `json:"total"`
}

// ListPosts returns a page of posts not in the trash.
func (s *Store) ListPosts(ctx context.Context, opt ListOptions) (ListResult, error) {
	res, err := s.list(ctx, opt, false)
	if err != nil {
		return ListResult{}, fmt.Errorf("list posts: %w", err)
	}
	return res, nil
}

// ListTrash returns a page of the posts in the trash, most recently trashed first.
func (s *Store) ListTrash(ctx context.Context, opt ListOptions) (ListResult, error) {
	res, err := s.list(ctx, opt, true)
	if err != nil {
		return ListResult{}, fmt.Errorf("list trash: %w", err)
	}
	return res, nil
}

// listQuery is a list call's query as list works it out, step by step:
// what the posts are read from, on what conditions, and in what order.
// Each step below reads what the ones before it decided.
type listQuery struct {
	terms  []queryTerm
	counts map[string]int // posts with a term, by its query (postsWith)
	match  string         // the FTS5 query; "" when the index is not searched
	where  []string       // the query's conditions
	args   []any          // and their arguments
	// filters are the conditions on posts p alone, the trash condition
	// first (filterConds); byIndex are the same as the search index tests
	// them when it drives the query (joinIndex), with the same arguments.
	filters, byIndex []string
	from             string
	sortBy           string
	pieced           []int64 // the pieced posts that match and pass the filters
	// filtered: the list has conditions besides the trash one.
	filtered bool
}

func (s *Store) list(ctx context.Context, opt ListOptions, trash bool) (ListResult, error) {
	now := s.now()
	lq, err := s.planList(ctx, opt, trash, now)
	if err != nil {
		return ListResult{}, err
	}
	filtered := lq.filtered
	keys, err := sortKeysFor(lq.sortBy, lq.match != "", opt.Reverse)
	if err != nil {
		return ListResult{}, err
	}
	var scored string // the pieced posts as JSON, [[id, score], ...]
	if len(lq.pieced) > 0 {
		var err error
		if scored, err = s.scorePieced(ctx, lq.terms, lq.pieced, keys.k1pieced != ""); err != nil {
			return ListResult{}, err
		}
	}
	limit := opt.Limit
	if limit <= 0 {
		limit = DefaultPageSize
	}
	offset := max(opt.Offset, 0)

	var res ListResult
	q := pageQueryFor(listShape{from: lq.from, cond: strings.Join(lq.where, " AND "), args: lq.args, keys: keys, sortBy: lq.sortBy,
		search: lq.match != "", filtered: filtered, pieced: len(lq.pieced) > 0, scored: scored}, limit, offset)
	page, total, err := s.pageIDs(ctx, q.ids, q.args)
	if err != nil {
		return ListResult{}, err
	}
	switch {
	case q.inPage && len(page) > 0:
		res.Total = total + len(lq.pieced)
	case lq.match != "" && !filtered && len(lq.pieced) == 0 && lq.counts[lq.match] > 0 && len(lq.terms) == 1:
		// One word, already counted to choose the plan (postsWith): a
		// common word is in every post, and counting it again reads its
		// whole posting list a second time.
		res.Total = lq.counts[lq.match]
	case offset == 0 && len(page) < limit:
		// The page holds every match (pieced posts too): nothing left to
		// count. A command that lists every post spares a second pass.
		res.Total = len(page)
	default:
		if err := s.db.QueryRowContext(ctx, q.count, lq.args...).Scan(&res.Total); err != nil {
			return ListResult{}, err
		}
		res.Total += len(lq.pieced)
	}
	res.Posts = []Summary{}
	if len(page) == 0 {
		return res, nil
	}
	if res.Posts, err = s.summaries(ctx, page, now); err != nil {
		return ListResult{}, err
	}
	if lq.match != "" && !opt.NoMatch {
		if err := s.addMatches(ctx, res.Posts, lq.terms); err != nil {
			return ListResult{}, err
		}
	}
	return res, nil
}

// planList works out a list call's query, step by step: the filters, the
// search terms, where the posts are read from and in what order.
func (s *Store) planList(ctx context.Context, opt ListOptions, trash bool, now time.Time) (*listQuery, error) {
	where, args, err := filterConds(opt, trash, now, "p.id")
	if err != nil {
		return nil, err
	}
	byIndex, _, err := filterConds(opt, trash, now, "+f.rowid")
	if err != nil {
		return nil, err
	}
	lq := &listQuery{where: where, args: args, filters: where, byIndex: byIndex, from: `posts p`, counts: map[string]int{}}
	if err := s.searchTerms(ctx, lq, opt.Query, trash); err != nil {
		return nil, err
	}
	lq.filtered = len(lq.where) > 1 // more than the trash condition
	if lq.match != "" && trash {
		lq.matchAsText()
	}
	if lq.match != "" {
		if err := s.joinIndex(ctx, lq); err != nil {
			return nil, err
		}
	}
	if err := s.chooseSort(ctx, lq, opt.Sort, trash); err != nil {
		return nil, err
	}
	if err := s.chooseOrderIndex(ctx, lq, opt, trash); err != nil {
		return nil, err
	}
	return lq, nil
}

// searchTerms parses the query into lq.terms and lq.match. It is a step of
// its own because a search first brings the index up to date and may search
// the last word as typed rather than as a prefix, both before the FTS5 query
// is written.
func (s *Store) searchTerms(ctx context.Context, lq *listQuery, query string, trash bool) error {
	terms := parseQuery(query)
	if len(terms) > 0 && !trash {
		if err := s.flushIndex(ctx); err != nil {
			return err
		}
	}
	if len(terms) > 0 && shortPrefix(terms[len(terms)-1]) && !trash {
		// A word of one or two letters being typed is searched as itself
		// in a large library, until its third letter.
		n, err := s.roughPostCount(ctx)
		if err != nil {
			return err
		}
		if n > shortPrefixPosts {
			last := &terms[len(terms)-1]
			last.prefix, last.implicit = false, false
		}
	}
	if len(terms) > 0 && terms[len(terms)-1].implicit && !trash {
		// A finished word the user did not mark as a prefix, found in
		// thousands of posts ("the"), is searched as itself: expanding it
		// merges the posting lists of every word it starts (then, there,
		// these...), which is slow and adds nothing to so many matches.
		last := &terms[len(terms)-1]
		whole := *last
		whole.prefix, whole.implicit = false, false
		n, err := s.postsWith(ctx, whole, lq.counts)
		if err != nil {
			return err
		}
		if n > commonMatches {
			*last = whole
		}
	}
	lq.terms, lq.match = terms, matchQuery(terms)
	return nil
}

// matchAsText searches the trash without the index: the trash is not
// indexed (and is small), so words are matched in the title and body as
// text.
func (lq *listQuery) matchAsText() {
	for _, t := range lq.terms {
		lq.where = append(lq.where, `(instr(lower(p.title), ?) OR instr(lower(p.body), ?))`)
		lq.args = append(lq.args, strings.ToLower(t.raw), strings.ToLower(t.raw))
	}
	lq.match = ""
}

// joinIndex makes a search read the posts through the full-text index, and
// finds apart the pieced posts that match (see index.go): their rows are
// not one per post, so the join cannot count them.
func (s *Store) joinIndex(ctx context.Context, lq *listQuery) error {
	// filters are the conditions on posts alone, for the pieced posts a
	// search finds apart (see index.go).
	filters, fargs := strings.Join(lq.where, " AND "), lq.args
	var err error
	if lq.pieced, err = s.matchPieced(ctx, lq.terms, filters, fargs); err != nil {
		return err
	}
	lq.from = `posts_fts f CROSS JOIN posts p ON p.id = f.rowid` // CROSS: the index drives; probing it per post is slow
	// The index holds no trashed posts, so that condition is implied;
	// the rows of one-row posts are the rowids below piecesBase. A
	// category or tag is tested on +f.rowid: as the index hands out
	// matches, against the term's posts read once. On p.id, or without
	// the +, SQLite may instead search the index once for each of the
	// term's posts, which for thousands of them is slower than reading
	// every match.
	lq.where = append([]string{`posts_fts MATCH ?`, fmt.Sprintf(`f.rowid < %d`, piecesBase)}, lq.byIndex[1:]...)
	lq.args = append([]any{lq.match}, lq.args...)
	return nil
}

// chooseSort settles lq.sortBy: the order asked for, else a default that
// depends on what is listed, and for a search of common words only, the
// newest first instead of a rank that orders nothing.
func (s *Store) chooseSort(ctx context.Context, lq *listQuery, asked string, trash bool) error {
	lq.sortBy = asked
	if lq.sortBy == "" {
		lq.sortBy = SortDate
		if trash {
			lq.sortBy = "trashed"
		} else if lq.match != "" {
			lq.sortBy = SortRelevance
		}
	}
	if asked == "" && lq.sortBy == SortRelevance {
		// Words in most posts ("the") have no weight in bm25 (its idf is
		// clamped near zero), so ranking matches by them alone is costly
		// for thousands and orders nothing: show the newest first.
		common, err := s.allCommon(ctx, lq.terms, lq.counts)
		if err != nil {
			return err
		}
		if common {
			lq.sortBy = SortDate
		}
	}
	return nil
}

// chooseOrderIndex makes SQLite walk the posts in the list's order through
// that order's index when thousands of posts match, instead of reading them
// all to sort them; SQLite does not see this on its own.
func (s *Store) chooseOrderIndex(ctx context.Context, lq *listQuery, opt ListOptions, trash bool) error {
	// A search within a category or tag stays driven by the index: a
	// filtered list counts its matches (pageQueryFor), so all of them are
	// read and sorted whatever the plan, and testing the term as the
	// index hands them out reads fewer posts than walking all of them in
	// order (see joinIndex).
	if lq.match != "" && lq.sortBy != SortRelevance && opt.Category == "" && opt.Tag == "" {
		// Thousands of matches in another order than rank: the posts are
		// walked in that order through its index, and the first that are
		// in the set of matches kept. Driven by the index instead, every
		// match's post would be read to be sorted, which grows with the
		// posts that have the word (all of them, for "the").
		many, err := s.allMany(ctx, lq.terms, lq.counts)
		if err != nil {
			return err
		}
		if many {
			// INDEXED BY: left to itself, SQLite reads the matches' posts
			// and sorts them.
			lq.from = `posts p INDEXED BY ` + orderIndex[lq.sortBy]
			lq.where = append([]string{fmt.Sprintf(`p.id IN (SELECT rowid FROM posts_fts WHERE posts_fts MATCH ? AND rowid < %d)`, piecesBase)},
				lq.filters...) // the match's argument first, as joinIndex put it
		}
	}
	if lq.match == "" && !trash && (opt.Category != "" || opt.Tag != "") && (lq.sortBy == SortRelevance || orderIndex[lq.sortBy] != "") {
		// The same for a category or tag of thousands of posts: SQLite
		// would read all of their posts to sort them.
		n, err := s.termPosts(ctx, opt.Category, opt.Tag)
		if err != nil {
			return err
		}
		if n > commonMatches {
			lq.from = `posts p INDEXED BY ` + orderIndex[lq.sortBy]
			if lq.sortBy == SortRelevance { // without a query: by date
				lq.from = `posts p INDEXED BY posts_date`
			}
		}
	}
	return nil
}

// summaries reads the posts of a page, in the page's order. The page's ids
// go in as one JSON array: a variable each would fail past SQLite's limit
// on variables when a command lists every post.
func (s *Store) summaries(ctx context.Context, page []int64, now time.Time) ([]Summary, error) {
	pos := make(map[int64]int, len(page))
	for i, id := range page {
		pos[id] = i
	}
	rows, err := s.db.QueryContext(ctx, `SELECT p.id, p.slug, p.title, p.date, p.updated_unix, p.status,
		p.categories, p.tags, p.excerpt, p.revision, p.trashed_unix FROM json_each(?) j CROSS JOIN posts p ON p.id = j.value`, idList(page))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	posts := make([]Summary, len(page))
	for rows.Next() {
		sm, err := scanSummary(rows, now)
		if err != nil {
			return nil, err
		}
		posts[pos[sm.ID]] = sm
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return posts, nil
}

// addMatches sets each found post's Match. Snippets are cut here rather
// than with FTS5's snippet(), whose cost grows with the square of the
// matches in a post, so a large post full of one word stalls the list.
// This is linear, and reads only the bodies on the page.
func (s *Store) addMatches(ctx context.Context, posts []Summary, terms []queryTerm) error {
	for i := range posts {
		var body string
		if err := s.db.QueryRowContext(ctx, `SELECT body FROM posts WHERE id = ?`, posts[i].ID).Scan(&body); err != nil {
			return err
		}
		posts[i].Match = bodySnippet(body, terms)
	}
	return nil
}

// matchPieced finds the pieced posts (see index.go) that have each term
// in one of their rows and pass filters (conditions on posts p). One
// statement: a common word is in a thousand rows, which SQLite reduces to
// posts faster than Go reads them.
func (s *Store) matchPieced(ctx context.Context, terms []queryTerm, filters string, fargs []any) ([]int64, error) {
	sets := make([]string, len(terms))
	args := make([]any, 0, len(terms)+len(fargs))
	for i, t := range terms {
		sets[i] = fmt.Sprintf(`SELECT (rowid - %[1]d) >> %[2]d FROM posts_fts WHERE posts_fts MATCH ? AND rowid >= %[1]d`, piecesBase, pieceBits)
		args = append(args, matchQuery([]queryTerm{t}))
	}
	return queryIDs(ctx, s.db, `SELECT p.id FROM posts p WHERE p.id IN (`+strings.Join(sets, " INTERSECT ")+`) AND `+filters,
		append(args, fargs...)...)
}

// scorePieced returns ids, pieced posts that matched, as JSON for the list
// queries to read with json_each: [[id, score], ...]. With rank, the score
// is what bm25 would give the post as one row: the sum, over the terms, of
// the term's best bm25 among the post's rows (bm25 adds up per term);
// without, 0. Only the rows of these posts are scored: bm25 is paid per
// row, and a common word is in every row.
func (s *Store) scorePieced(ctx context.Context, terms []queryTerm, ids []int64, rank bool) (string, error) {
	if !rank {
		var b strings.Builder
		b.WriteByte('[')
		for i, id := range ids {
			if i > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, "[%d,0]", id)
		}
		b.WriteByte(']')
		return b.String(), nil
	}
	within := idList(ids)
	parts := make([]string, len(terms))
	args := make([]any, 0, 2*len(terms))
	for i, t := range terms {
		// bm25() cannot run inside an aggregate: each term's rows are
		// scored in a CTE of their own (MATERIALIZED, so not folded into
		// the min() of the next step).
		parts[i] = fmt.Sprintf(`t%[3]d AS MATERIALIZED (SELECT (rowid - %[1]d) >> %[2]d AS id, bm25(posts_fts, 10.0, 1.0, 5.0, 5.0) AS sc
			FROM posts_fts WHERE posts_fts MATCH ? AND rowid >= %[1]d AND (rowid - %[1]d) >> %[2]d IN (SELECT value FROM json_each(?)))`,
			piecesBase, pieceBits, i)
		args = append(args, matchQuery([]queryTerm{t}), within)
	}
	best := make([]string, len(terms))
	for i := range terms {
		best[i] = fmt.Sprintf(`SELECT id, min(sc) AS sc FROM t%d GROUP BY id`, i)
	}
	var out string
	err := s.db.QueryRowContext(ctx, `WITH `+strings.Join(parts, ", ")+`
		SELECT json_group_array(json_array(id, score)) FROM
		(SELECT id, sum(sc) AS score FROM (`+strings.Join(best, " UNION ALL ")+`) GROUP BY id)`, args...).Scan(&out)
	return out, err
}

// postsWith counts the posts (not in the trash) with term t, a pieced post
// once. counts keeps what was counted, by the term's query.
func (s *Store) postsWith(ctx context.Context, t queryTerm, counts map[string]int) (int, error) {
	q := matchQuery([]queryTerm{t})
	if n, ok := counts[q]; ok {
		return n, nil
	}
	var n int
	err := s.db.QueryRowContext(ctx, fmt.Sprintf(`SELECT
		(SELECT count(*) FROM posts_fts WHERE posts_fts MATCH ?1 AND rowid < %[1]d) +
		(SELECT count(DISTINCT (rowid - %[1]d) >> %[2]d) FROM posts_fts WHERE posts_fts MATCH ?1 AND rowid >= %[1]d)`,
		piecesBase, pieceBits), q).Scan(&n)
	counts[q] = n
	return n, err
}

// allCommon reports whether each of the terms is a whole word in more than
// half of the posts (where bm25 stops giving a word weight) and in more than
// commonMatches (below that, ranking costs little). A prefix is not common:
// the last word stays one only when it is in at most commonMatches posts
// (list), so a search as it is typed decides here without a query.
func (s *Store) allCommon(ctx context.Context, terms []queryTerm, counts map[string]int) (bool, error) {
	all := -1
	for _, t := range terms {
		if t.prefix {
			return false, nil
		}
		n, err := s.postsWith(ctx, t, counts)
		if err != nil || n <= commonMatches {
			return false, err
		}
		if all < 0 {
			if all, err = s.roughPostCount(ctx); err != nil {
				return false, err
			}
		}
		if n <= all/2 {
			return false, nil
		}
	}
	return true, nil
}

// orderIndex is the index of posts (not in the trash) in each order.
var orderIndex = map[string]string{SortDate: "posts_date", SortUpdated: "posts_updated", SortTitle: "posts_title"}

// termPosts counts the posts (trashed ones too) in category and with tag,
// those given: the fewer of the two.
func (s *Store) termPosts(ctx context.Context, category, tag string) (int, error) {
	n := -1
	for _, t := range [][2]string{{"category", category}, {"tag", tag}} {
		if t[1] == "" {
			continue
		}
		var c int
		if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM post_terms WHERE kind = ? AND term = ?`, t[0], t[1]).Scan(&c); err != nil {
			return 0, err
		}
		if n < 0 || c < n {
			n = c
		}
	}
	return n, nil
}

// allMany reports whether each of the terms is in more than commonMatches
// posts.
func (s *Store) allMany(ctx context.Context, terms []queryTerm, counts map[string]int) (bool, error) {
	for _, t := range terms {
		n, err := s.postsWith(ctx, t, counts)
		if err != nil || n <= commonMatches {
			return false, err
		}
	}
	return true, nil
}

// idList is ids as a JSON array.
func idList(ids []int64) string {
	b := []byte{'['}
	for i, id := range ids {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, id, 10)
	}
	return string(append(b, ']'))
}

// pageIDs runs a query for the ids of one page, in order, and a count its
// rows carry as a second column.
func (s *Store) pageIDs(ctx context.Context, q string, args []any) ([]int64, int, error) {
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var ids []int64
	var n int
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id, &n); err != nil {
			return nil, 0, err
		}
		ids = append(ids, id)
	}
	return ids, n, rows.Err()
}

// TermCount is a category or tag and how many posts (not in the trash) have it.
type TermCount struct {
	Name  string `json:"name"`
	Count int    `json:"count"`
}

// Counts lists the categories and tags in use, most used first.
type Counts struct {
	Categories []TermCount `json:"categories"`
	Tags       []TermCount `json:"tags"`
}

// Counts returns every category and tag with the number of posts that have it.
func (s *Store) Counts(ctx context.Context) (Counts, error) {
	// Trashed posts are left out through the small posts_trashed index: a
	// join on posts read every post's row (with 10,000 posts, 30,000 pages
	// and the connection's whole page cache, at start and after every
	// save); this reads about 200. (ON DELETE CASCADE: no term without a
	// post.)
	rows, err := s.db.QueryContext(ctx, `SELECT t.kind, min(t.term), count(*) AS n FROM post_terms t
		WHERE t.post_id NOT IN (SELECT id FROM posts WHERE trashed_unix IS NOT NULL)
		GROUP BY t.kind, t.term ORDER BY n DESC, t.term`)
	if err != nil {
		return Counts{}, fmt.Errorf("count categories and tags: %w", err)
	}
	defer rows.Close()
	c := Counts{Categories: []TermCount{}, Tags: []TermCount{}}
	for rows.Next() {
		var kind string
		var tc TermCount
		if err := rows.Scan(&kind, &tc.Name, &tc.Count); err != nil {
			return Counts{}, fmt.Errorf("count categories and tags: %w", err)
		}
		if kind == "category" {
			c.Categories = append(c.Categories, tc)
		} else {
			c.Tags = append(c.Tags, tc)
		}
	}
	return c, rows.Err()
}

// roughCount is a count kept for a while.
type roughCount struct {
	mu sync.Mutex
	n  int
	at time.Time
}

// roughCountFor is how long roughPostCount keeps a count.
const roughCountFor = 10 * time.Second

// roughPostCount is the number of posts not in the trash, counted at most
// every roughCountFor. Counting reads an index of every post (milliseconds
// at 100,000 posts, at each key of a search), and the searches that ask
// only choose a plan by it (allCommon, shortPrefix): a count a few seconds
// old chooses as well.
func (s *Store) roughPostCount(ctx context.Context) (int, error) {
	c := &s.posts
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.at.IsZero() && time.Since(c.at) < roughCountFor {
		return c.n, nil
	}
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM posts WHERE trashed_unix IS NULL`).Scan(&c.n); err != nil {
		return 0, err
	}
	c.at = time.Now()
	return c.n, nil
}
