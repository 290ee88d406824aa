package store

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// markdown is n bytes of Markdown with the constructs plainText removes:
// headings, lists, quotes, links whose URLs hold words, images, code
// fences, HTML embeds and comments, emphasis and rules.
func markdown(seed uint64, n int) string {
	r := rand.New(rand.NewPCG(seed, 1))
	words := strings.Fields("kubernetes cluster pod node talk keynote austin scheduler service mesh envoy crème")
	word := func() string { return words[r.IntN(len(words))] }
	var b strings.Builder
	for b.Len() < n {
		switch r.IntN(10) {
		case 0:
			fmt.Fprintf(&b, "## %s %s\n\n", word(), word())
		case 1:
			fmt.Fprintf(&b, "- %s [%s](https://%s.io/%s) *%s*\n", word(), word(), word(), word(), word())
		case 2:
			fmt.Fprintf(&b, "> %s %s `%s`\n\n", word(), word(), word())
		case 3:
			fmt.Fprintf(&b, "```\n%s := %s\n```\n\n", word(), word())
		case 4:
			fmt.Fprintf(&b, "<iframe src=\"https://www.youtube.com/embed/%s\" title=\"%s\"></iframe>\n\n", word(), word())
		case 5:
			fmt.Fprintf(&b, "![%s](/img/%s.png) <!-- %s -->\n\n---\n\n", word(), word(), word())
		default:
			for i := 0; i < 12; i++ {
				b.WriteString(word() + " ")
			}
			b.WriteString(word() + ".\n\n")
		}
	}
	return b.String()
}

// TestBodySnippetIsTheWholeBodys checks that cutting a long body's snippet
// from a window around the first match gives what the whole body gives.
func TestBodySnippetIsTheWholeBodys(t *testing.T) {
	var bodies []string
	for seed := uint64(1); seed <= 20; seed++ {
		bodies = append(bodies, markdown(seed, 2<<10+int(seed)*5<<10/2))
	}
	// A word found only in URLs, embeds and comments before its first
	// match in the text, and one found only in a URL.
	bodies = append(bodies,
		strings.Repeat("[a link](https://example.com/zebra) and <!-- zebra --> text\n", 400)+"a zebra at last\n",
		strings.Repeat("words words words\n", 600)+"[x](https://zebra.example)\n")
	queries := []string{"kubernetes", "envoy", "creme", "austin keynote", "youtube", "embed", "zebra", "node*", "nothingatall"}
	windowed, n := 0, 0
	for i, body := range bodies {
		for _, q := range queries {
			terms := parseQuery(q)
			want := matchSnippet(plainText(body), terms)
			if got := bodySnippet(body, terms); got != want {
				t.Errorf("body %d (%d bytes), query %q:\n got %s\nwant %s", i, len(body), q, got, want)
			}
			if got, ok := windowSnippet(body, terms); ok {
				windowed++
				if got != want {
					t.Errorf("body %d, query %q: the window's snippet was taken for the whole body's:\n got %s\nwant %s", i, q, got, want)
				}
			}
			n++
		}
	}
	// Words only in URLs and embeds (youtube, embed) need the whole body;
	// the others should not.
	if windowed < n*2/3 {
		t.Errorf("the window gave the snippet %d times in %d", windowed, n)
	}
	t.Logf("the window gave the snippet %d times in %d", windowed, n)
}

func BenchmarkBodySnippet(b *testing.B) {
	body := markdown(7, 100<<10)
	terms := parseQuery("envoy")
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		bodySnippet(body, terms)
	}
}

func BenchmarkBodySnippetWhole(b *testing.B) {
	body := markdown(7, 100<<10)
	terms := parseQuery("envoy")
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		matchSnippet(plainText(body), terms)
	}
}
