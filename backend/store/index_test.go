package store

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"quire/backend/post"
)

// prose is n bytes of text with words and line breaks, the same for a seed.
func prose(seed uint64, n int) string {
	r := rand.New(rand.NewPCG(seed, seed))
	words := strings.Fields("the kubelet talks to the api server and a pod is scheduled when its node has room " +
		"Gödel Crème brûlée 東京 naïve résumé")
	var b strings.Builder
	for b.Len() < n {
		b.WriteString(words[r.IntN(len(words))])
		if r.IntN(12) == 0 {
			b.WriteString(".\n")
		} else {
			b.WriteByte(' ')
		}
	}
	return b.String()
}

func TestCutPieces(t *testing.T) {
	for _, tt := range []struct {
		name string
		body string
	}{
		{"prose", prose(1, 200<<10)},
		{"one long line", strings.Repeat("word ", 40<<10)},
		{"no white space", strings.Repeat("x", 100<<10)},
		{"no white space, multibyte", strings.Repeat("é東", 20<<10)},
		{"short", "a few words"},
		{"empty", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			pieces := cutPieces(tt.body)
			if got := strings.Join(pieces, ""); got != tt.body {
				t.Fatalf("pieces do not add up to the body (%d bytes, want %d)", len(got), len(tt.body))
			}
			for i, p := range pieces {
				last := i == len(pieces)-1
				if len(p) == 0 || len(p) > 2*pieceTarget || (!last && len(p) < pieceTarget/2) {
					t.Errorf("piece %d is %d bytes; want %d to %d", i, len(p), pieceTarget/2, 2*pieceTarget)
				}
				if !utf8.ValidString(p) {
					t.Errorf("piece %d is cut inside a character", i)
				}
				if !last && strings.ContainsAny(tt.body, " \n") && !strings.ContainsAny(p[len(p)-1:], " \n\t\r") {
					t.Errorf("piece %d ends inside a word: %q", i, p[max(0, len(p)-20):])
				}
			}
		})
	}
}

// TestCutPiecesFollowTheText checks what makes pieces worth having: an
// edit changes the piece it falls in and perhaps a neighbour, and every
// other piece keeps its text.
func TestCutPiecesFollowTheText(t *testing.T) {
	body := prose(2, 120<<10)
	before := cutPieces(body)
	if len(before) < 8 {
		t.Fatalf("%d pieces of 120 KB; want at least 8", len(before))
	}
	at := len(body) / 2
	for body[at] != ' ' {
		at++
	}
	// A paste can place cuts of its own that skip the next old cut (no
	// piece is under half the target), so it may take a few pieces to
	// fall back on the old cuts.
	for _, tt := range []struct {
		name, body string
		most       int
	}{
		{"a word typed", body[:at] + " inserted" + body[at:], 2},
		{"a paragraph pasted", body[:at] + " " + prose(3, 3000) + body[at:], 4},
		{"a word deleted", body[:at-20] + body[at:], 2},
		{"a line added at the end", body + "one more line\n", 2},
		{"a line added at the start", "A new first line.\n" + body, 2},
	} {
		t.Run(tt.name, func(t *testing.T) {
			after := cutPieces(tt.body)
			old := map[string]int{}
			for _, p := range before {
				old[p]++
			}
			changed := 0
			for _, p := range after {
				if old[p] > 0 {
					old[p]--
				} else {
					changed++
				}
			}
			if changed > tt.most {
				t.Errorf("%d of %d pieces changed; want at most %d", changed, len(after), tt.most)
			}
		})
	}
}

func TestCutPiecesBoundsTheirNumber(t *testing.T) {
	body := strings.Repeat("ten bytes ", (MaxBodySize-1)/10)
	if n := len(cutPieces(body)); n >= maxPieces || n >= 1<<pieceBits {
		t.Errorf("%d pieces for %d MB; want under %d", n, len(body)>>20, maxPieces)
	}
}

func TestIndexStateEncoding(t *testing.T) {
	for _, st := range []indexState{
		{rows: []indexRow{{0, 1<<64 - 1}}},
		{pieced: true, rows: []indexRow{{0, 7}, {1, 8}, {4095, 9}}},
	} {
		got, err := decodeIndexState(st.encode())
		if err != nil || fmt.Sprint(got) != fmt.Sprint(st) {
			t.Errorf("decode(encode(%v)) = %v, %v", st, got, err)
		}
	}
	for _, b := range []string{"", "X", "1abc", "P" + strings.Repeat("x", 11)} {
		if _, err := decodeIndexState([]byte(b)); err == nil {
			t.Errorf("decodeIndexState(%q) accepted", b)
		}
	}
}

func TestPlanIndex(t *testing.T) {
	const id = 7
	long := prose(4, 60<<10)
	mid := len(long) / 2
	for long[mid] != ' ' {
		mid++
	}
	doc := func(title, body string) indexDoc {
		return indexDoc{title: title, body: body, tags: `["k8s"]`, categories: `["notes"]`}
	}
	state := func(d indexDoc) indexState { return planIndex(id, indexState{}, d).state }
	n := len(cutPieces(long))
	for _, tt := range []struct {
		name     string
		old      indexState
		doc      indexDoc
		del, ins int
		pieced   bool
	}{
		{"new short post", indexState{}, doc("T", "short"), 0, 1, false},
		{"short, unchanged", state(doc("T", "short")), doc("T", "short"), 0, 0, false},
		{"short, edited", state(doc("T", "short")), doc("T", "shorter"), 1, 1, false},
		{"short, title edited", state(doc("T", "short")), doc("U", "short"), 1, 1, false},
		{"new long post", indexState{}, doc("T", long), 0, n, true},
		{"long, unchanged", state(doc("T", long)), doc("T", long), 0, 0, true},
		{"long, a word typed", state(doc("T", long)), doc("T", long[:mid]+" typed"+long[mid:]), 1, 1, true},
		{"long, title edited", state(doc("T", long)), doc("U", long), n, n, true}, // the title is in every row
		{"short grows long", state(doc("T", "short")), doc("T", long), 1, n, true},
		{"long shrinks short", state(doc("T", long)), doc("T", "short"), n, 1, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			pl := planIndex(id, tt.old, tt.doc)
			if len(pl.del) != tt.del || len(pl.ins) != tt.ins || pl.state.pieced != tt.pieced {
				t.Errorf("deletes %d, inserts %d, pieced %v; want %d, %d, %v", len(pl.del), len(pl.ins), pl.state.pieced, tt.del, tt.ins, tt.pieced)
			}
			// The new state names every row once, and the rows inserted
			// are the ones it has that the old state lacked.
			seen := map[uint16]bool{}
			for _, r := range pl.state.rows {
				if seen[r.seq] {
					t.Errorf("row %d twice in %v", r.seq, pl.state)
				}
				seen[r.seq] = true
			}
			for _, r := range pl.ins {
				if !seen[r.seq] {
					t.Errorf("inserted row %d is not in the state", r.seq)
				}
				if r.title != tt.doc.title || r.tags != tt.doc.tags || r.categories != tt.doc.categories {
					t.Errorf("row %d lacks the title, tags or categories: %+v", r.seq, r)
				}
			}
			for _, rowid := range pl.del {
				if tt.old.pieced && (rowid < piecesBase || pieceOwner(rowid) != id) || !tt.old.pieced && rowid != id {
					t.Errorf("deletes rowid %d, not one of post %d's", rowid, id)
				}
			}
		})
	}
}

// TestIndexKeepsUnchangedRows checks, in a real database, that saving an
// edit to a long post replaces one of its rows and no other, and that the
// index then finds the new words and not the old.
func TestIndexKeepsUnchangedRows(t *testing.T) {
	ctx := context.Background()
	s, _ := MustOpen(t)
	body := prose(5, 80<<10)
	p := MustCreate(t, s, &post.Post{Title: "Long", Body: body + " zebra"})
	// A row is its number and its text's checksum (a replaced row may
	// take the number of the one it replaces).
	rows := func() map[indexRow]bool {
		t.Helper()
		st, err := readIndexState(ctx, s.db, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		out := map[indexRow]bool{}
		for _, r := range st.rows {
			out[r] = true
		}
		return out
	}
	before := rows()
	at := len(body) / 3
	for body[at] != ' ' {
		at++
	}
	p.Body = body[:at] + " quagga" + body[at:] + " zebra"
	if err := s.SavePost(ctx, p, KindSave); err != nil {
		t.Fatal(err)
	}
	after := rows()
	gone, added := 0, 0
	for r := range before {
		if !after[r] {
			gone++
		}
	}
	for r := range after {
		if !before[r] {
			added++
		}
	}
	if gone != 1 || added != 1 {
		t.Errorf("a one-word edit replaced %d rows with %d; want 1 and 1", gone, added)
	}
	var n int
	s.db.QueryRow(`SELECT count(*) FROM posts_fts WHERE posts_fts MATCH 'quagga'`).Scan(&n)
	if n != 1 {
		t.Errorf("rows with the typed word: %d, want 1", n)
	}
	for _, q := range []string{"quagga zebra", "kubelet quagga"} {
		if res, err := s.ListPosts(ctx, ListOptions{Query: q}); err != nil || res.Total != 1 {
			t.Errorf("search %q: %d found, %v; want the post", q, res.Total, err)
		}
	}
	if err := s.TrashPost(ctx, p.ID); err != nil {
		t.Fatal(err)
	}
	s.db.QueryRow(`SELECT count(*) FROM posts_fts WHERE posts_fts MATCH 'kubelet'`).Scan(&n)
	if n != 0 {
		t.Errorf("%d index rows left after moving the post to the trash", n)
	}
}
