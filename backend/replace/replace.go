// Package replace finds text in every post and replaces it in the posts the
// writer chooses, as Typora's and Front Matter CMS's "replace in files" do.
// Each changed post is saved once through the store, so it gets one
// revision and can be undone from History; a post without a match is not
// touched.
package replace

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"quire/backend/post"
	"quire/backend/store"
)

// Options say what to find and what to put in its place.
type Options struct {
	Find        string `json:"find"`
	Replacement string `json:"replacement"`
	// Regex reads Find as a Go regular expression (RE2 syntax) in which ^
	// and $ match at line ends; Replacement may then use $1 or ${name}.
	Regex bool `json:"regex"`
	// Case matches case exactly; without it "go" finds "Go" and "GO".
	Case bool `json:"case"`
	// Word keeps only matches with no letter, digit or underscore right
	// before or after them.
	Word bool `json:"word"`
	// FrontMatter searches the front matter too; without it only the body.
	FrontMatter bool `json:"frontMatter"`
}

// Match is one place the text was found.
type Match struct {
	PostID int64  `json:"postId"`
	Slug   string `json:"slug"`
	Title  string `json:"title"`
	// Index is the match's number within its post, from 0.
	Index int `json:"index"`
	// Line is where the match starts, counted from 1 in the post's file as
	// the editor shows it (front matter included), so it is the line the
	// writer sees. Column counts characters from 1.
	Line   int    `json:"line"`
	Column int    `json:"column"`
	Text   string `json:"text"` // what matched
	// Before is the line (or lines, for a match across lines) as it is, and
	// After the same with only this match replaced.
	Before string `json:"before"`
	After  string `json:"after"`

	start, end int // byte offsets in the searched text
	repl       string
}

// PostMatches are the matches in one post.
type PostMatches struct {
	ID       int64   `json:"id"`
	Slug     string  `json:"slug"`
	Title    string  `json:"title"`
	Revision int64   `json:"revision"` // the revision searched
	Matches  []Match `json:"matches"`

	p          *post.Post
	text       string // the text searched: the body, or the whole file
	lineOffset int    // lines of the file before text
}

// Plan is the result of a search: every post with a match, in the store's
// date order.
type Plan struct {
	Options Options        `json:"options"`
	Posts   []*PostMatches `json:"posts"`
	Total   int            `json:"total"` // matches in all posts
}

// Line is a changed line of a post, for a listing of what a replace did.
type Line struct {
	Line   int    `json:"line"`
	Before string `json:"before"`
	After  string `json:"after"`
}

// Changed is a post a replace changed (or, in a dry run, would change).
type Changed struct {
	ID       int64  `json:"id"`
	Slug     string `json:"slug"`
	Title    string `json:"title"`
	Revision int64  `json:"revision"` // the new revision; the searched one in a dry run
	Replaced int    `json:"replaced"` // matches replaced
	Lines    []Line `json:"lines"`
}

// Skipped is a post that had matches to replace but was left as it was.
type Skipped struct {
	ID     int64  `json:"id"`
	Slug   string `json:"slug"`
	Reason string `json:"reason"`
}

// Result is what Apply did.
type Result struct {
	Changed  []Changed `json:"changed"`
	Skipped  []Skipped `json:"skipped"`
	Replaced int       `json:"replaced"`
}

// matcher finds the matches of Options in a text.
type matcher struct {
	re    *regexp.Regexp
	opt   Options
	templ bool // expand $1 in the replacement
}

func compile(opt Options) (*matcher, error) {
	if opt.Find == "" {
		return nil, fmt.Errorf("nothing to find: %w", post.ErrInvalid)
	}
	expr := opt.Find
	if !opt.Regex {
		expr = regexp.QuoteMeta(expr)
	}
	flags := "(?m)"
	if !opt.Case {
		flags = "(?mi)"
	}
	// The expression alone first, so that an error quotes what the writer
	// typed, not the flags added to it.
	if _, err := regexp.Compile(expr); err != nil {
		return nil, fmt.Errorf("invalid regular expression %q: %s: %w", opt.Find,
			strings.TrimPrefix(err.Error(), "error parsing regexp: "), post.ErrInvalid)
	}
	re, err := regexp.Compile(flags + expr)
	if err != nil {
		return nil, fmt.Errorf("regular expression %q: %w", opt.Find, err)
	}
	return &matcher{re: re, opt: opt, templ: opt.Regex}, nil
}

func isWord(r rune) bool { return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) }

// wholeWord reports whether text[start:end] has no word character on either side.
func wholeWord(text string, start, end int) bool {
	if start > 0 {
		if r, _ := utf8.DecodeLastRuneInString(text[:start]); isWord(r) {
			return false
		}
	}
	if end < len(text) {
		if r, _ := utf8.DecodeRuneInString(text[end:]); isWord(r) {
			return false
		}
	}
	return true
}

// find returns the matches in text, with their replacements.
func (m *matcher) find(text string) []Match {
	var out []Match
	for _, loc := range m.re.FindAllStringSubmatchIndex(text, -1) {
		start, end := loc[0], loc[1]
		if m.opt.Word && !wholeWord(text, start, end) {
			continue
		}
		repl := m.opt.Replacement
		if m.templ {
			repl = string(m.re.ExpandString(nil, m.opt.Replacement, text, loc))
		}
		out = append(out, Match{start: start, end: end, repl: repl, Text: text[start:end]})
	}
	return out
}

// lineBounds returns the start of the line holding byte start and the end
// (before its newline) of the line holding byte end.
func lineBounds(text string, start, end int) (int, int) {
	ls := strings.LastIndexByte(text[:start], '\n') + 1
	le := len(text)
	if i := strings.IndexByte(text[end:], '\n'); i >= 0 {
		le = end + i
	}
	if end > start && text[end-1] == '\n' {
		// A match ending in a newline ends on its line, not the next.
		le = max(end-1, ls)
	}
	return ls, le
}

// Search finds opt.Find in every post not in the trash.
func Search(ctx context.Context, st *store.Store, opt Options) (*Plan, error) {
	m, err := compile(opt)
	if err != nil {
		return nil, err
	}
	list, err := st.ListPosts(ctx, store.ListOptions{Limit: 1 << 30})
	if err != nil {
		return nil, fmt.Errorf("replace: %w", err)
	}
	plan := &Plan{Options: opt, Posts: []*PostMatches{}}
	for _, s := range list.Posts {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		p, err := st.GetPost(ctx, s.ID)
		if err != nil {
			return nil, fmt.Errorf("replace: read post %q: %w", s.Slug, err)
		}
		pm, err := m.searchPost(p)
		if err != nil {
			return nil, err
		}
		if len(pm.Matches) > 0 {
			plan.Posts = append(plan.Posts, pm)
			plan.Total += len(pm.Matches)
		}
	}
	return plan, nil
}

// searchPost finds the matches in p's body, or in its whole file with
// front matter.
func (m *matcher) searchPost(p *post.Post) (*PostMatches, error) {
	file, err := p.MarshalEditable()
	if err != nil {
		return nil, fmt.Errorf("replace: post %q: %w", p.Slug, err)
	}
	pm := &PostMatches{ID: p.ID, Slug: p.Slug, Title: p.Title, Revision: p.Revision, p: p, text: string(file)}
	if !m.opt.FrontMatter {
		if !strings.HasSuffix(pm.text, p.Body) {
			return nil, fmt.Errorf("replace: post %q: its body is not the end of its file", p.Slug)
		}
		pm.lineOffset = strings.Count(pm.text[:len(pm.text)-len(p.Body)], "\n")
		pm.text = p.Body
	}
	pm.Matches = m.find(pm.text)
	line, pos := 1, 0 // matches come in order: count newlines once
	for i := range pm.Matches {
		mt := &pm.Matches[i]
		line += strings.Count(pm.text[pos:mt.start], "\n")
		pos = mt.start
		ls, le := lineBounds(pm.text, mt.start, mt.end)
		mt.PostID, mt.Slug, mt.Title, mt.Index = p.ID, p.Slug, p.Title, i
		mt.Line = pm.lineOffset + line
		mt.Column = utf8.RuneCountInString(pm.text[ls:mt.start]) + 1
		mt.Before = pm.text[ls:le]
		mt.After = pm.text[ls:mt.start] + mt.repl + pm.text[mt.end:le]
	}
	return pm, nil
}

// replaced returns pm's text with the kept matches replaced, the lines
// changed and how many matches were replaced.
func (pm *PostMatches) replaced(keep func(Match) bool) (string, []Line, int) {
	var b strings.Builder
	var lines []Line
	pos, n := 0, 0
	// Matches whose lines overlap are listed as one changed line.
	groupStart, groupEnd, groupLine := -1, -1, 0
	var kept []Match
	flush := func() {
		if groupStart < 0 {
			return
		}
		after := pm.text[groupStart:kept[0].start]
		for i, mt := range kept {
			after += mt.repl
			next := groupEnd
			if i+1 < len(kept) {
				next = kept[i+1].start
			}
			after += pm.text[mt.end:next]
		}
		lines = append(lines, Line{Line: groupLine, Before: pm.text[groupStart:groupEnd], After: after})
		kept = kept[:0]
		groupStart = -1
	}
	for _, mt := range pm.Matches {
		if keep != nil && !keep(mt) {
			continue
		}
		ls, le := lineBounds(pm.text, mt.start, mt.end)
		if groupStart >= 0 && ls > groupEnd {
			flush()
		}
		if groupStart < 0 {
			groupStart, groupLine = ls, mt.Line
		}
		groupEnd = max(groupEnd, le)
		kept = append(kept, mt)
		b.WriteString(pm.text[pos:mt.start])
		b.WriteString(mt.repl)
		pos = mt.end
		n++
	}
	flush()
	b.WriteString(pm.text[pos:])
	return b.String(), lines, n
}

// edited is a post with its replacements made, ready to save.
type edited struct {
	pm      *PostMatches
	p       *post.Post
	lines   []Line
	changes int
}

// prepare makes the replacements of pm kept by keep in a copy of its post.
// With front matter the whole file is parsed again, and a file that no
// longer parses is an error naming the post and line.
func (pm *PostMatches) prepare(opt Options, keep func(Match) bool) (*edited, error) {
	text, lines, n := pm.replaced(keep)
	e := &edited{pm: pm, lines: lines, changes: n}
	if n == 0 {
		return e, nil
	}
	if !opt.FrontMatter {
		e.p = pm.p.Clone()
		e.p.Body = text
		return e, nil
	}
	p, _, err := post.ParseFile(pm.Slug, []byte(text))
	if err != nil {
		return nil, fmt.Errorf("replace: post %q would no longer parse: %w", pm.Slug, err)
	}
	p.ID, p.Revision, p.Source = pm.p.ID, pm.p.Revision, pm.p.Source
	// What the text does not say (a draft of _drafts/) stays as derived.
	p.InheritDerived(pm.p)
	if p.Slug == "" {
		p.Slug = pm.p.Slug
	}
	e.p = p
	return e, nil
}

// Apply replaces the matches kept by keep (all when keep is nil), saving
// each changed post once as a revision of kind save. Every post is prepared
// before any is saved, so a replacement that breaks a post's front matter
// changes nothing at all. A post edited since the search is skipped (its
// revision changed) and so is a post the store refuses; the others are
// saved. With dryRun nothing is saved. after, when not nil, is told of each
// post saved.
func (plan *Plan) Apply(ctx context.Context, st *store.Store, keep func(Match) bool, dryRun bool, after func(id int64)) (*Result, error) {
	var todo []*edited
	for _, pm := range plan.Posts {
		e, err := pm.prepare(plan.Options, keep)
		if err != nil {
			return nil, err
		}
		if e.changes > 0 {
			todo = append(todo, e)
		}
	}
	res := &Result{Changed: []Changed{}, Skipped: []Skipped{}}
	for _, e := range todo {
		if err := ctx.Err(); err != nil {
			return res, err
		}
		if !dryRun {
			err := st.SavePost(ctx, e.p, store.KindSave)
			var ce *store.ConflictError
			switch {
			case errors.As(err, &ce):
				res.Skipped = append(res.Skipped, Skipped{ID: e.pm.ID, Slug: e.pm.Slug,
					Reason: fmt.Sprintf("it changed since the search (revision %d, now %d)", e.pm.Revision, ce.Current)})
				continue
			case errors.Is(err, post.ErrInvalid):
				res.Skipped = append(res.Skipped, Skipped{ID: e.pm.ID, Slug: e.pm.Slug, Reason: err.Error()})
				continue
			case err != nil:
				return res, fmt.Errorf("replace: %w", err)
			}
			if after != nil {
				after(e.p.ID)
			}
		}
		rev := e.pm.Revision
		if e.p != nil && !dryRun {
			rev = e.p.Revision
		}
		res.Changed = append(res.Changed, Changed{ID: e.pm.ID, Slug: e.p.Slug, Title: e.p.Title, Revision: rev, Replaced: e.changes, Lines: e.lines})
		res.Replaced += e.changes
	}
	return res, nil
}

// Check returns the error Search would return for opt's expression, without
// reading any post, so a command can refuse bad input before opening anything.
func Check(opt Options) error {
	_, err := compile(opt)
	return err
}
