package store

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"quire/backend/post"
)

// The parts of a list query (list.go) that are plain functions of the
// options, each with a table test (listquery_test.go).

// filterConds are the conditions on posts alone that opt asks for, with
// their arguments: in the trash or not, status, category, tag, dates. The
// first is always the trash condition. id is what the category and tag
// conditions test: p.id, or f.rowid when the search index drives the query
// (joinIndex).
func filterConds(opt ListOptions, trash bool, now time.Time, id string) (where []string, args []any, err error) {
	if trash {
		where = append(where, `p.trashed_unix IS NOT NULL`)
	} else {
		where = append(where, `p.trashed_unix IS NULL`)
	}
	switch opt.Status {
	case "":
	case post.StatusDraft:
		where = append(where, `p.status = 'draft'`)
	case post.StatusPublished:
		where = append(where, `p.status = 'published' AND coalesce(p.date_unix, 0) <= ?`)
		args = append(args, now.Unix())
	case post.StatusScheduled:
		where = append(where, `(p.status = 'scheduled' OR (p.status = 'published' AND p.date_unix > ?))`)
		args = append(args, now.Unix())
	default:
		return nil, nil, fmt.Errorf("status %q is not one of draft, published, scheduled: %w", opt.Status, post.ErrInvalid)
	}
	if opt.Category != "" {
		// IN, not EXISTS: SQLite reads the category's posts from the index
		// once instead of probing for every post.
		where = append(where, id+` IN (SELECT t.post_id FROM post_terms t WHERE t.kind = 'category' AND t.term = ?)`)
		args = append(args, opt.Category)
	}
	if opt.Tag != "" {
		where = append(where, id+` IN (SELECT t.post_id FROM post_terms t WHERE t.kind = 'tag' AND t.term = ?)`)
		args = append(args, opt.Tag)
	}
	if !opt.From.IsZero() {
		where = append(where, `p.date_unix >= ?`)
		args = append(args, opt.From.Unix())
	}
	if !opt.To.IsZero() {
		where = append(where, `p.date_unix < ?`)
		args = append(args, opt.To.Unix())
	}
	return where, args, nil
}

// sortKeys are an order as one query's ORDER BY, and as two keys (k1, k2)
// for merging the one-row posts with the pieced ones (index.go): k1 of a
// pieced post is its score when ranking (k1pieced). outer orders the merged
// rows; asc is the direction a ranking reads in.
type sortKeys struct {
	order, k1, k2, k1pieced, outer, asc string
}

// sortKeysFor is the keys of sortBy (one of the Sort constants, or
// "trashed"); match tells whether a search ranks the posts.
func sortKeysFor(sortBy string, match, reverse bool) (sortKeys, error) {
	var k sortKeys
	desc, asc := "DESC", "ASC"
	if reverse {
		desc, asc = asc, desc
	}
	k.asc = asc
	switch sortBy {
	case SortDate:
		k.order, k.k1, k.k2, k.outer = `p.date_unix `+desc+`, p.id `+desc, `p.date_unix`, `p.id`, `k1 `+desc+`, k2 `+desc
	case SortUpdated:
		k.order, k.k1, k.k2, k.outer = `p.updated_unix `+desc+`, p.id `+desc, `p.updated_unix`, `p.id`, `k1 `+desc+`, k2 `+desc
	case SortTitle:
		k.order, k.k1, k.k2, k.outer = `p.title COLLATE NOCASE `+asc+`, p.id `+asc, `p.title`, `p.id`, `k1 COLLATE NOCASE `+asc+`, k2 `+asc
	case SortRelevance:
		if !match {
			k.order, k.k1, k.k2, k.outer = `p.date_unix `+desc+`, p.id `+desc, `p.date_unix`, `p.id`, `k1 `+desc+`, k2 `+desc
		} else {
			// bm25() rather than rank: ORDER BY rank makes FTS5 rank every
			// match before the filters run (all posts, for a common word), while
			// bm25() is computed only for the posts that pass them. The
			// weights are the rank set in the migration. Equal scores are
			// ordered by id, so that pages neither repeat nor skip a post.
			k.order = `bm25(posts_fts, 10.0, 1.0, 5.0, 5.0) ` + asc + `, p.id ` + asc
			k.k1, k.k2, k.k1pieced, k.outer = `bm25(posts_fts, 10.0, 1.0, 5.0, 5.0)`, `p.id`, `j.value ->> 1`, `k1 `+asc+`, k2 `+asc
		}
	case "trashed":
		k.order = `p.trashed_unix ` + desc + `, p.id ` + desc
	default:
		return k, fmt.Errorf("sort %q is not one of date, updated, title, relevance: %w", sortBy, post.ErrInvalid)
	}
	return k, nil
}

// scanSummary reads a row of the page query; now decides whether a
// published post with a future date is scheduled.
func scanSummary(rows *sql.Rows, now time.Time) (Summary, error) {
	var sm Summary
	var date, status, cats, tags string
	var updated int64
	var trashed *int64
	if err := rows.Scan(&sm.ID, &sm.Slug, &sm.Title, &date, &updated, &status, &cats, &tags, &sm.Snippet,
		&sm.Revision, &trashed); err != nil {
		return sm, err
	}
	sm.Updated = time.Unix(0, updated).UTC()
	if date != "" {
		sm.Date, _ = time.Parse(time.RFC3339Nano, date)
	}
	p := post.Post{Status: post.Status(status), Date: sm.Date}
	sm.Status = p.EffectiveStatus(now)
	if err := json.Unmarshal([]byte(cats), &sm.Categories); err != nil {
		return sm, err
	}
	if err := json.Unmarshal([]byte(tags), &sm.Tags); err != nil {
		return sm, err
	}
	if trashed != nil {
		t := time.Unix(0, *trashed).UTC()
		sm.Trashed = &t
	}
	return sm, nil
}

// listShape is what list decided for a page: where the posts come from and
// on what conditions (with their arguments), the sort and its keys, and
// whether it is a search, a search with filters, and one that found
// pieced posts (scored: their ids and keys as JSON).
type listShape struct {
	from, cond               string
	args                     []any
	keys                     sortKeys
	sortBy                   string
	search, filtered, pieced bool
	scored                   string
}

// pageQuery is the query of one page's post ids and its arguments, and the
// query of the total (on the shape's arguments); inPage: the ids query
// counts the matches too (its second column).
type pageQuery struct {
	ids    string
	args   []any
	count  string
	inPage bool
}

// pageQueryFor is the page query of a list's shape.
//
// The page is found as ids first and read after: with the columns in the
// sort, SQLite would read and sort titles and excerpts of every match
// (thousands, for a common word) to keep 50.
//
// The total is counted apart, but for a filtered search: there the page
// query counts the posts it sorts (count(*) OVER ()), so the matches are
// joined with posts once, not twice.
func pageQueryFor(sh listShape, limit, offset int) pageQuery {
	from, cond, args, sortBy := sh.from, sh.cond, sh.args, sh.sortBy
	order, k1, k2, k1pieced, outer, asc := sh.keys.order, sh.keys.k1, sh.keys.k2, sh.keys.k1pieced, sh.keys.outer, sh.keys.asc
	if k1pieced == "" {
		k1pieced = k1
	}
	q := pageQuery{count: `SELECT count(*) FROM ` + from + ` WHERE ` + cond, inPage: sh.search && sh.filtered}
	if sh.search && !sh.filtered {
		// A plain search is answered from the index alone.
		q.count = fmt.Sprintf(`SELECT count(*) FROM posts_fts WHERE posts_fts MATCH ? AND rowid < %d`, piecesBase)
	}
	q.ids = `SELECT p.id, 0 FROM ` + from + ` WHERE ` + cond + ` ORDER BY ` + order + ` LIMIT ? OFFSET ?`
	var m string
	if q.inPage {
		// m: the matches with their sort keys, counted as they are sorted
		// (bm25() cannot be computed next to a window function, so they
		// are materialised first).
		m = `WITH m AS MATERIALIZED (SELECT p.id AS id, ` + k1 + ` AS k1, ` + k2 + ` AS k2 FROM ` + from + ` WHERE ` + cond + `)`
		q.ids = m + ` SELECT id, count(*) OVER () FROM m ORDER BY ` + outer + ` LIMIT ? OFFSET ?`
	}
	q.args = slices.Concat(args, []any{limit, offset})
	switch {
	case sh.pieced:
		// The first offset+limit one-row posts and the pieced posts that
		// match, merged. A plain ranked search takes the one-row posts from
		// the index alone, as below.
		with := `WITH first AS MATERIALIZED (SELECT p.id AS id, ` + k1 + ` AS k1, ` + k2 + ` AS k2, 0 AS n FROM ` + from + ` WHERE ` + cond + ` ORDER BY ` + order + ` LIMIT ?)`
		if q.inPage {
			with = m + `, first AS MATERIALIZED (SELECT id, k1, k2, count(*) OVER () AS n FROM m ORDER BY ` + outer + ` LIMIT ?)`
		} else if sortBy == SortRelevance {
			with = fmt.Sprintf(`WITH first AS MATERIALIZED (SELECT rowid AS id, rank AS k1, rowid AS k2, 0 AS n FROM posts_fts
				WHERE posts_fts MATCH ? AND rowid < %d ORDER BY rank %[2]s, rowid %[2]s LIMIT ?)`, piecesBase, asc)
		}
		q.ids = with + `
			SELECT id, (SELECT coalesce(max(n), 0) FROM first) FROM (
				SELECT id, k1, k2 FROM first
				UNION ALL
				SELECT p.id, ` + k1pieced + `, ` + k2 + ` FROM json_each(?) j CROSS JOIN posts p ON p.id = j.value ->> 0
			) ORDER BY ` + outer + ` LIMIT ? OFFSET ?`
		q.args = slices.Concat(args, []any{offset + limit, sh.scored, limit, offset})
	case sh.search && !sh.filtered && sortBy == SortRelevance:
		q.ids = fmt.Sprintf(`SELECT rowid, 0 FROM posts_fts WHERE posts_fts MATCH ? AND rowid < %d ORDER BY rank %[2]s, rowid %[2]s LIMIT ? OFFSET ?`, piecesBase, asc)
	}
	return q
}
