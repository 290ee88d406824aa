package store

import (
	"context"
	"fmt"
	"strconv"
	"strings"
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

func (s *Store) list(ctx context.Context, opt ListOptions, trash bool) (ListResult, error) {
	now := s.now()
	where, args, err := filterConds(opt, trash, now)
	if err != nil {
		return ListResult{}, err
	}
	terms := parseQuery(opt.Query)
	counts := map[string]int{} // posts with a term, by its query (postsWith)
	if len(terms) > 0 && !trash {
		if err := s.flushIndex(ctx); err != nil {
			return ListResult{}, err
		}
	}
	if len(terms) > 0 && terms[len(terms)-1].implicit && !trash {
		// A finished word the user did not mark as a prefix, found in
		// thousands of posts ("the"), is searched as itself: expanding it
		// merges the posting lists of every word it starts (then, there,
		// these...), which took 10 ms and adds nothing to so many matches.
		last := &terms[len(terms)-1]
		whole := *last
		whole.prefix, whole.implicit = false, false
		n, err := s.postsWith(ctx, whole, counts)
		if err != nil {
			return ListResult{}, err
		}
		if n > commonMatches {
			*last = whole
		}
	}
	match := matchQuery(terms)
	filtered := len(where) > 1 // more than the trash condition
	if match != "" && trash {
		// The trash is not indexed (and is small): match words in the
		// title and body as text.
		for _, t := range terms {
			where = append(where, `(instr(lower(p.title), ?) OR instr(lower(p.body), ?))`)
			args = append(args, strings.ToLower(t.raw), strings.ToLower(t.raw))
		}
		match = ""
	}
	// filters are the conditions on posts alone, for the pieced posts a
	// search finds apart (see index.go).
	filters, fargs := strings.Join(where, " AND "), args
	from := `posts p`
	var pieced []int64 // the pieced posts that match and pass the filters
	if match != "" {
		var err error
		if pieced, err = s.matchPieced(ctx, terms, filters, fargs); err != nil {
			return ListResult{}, err
		}
		from = `posts_fts f CROSS JOIN posts p ON p.id = f.rowid` // CROSS: the index drives; probing it per post is slow
		// The index holds no trashed posts, so that condition is implied;
		// the rows of one-row posts are the rowids below piecesBase.
		where = append([]string{`posts_fts MATCH ?`, fmt.Sprintf(`f.rowid < %d`, piecesBase)}, where[1:]...)
		args = append([]any{match}, args...)
	}
	cond := strings.Join(where, " AND ")
	sortBy := opt.Sort
	if sortBy == "" {
		sortBy = SortDate
		if trash {
			sortBy = "trashed"
		} else if match != "" {
			sortBy = SortRelevance
		}
	}
	if opt.Sort == "" && sortBy == SortRelevance {
		// Words in most posts ("the") have no weight in bm25 (its idf is
		// clamped near zero), so ranking matches by them alone costs
		// ~10 ms for thousands and orders nothing: show the newest first.
		common, err := s.allCommon(ctx, terms, counts)
		if err != nil {
			return ListResult{}, err
		}
		if common {
			sortBy = SortDate
		}
	}
	if match != "" && sortBy != SortRelevance {
		// Thousands of matches in another order than rank: the posts are
		// walked in that order through its index, and the first that are
		// in the set of matches kept. Driven by the index instead, every
		// match's post would be read to be sorted, which grows with the
		// posts that have the word (all of them, for "the").
		many, err := s.allMany(ctx, terms, counts)
		if err != nil {
			return ListResult{}, err
		}
		if many {
			// INDEXED BY: left to itself, SQLite reads the matches' posts
			// and sorts them.
			from = `posts p INDEXED BY ` + orderIndex[sortBy]
			where[0] = fmt.Sprintf(`p.id IN (SELECT rowid FROM posts_fts WHERE posts_fts MATCH ? AND rowid < %d)`, piecesBase)
			where[1] = `p.trashed_unix IS NULL`
			cond = strings.Join(where, " AND ")
		}
	}
	if match == "" && !trash && (opt.Category != "" || opt.Tag != "") && (sortBy == SortRelevance || orderIndex[sortBy] != "") {
		// The same for a category or tag of thousands of posts: SQLite
		// would read all of their posts to sort them.
		n, err := s.termPosts(ctx, opt.Category, opt.Tag)
		if err != nil {
			return ListResult{}, err
		}
		if n > commonMatches {
			from = `posts p INDEXED BY ` + orderIndex[sortBy]
			if sortBy == SortRelevance { // without a query: by date
				from = `posts p INDEXED BY posts_date`
			}
		}
	}
	keys, err := sortKeysFor(sortBy, match != "", opt.Reverse)
	if err != nil {
		return ListResult{}, err
	}
	var scored string // the pieced posts as JSON, [[id, score], ...]
	if len(pieced) > 0 {
		var err error
		if scored, err = s.scorePieced(ctx, terms, pieced, keys.k1pieced != ""); err != nil {
			return ListResult{}, err
		}
	}
	limit := opt.Limit
	if limit <= 0 {
		limit = DefaultPageSize
	}
	offset := max(opt.Offset, 0)

	var res ListResult
	q := pageQueryFor(listShape{from: from, cond: cond, args: args, keys: keys, sortBy: sortBy,
		search: match != "", filtered: filtered, pieced: len(pieced) > 0, scored: scored}, limit, offset)
	page, total, err := s.pageIDs(ctx, q.ids, q.args)
	if err != nil {
		return ListResult{}, err
	}
	if q.inPage && len(page) > 0 {
		res.Total = total
	} else if err := s.db.QueryRowContext(ctx, q.count, args...).Scan(&res.Total); err != nil {
		return ListResult{}, err
	}
	res.Total += len(pieced)
	res.Posts = []Summary{}
	if len(page) == 0 {
		return res, nil
	}
	pos := make(map[int64]int, len(page))
	for i, id := range page {
		pos[id] = i
	}
	// The page's ids go in as one JSON array: a variable each would fail
	// past SQLite's limit on variables when a command lists every post.
	rows, err := s.db.QueryContext(ctx, `SELECT p.id, p.slug, p.title, p.date, p.updated_unix, p.status,
		p.categories, p.tags, p.excerpt, p.revision, p.trashed_unix FROM json_each(?) j CROSS JOIN posts p ON p.id = j.value`, idList(page))
	if err != nil {
		return ListResult{}, err
	}
	defer rows.Close()
	res.Posts = make([]Summary, len(page))
	for rows.Next() {
		sm, err := scanSummary(rows, now)
		if err != nil {
			return ListResult{}, err
		}
		res.Posts[pos[sm.ID]] = sm
	}
	if err := rows.Err(); err != nil {
		return ListResult{}, err
	}
	rows.Close()
	if match != "" {
		// Snippets are cut here rather than with FTS5's snippet(), whose
		// cost grows with the square of the matches in a post: a 10 MB
		// post full of one word took minutes. This is linear, and reads
		// only the bodies on the page.
		for i := range res.Posts {
			var body string
			if err := s.db.QueryRowContext(ctx, `SELECT body FROM posts WHERE id = ?`, res.Posts[i].ID).Scan(&body); err != nil {
				return ListResult{}, err
			}
			res.Posts[i].Match = bodySnippet(body, terms)
		}
	}
	return res, nil
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
// without, 0. Only the rows of these posts are scored: bm25 costs a few
// microseconds a row, and a common word is in every row.
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
			if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM posts WHERE trashed_unix IS NULL`).Scan(&all); err != nil {
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
	// join on posts read every post's row (with 10,000 posts, 30,000 pages,
	// 0.1 s and the connection's whole page cache, at start and after every
	// save); this reads about 200. (ON DELETE CASCADE: no term without a post.)
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
