package replace

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"quire/backend/post"
	"quire/backend/store"
)

// fixture is a real database with the sample post and a few small ones.
func fixture(t *testing.T) (*store.Store, map[string]int64) {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "quire.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	ctx := context.Background()
	ids := map[string]int64{}
	sample, err := os.ReadFile("../../testdata/kubecon-2017-austin-summary.md")
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		"kubecon": string(sample),
		"zig":     "---\ntitle: Writing Zig\ntags: [ziglang]\n---\nZig is fun. ZIG! zig-lang; Zigzag and ziglang.\n\nThe zig tool.\n",
		"cats":    "---\ntitle: Cats\n---\nNothing about the language here.\n",
		"dates":   "---\ntitle: Dates\n---\nOn 2017-12-06 and 2018-01-05 we met.\n",
	}
	for name, text := range files {
		p, _, err := post.ParseFile(name+".md", []byte(text))
		if err != nil {
			t.Fatal(err)
		}
		if p.Status == "" {
			p.Status = post.StatusDraft
		}
		if err := st.CreatePost(ctx, p); err != nil {
			t.Fatal(err)
		}
		ids[name] = p.ID
	}
	return st, ids
}

func revisions(t *testing.T, st *store.Store, id int64) int {
	t.Helper()
	revs, err := st.Revisions(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return len(revs)
}

func TestReplace(t *testing.T) {
	tests := []struct {
		name  string
		opt   Options
		posts map[string]int // matches replaced per post; others untouched
		body  map[string]string
		lines []string // "slug:line:after" of every changed line
	}{
		{
			name:  "IgnoreCase",
			opt:   Options{Find: "zig", Replacement: "Rust"},
			posts: map[string]int{"writing-zig": 6},
			body:  map[string]string{"writing-zig": "Rust is fun. Rust! Rust-lang; Rustzag and Rustlang.\n\nThe Rust tool.\n"},
			lines: []string{"writing-zig:5:Rust is fun. Rust! Rust-lang; Rustzag and Rustlang.", "writing-zig:7:The Rust tool."},
		},
		{
			name:  "MatchCase",
			opt:   Options{Find: "Zig", Replacement: "Rust", Case: true},
			posts: map[string]int{"writing-zig": 2},
			body:  map[string]string{"writing-zig": "Rust is fun. ZIG! zig-lang; Rustzag and ziglang.\n\nThe zig tool.\n"},
		},
		{
			name:  "WholeWord",
			opt:   Options{Find: "zig", Replacement: "Rust", Word: true},
			posts: map[string]int{"writing-zig": 4},
			body:  map[string]string{"writing-zig": "Rust is fun. Rust! Rust-lang; Zigzag and ziglang.\n\nThe Rust tool.\n"},
		},
		{
			name:  "WholeWordAndCase",
			opt:   Options{Find: "zig", Replacement: "Rust", Word: true, Case: true},
			posts: map[string]int{"writing-zig": 2},
			body:  map[string]string{"writing-zig": "Zig is fun. ZIG! Rust-lang; Zigzag and ziglang.\n\nThe Rust tool.\n"},
		},
		{
			name:  "RegexGroups",
			opt:   Options{Find: `(\d{4})-(\d{2})-(\d{2})`, Replacement: "$3/$2/$1", Regex: true},
			posts: map[string]int{"dates": 2},
			body:  map[string]string{"dates": "On 06/12/2017 and 05/01/2018 we met.\n"},
			lines: []string{"dates:4:On 06/12/2017 and 05/01/2018 we met."},
		},
		{
			name:  "LiteralDollarIsLiteral",
			opt:   Options{Find: "is fun", Replacement: "is $1 fun"},
			posts: map[string]int{"writing-zig": 1},
			body:  map[string]string{"writing-zig": "Zig is $1 fun. ZIG! zig-lang; Zigzag and ziglang.\n\nThe zig tool.\n"},
		},
		{
			name:  "RegexLineAnchor",
			opt:   Options{Find: `^The`, Replacement: "A", Regex: true, Case: true},
			posts: map[string]int{"writing-zig": 1},
			body:  map[string]string{"writing-zig": "Zig is fun. ZIG! zig-lang; Zigzag and ziglang.\n\nA zig tool.\n"},
		},
		{
			name:  "BodyOnlyLeavesFrontMatter",
			opt:   Options{Find: "Writing", Replacement: "Coding"},
			posts: map[string]int{},
		},
		{
			name:  "FrontMatter",
			opt:   Options{Find: "Writing", Replacement: "Coding", FrontMatter: true, Case: true},
			posts: map[string]int{"writing-zig": 1},
			lines: []string{"writing-zig:2:title: Coding Zig"},
		},
		{
			name:  "NoMatch",
			opt:   Options{Find: "zebra", Replacement: "x"},
			posts: map[string]int{},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			st, ids := fixture(t)
			ctx := context.Background()
			before := map[int64]int{}
			for _, id := range ids {
				before[id] = revisions(t, st, id)
			}
			plan, err := Search(ctx, st, tc.opt)
			if err != nil {
				t.Fatal(err)
			}
			res, err := plan.Apply(ctx, st, nil, false, nil)
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]int{}
			var lines []string
			for _, c := range res.Changed {
				got[c.Slug] = c.Replaced
				for _, l := range c.Lines {
					lines = append(lines, c.Slug+":"+strconv.Itoa(l.Line)+":"+l.After)
				}
			}
			if len(got) != len(tc.posts) {
				t.Errorf("changed %v, want %v", got, tc.posts)
			}
			for slug, n := range tc.posts {
				if got[slug] != n {
					t.Errorf("%s: %d replaced, want %d", slug, got[slug], n)
				}
			}
			if tc.lines != nil && strings.Join(lines, "\n") != strings.Join(tc.lines, "\n") {
				t.Errorf("lines:\n%s\nwant:\n%s", strings.Join(lines, "\n"), strings.Join(tc.lines, "\n"))
			}
			for _, id := range ids {
				p, err := st.GetPost(ctx, id)
				if err != nil {
					t.Fatal(err)
				}
				want := before[id]
				if _, changed := tc.posts[p.Slug]; changed {
					want++
				}
				if n := revisions(t, st, id); n != want {
					t.Errorf("%s: %d revisions, want %d", p.Slug, n, want)
				}
				if b, ok := tc.body[p.Slug]; ok && p.Body != b {
					t.Errorf("%s body:\n%q\nwant\n%q", p.Slug, p.Body, b)
				}
			}
			if tc.name == "FrontMatter" {
				p, _ := st.GetPost(ctx, ids["zig"])
				if p.Title != "Coding Zig" || p.Slug != "writing-zig" {
					t.Errorf("title %q slug %q", p.Title, p.Slug)
				}
			}
		})
	}
}

func TestSearchListsContext(t *testing.T) {
	st, _ := fixture(t)
	plan, err := Search(context.Background(), st, Options{Find: "zigzag", Replacement: "Rustacean", Word: true})
	if err != nil {
		t.Fatal(err)
	}
	if plan.Total != 1 || len(plan.Posts) != 1 {
		t.Fatalf("total %d in %d posts, want 1 in 1", plan.Total, len(plan.Posts))
	}
	m := plan.Posts[0].Matches[0]
	want := Match{PostID: m.PostID, Slug: "writing-zig", Title: "Writing Zig", Line: 5, Column: 28, Text: "Zigzag",
		Before: "Zig is fun. ZIG! zig-lang; Zigzag and ziglang.", After: "Zig is fun. ZIG! zig-lang; Rustacean and ziglang."}
	m.start, m.end, m.repl = 0, 0, ""
	if m != want {
		t.Errorf("match\n%+v\nwant\n%+v", m, want)
	}
}

func TestReplaceChosenMatches(t *testing.T) {
	st, ids := fixture(t)
	ctx := context.Background()
	plan, err := Search(ctx, st, Options{Find: "zig", Replacement: "Rust", Word: true})
	if err != nil {
		t.Fatal(err)
	}
	// Keep only the second match.
	res, err := plan.Apply(ctx, st, func(m Match) bool { return m.Index == 1 }, false, nil)
	if err != nil {
		t.Fatal(err)
	}
	p, _ := st.GetPost(ctx, ids["zig"])
	if want := "Zig is fun. Rust! zig-lang; Zigzag and ziglang.\n\nThe zig tool.\n"; p.Body != want {
		t.Errorf("body %q, want %q", p.Body, want)
	}
	if res.Replaced != 1 {
		t.Errorf("replaced %d, want 1", res.Replaced)
	}
	// Keeping none changes nothing.
	plan, _ = Search(ctx, st, Options{Find: "zig", Replacement: "Rust"})
	n := revisions(t, st, ids["zig"])
	res, err = plan.Apply(ctx, st, func(Match) bool { return false }, false, nil)
	if err != nil || len(res.Changed) != 0 || revisions(t, st, ids["zig"]) != n {
		t.Errorf("keeping nothing: %+v, %v", res, err)
	}
}

func TestDryRunChangesNothing(t *testing.T) {
	st, ids := fixture(t)
	ctx := context.Background()
	plan, _ := Search(ctx, st, Options{Find: "zig", Replacement: "Rust"})
	n := revisions(t, st, ids["zig"])
	res, err := plan.Apply(ctx, st, nil, true, nil)
	if err != nil || len(res.Changed) != 1 || res.Replaced != 6 {
		t.Fatalf("dry run: %+v, %v", res, err)
	}
	p, _ := st.GetPost(ctx, ids["zig"])
	if revisions(t, st, ids["zig"]) != n || !strings.HasPrefix(p.Body, "Zig is fun") {
		t.Errorf("a dry run changed the post: %q", p.Body)
	}
}

func TestInvalidInput(t *testing.T) {
	st, _ := fixture(t)
	for _, opt := range []Options{
		{Find: "(unclosed", Regex: true},
		{Find: "a**", Regex: true},
		{Find: ""},
	} {
		_, err := Search(context.Background(), st, opt)
		if !errors.Is(err, post.ErrInvalid) {
			t.Errorf("%q: %v, want ErrInvalid", opt.Find, err)
		}
		if opt.Find != "" && (err == nil || !strings.Contains(err.Error(), opt.Find)) {
			t.Errorf("%q: error %v does not name it", opt.Find, err)
		}
	}
}

// TestBrokenFrontMatterChangesNothing: a replacement that would break one
// post's front matter is refused before any post is saved.
func TestBrokenFrontMatterChangesNothing(t *testing.T) {
	st, ids := fixture(t)
	ctx := context.Background()
	before := map[int64]int{}
	for _, id := range ids {
		before[id] = revisions(t, st, id)
	}
	plan, err := Search(ctx, st, Options{Find: "title:", Replacement: "title: [", FrontMatter: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := plan.Apply(ctx, st, nil, false, nil); err == nil || !errors.Is(err, post.ErrInvalid) {
		t.Fatalf("apply: %v, want a parse error", err)
	}
	for _, id := range ids {
		if revisions(t, st, id) != before[id] {
			t.Errorf("post %d got a revision", id)
		}
	}
}

// TestChangedSinceSearch: a post edited between the search and the replace
// is skipped, not overwritten.
func TestChangedSinceSearch(t *testing.T) {
	st, ids := fixture(t)
	ctx := context.Background()
	plan, _ := Search(ctx, st, Options{Find: "zig", Replacement: "Rust"})
	p, _ := st.GetPost(ctx, ids["zig"])
	p.Body += "More zig.\n"
	if err := st.SavePost(ctx, p, store.KindSave); err != nil {
		t.Fatal(err)
	}
	res, err := plan.Apply(ctx, st, nil, false, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Changed) != 0 || len(res.Skipped) != 1 || res.Skipped[0].Slug != "writing-zig" {
		t.Errorf("%+v", res)
	}
	p, _ = st.GetPost(ctx, ids["zig"])
	if !strings.HasSuffix(p.Body, "More zig.\n") || strings.Contains(p.Body, "Rust") {
		t.Errorf("body %q", p.Body)
	}
}
