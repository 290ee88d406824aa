package app

import (
	"context"
	"fmt"
	"sync"

	"quire/backend/post"
	"quire/backend/replace"
	"quire/backend/store"
)

// Replace is Edit › Replace in All Posts: a search across every post, then
// a replace of the matches the writer kept ticked. The search is kept here
// between the two calls so that the replace acts on exactly the matches the
// writer saw: a post edited in between is skipped by backend/replace (its
// revision changed), never replaced at shifted places.
type Replace struct {
	st  *store.Store
	ctx context.Context
	// afterSave is told of each post saved, so a linked file follows.
	afterSave func(id int64)

	mu    sync.Mutex
	plan  *replace.Plan
	token int64
}

// NewReplace returns the Replace service over st.
func NewReplace(st *store.Store) *Replace {
	return &Replace{st: st, ctx: context.Background()}
}

// ReplacePlan is a search's result and the token that names it for Apply.
type ReplacePlan struct {
	Token int64         `json:"token"`
	Posts []ReplacePost `json:"posts"`
	Total int           `json:"total"`
}

// ReplacePost is a post's matches (backend/replace PostMatches, whose
// unexported fields keep the bindings generator from describing it).
type ReplacePost struct {
	ID       int64          `json:"id"`
	Slug     string         `json:"slug"`
	Title    string         `json:"title"`
	Revision int64          `json:"revision"`
	Matches  []ReplaceMatch `json:"matches"`
}

// ReplaceMatch is one match (backend/replace Match, for the same reason).
type ReplaceMatch struct {
	PostID int64  `json:"postId"`
	Index  int    `json:"index"`
	Line   int    `json:"line"`
	Column int    `json:"column"`
	Text   string `json:"text"`
	Before string `json:"before"`
	After  string `json:"after"`
}

// MatchRef names one match of a search: its post and its number there.
type MatchRef struct {
	PostID int64 `json:"postId"`
	Index  int   `json:"index"`
}

// Search finds opt.Find in every post (not the trash). An invalid regular
// expression is an error naming it.
func (r *Replace) Search(opt replace.Options) (ReplacePlan, error) {
	plan, err := replace.Search(r.ctx, r.st, opt)
	if err != nil {
		return ReplacePlan{}, err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.token++
	r.plan = plan
	out := ReplacePlan{Token: r.token, Posts: make([]ReplacePost, 0, len(plan.Posts)), Total: plan.Total}
	for _, pm := range plan.Posts {
		rp := ReplacePost{ID: pm.ID, Slug: pm.Slug, Title: pm.Title, Revision: pm.Revision, Matches: make([]ReplaceMatch, len(pm.Matches))}
		for i, m := range pm.Matches {
			rp.Matches[i] = ReplaceMatch{PostID: m.PostID, Index: m.Index, Line: m.Line, Column: m.Column, Text: m.Text, Before: m.Before, After: m.After}
		}
		out.Posts = append(out.Posts, rp)
	}
	return out, nil
}

// Apply replaces the matches of search token, except those in skip. Each
// changed post is saved once, as one revision that History can undo.
func (r *Replace) Apply(token int64, skip []MatchRef) (*replace.Result, error) {
	r.mu.Lock()
	plan := r.plan
	if plan == nil || token != r.token {
		r.mu.Unlock()
		return nil, fmt.Errorf("replace: the search is out of date, search again: %w", post.ErrInvalid)
	}
	r.plan = nil // a plan is applied once
	r.mu.Unlock()
	skipped := make(map[MatchRef]bool, len(skip))
	for _, m := range skip {
		skipped[m] = true
	}
	keep := func(m replace.Match) bool { return !skipped[MatchRef{PostID: m.PostID, Index: m.Index}] }
	return plan.Apply(r.ctx, r.st, keep, false, r.afterSave)
}
