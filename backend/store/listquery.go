package store

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"quire/backend/post"
)

// The parts of a list query (list.go) that are plain functions of the
// options, each with a table test (listquery_test.go).

// filterConds are the conditions on posts alone that opt asks for, with
// their arguments: in the trash or not, status, category, tag, dates. The
// first is always the trash condition.
func filterConds(opt ListOptions, trash bool, now time.Time) (where []string, args []any, err error) {
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
		where = append(where, `p.id IN (SELECT t.post_id FROM post_terms t WHERE t.kind = 'category' AND t.term = ?)`)
		args = append(args, opt.Category)
	}
	if opt.Tag != "" {
		where = append(where, `p.id IN (SELECT t.post_id FROM post_terms t WHERE t.kind = 'tag' AND t.term = ?)`)
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
			// match before the filters run (14 ms for a common word), while
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
