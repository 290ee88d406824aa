package store

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"quire/backend/post"
)

func TestFilterConds(t *testing.T) {
	now := time.Date(2026, 12, 6, 12, 0, 0, 0, time.UTC)
	from := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name  string
		opt   ListOptions
		trash bool
		where []string // a piece of each condition, in order
		args  []any
	}{
		{"everything", ListOptions{}, false, []string{"trashed_unix IS NULL"}, nil},
		{"the trash", ListOptions{}, true, []string{"trashed_unix IS NOT NULL"}, nil},
		{"drafts", ListOptions{Status: post.StatusDraft}, false, []string{"IS NULL", "status = 'draft'"}, nil},
		{"published by now", ListOptions{Status: post.StatusPublished}, false,
			[]string{"IS NULL", "status = 'published' AND coalesce(p.date_unix, 0) <= ?"}, []any{now.Unix()}},
		{"scheduled: by status or a future date", ListOptions{Status: post.StatusScheduled}, false,
			[]string{"IS NULL", "status = 'scheduled' OR (p.status = 'published' AND p.date_unix > ?)"}, []any{now.Unix()}},
		{"category, tag and dates, in that order", ListOptions{Category: "Go", Tag: "web", From: from, To: now}, false,
			[]string{"IS NULL", "kind = 'category' AND t.term = ?", "kind = 'tag' AND t.term = ?", "date_unix >= ?", "date_unix < ?"},
			[]any{"Go", "web", from.Unix(), now.Unix()}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			where, args, err := filterConds(tt.opt, tt.trash, now, "p.id")
			if err != nil {
				t.Fatal(err)
			}
			if len(where) != len(tt.where) {
				t.Fatalf("conditions %q, want %d", where, len(tt.where))
			}
			for i, piece := range tt.where {
				if !strings.Contains(where[i], piece) {
					t.Errorf("condition %d = %q, want it to hold %q", i, where[i], piece)
				}
			}
			if !reflect.DeepEqual(args, tt.args) {
				t.Errorf("args = %v, want %v", args, tt.args)
			}
		})
	}
	if _, _, err := filterConds(ListOptions{Status: "hidden"}, false, now, "p.id"); !errors.Is(err, post.ErrInvalid) {
		t.Errorf("an unknown status: %v", err)
	}
}

func TestSortKeys(t *testing.T) {
	tests := []struct {
		sort           string
		match, reverse bool
		want           sortKeys
	}{
		{SortDate, false, false, sortKeys{order: "p.date_unix DESC, p.id DESC", k1: "p.date_unix", k2: "p.id", outer: "k1 DESC, k2 DESC", asc: "ASC"}},
		{SortDate, false, true, sortKeys{order: "p.date_unix ASC, p.id ASC", k1: "p.date_unix", k2: "p.id", outer: "k1 ASC, k2 ASC", asc: "DESC"}},
		{SortUpdated, true, false, sortKeys{order: "p.updated_unix DESC, p.id DESC", k1: "p.updated_unix", k2: "p.id", outer: "k1 DESC, k2 DESC", asc: "ASC"}},
		{SortTitle, false, false, sortKeys{order: "p.title COLLATE NOCASE ASC, p.id ASC", k1: "p.title", k2: "p.id", outer: "k1 COLLATE NOCASE ASC, k2 ASC", asc: "ASC"}},
		// Relevance without a search is by date; with one, by bm25, the
		// pieced posts by the score they were given.
		{SortRelevance, false, false, sortKeys{order: "p.date_unix DESC, p.id DESC", k1: "p.date_unix", k2: "p.id", outer: "k1 DESC, k2 DESC", asc: "ASC"}},
		{SortRelevance, true, false, sortKeys{order: "bm25(posts_fts, 10.0, 1.0, 5.0, 5.0) ASC, p.id ASC",
			k1: "bm25(posts_fts, 10.0, 1.0, 5.0, 5.0)", k2: "p.id", k1pieced: "j.value ->> 1", outer: "k1 ASC, k2 ASC", asc: "ASC"}},
		{"trashed", false, false, sortKeys{order: "p.trashed_unix DESC, p.id DESC", asc: "ASC"}},
	}
	for _, tt := range tests {
		got, err := sortKeysFor(tt.sort, tt.match, tt.reverse)
		if err != nil || got != tt.want {
			t.Errorf("sortKeysFor(%q, match %t, reverse %t) =\n%+v %v\nwant\n%+v", tt.sort, tt.match, tt.reverse, got, err, tt.want)
		}
	}
	if _, err := sortKeysFor("size", false, false); !errors.Is(err, post.ErrInvalid) {
		t.Errorf("an unknown sort: %v", err)
	}
}

// TestPageQuery: the shape of a list picks its page query: from the posts
// in their order, from the index alone for a plain ranked search, counting
// in the page query for a filtered search, merged with the pieced posts.
func TestPageQuery(t *testing.T) {
	byDate, _ := sortKeysFor(SortDate, false, false)
	ranked, _ := sortKeysFor(SortRelevance, true, false)
	args := []any{"cond-arg"}
	tests := []struct {
		name   string
		sh     listShape
		ids    []string // pieces of the ids query, in order
		args   []any
		count  string
		inPage bool
	}{
		{"a list by date", listShape{from: "posts p", cond: "c", args: args, keys: byDate, sortBy: SortDate},
			[]string{"SELECT p.id, 0 FROM posts p WHERE c ORDER BY p.date_unix DESC, p.id DESC LIMIT ? OFFSET ?"},
			[]any{"cond-arg", 50, 100}, "SELECT count(*) FROM posts p WHERE c", false},
		{"a plain ranked search: the index alone", listShape{from: "f", cond: "c", args: args, keys: ranked, sortBy: SortRelevance, search: true},
			[]string{"SELECT rowid, 0 FROM posts_fts WHERE posts_fts MATCH ?", "ORDER BY rank ASC, rowid ASC LIMIT ? OFFSET ?"},
			[]any{"cond-arg", 50, 100}, "SELECT count(*) FROM posts_fts WHERE posts_fts MATCH ?", false},
		{"a filtered search counts as it sorts", listShape{from: "f", cond: "c", args: args, keys: ranked, sortBy: SortRelevance, search: true, filtered: true},
			[]string{"WITH m AS MATERIALIZED (SELECT p.id AS id, bm25(", "SELECT id, count(*) OVER () FROM m ORDER BY k1 ASC, k2 ASC"},
			[]any{"cond-arg", 50, 100}, "SELECT count(*) FROM f WHERE c", true},
		{"pieced posts are merged in", listShape{from: "posts p", cond: "c", args: args, keys: byDate, sortBy: SortDate, search: true, filtered: true, pieced: true, scored: "[[7,0]]"},
			[]string{"first AS MATERIALIZED (SELECT id, k1, k2, count(*) OVER () AS n FROM m", "UNION ALL", "FROM json_each(?) j CROSS JOIN posts p"},
			[]any{"cond-arg", 150, "[[7,0]]", 50, 100}, "SELECT count(*) FROM posts p WHERE c", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := pageQueryFor(tt.sh, 50, 100)
			at := 0
			for _, piece := range tt.ids {
				i := strings.Index(q.ids[at:], piece)
				if i < 0 {
					t.Fatalf("ids query lacks %q after byte %d:\n%s", piece, at, q.ids)
				}
				at += i + len(piece)
			}
			if !reflect.DeepEqual(q.args, tt.args) || !strings.HasPrefix(q.count, tt.count) || q.inPage != tt.inPage {
				t.Errorf("args %v, count %q, in page %t; want %v, %q, %t", q.args, q.count, q.inPage, tt.args, tt.count, tt.inPage)
			}
		})
	}
}
