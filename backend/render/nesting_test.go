package render

import (
	"os"
	"strings"
	"testing"
)

// TestCapNesting: lines that nest lists and quotes deeper than MaxNesting
// render flat from there, with a warning naming the line (of the file);
// every character is still shown.
func TestCapNesting(t *testing.T) {
	for _, tc := range []struct {
		name, line, open string
	}{
		{"Bullets", strings.Repeat("- ", 200) + "x", "<ul>"},
		{"Quotes", strings.Repeat(">", 200) + "x", "<blockquote>"},
		{"QuotesSpaced", strings.Repeat("> ", 200) + "x", "<blockquote>"},
		{"Ordered", strings.Repeat("1. ", 200) + "x", "<ol>"},
		{"Mixed", strings.Repeat("- > ", 100) + "x", "<ul>"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := "# Title\n\nText.\n\n" + tc.line + "\n\nAfter.\n"
			res, err := New(Settings{}).RenderBody([]byte(src), 3)
			if err != nil {
				t.Fatal(err)
			}
			if n := strings.Count(res.HTML, "<ul>") + strings.Count(res.HTML, "<ol>") + strings.Count(res.HTML, "<blockquote>"); n > MaxNesting {
				t.Errorf("%d containers opened, more than %d", n, MaxNesting)
			}
			if strings.Count(res.HTML, tc.open) == 0 {
				t.Errorf("the allowed nesting is gone:\n%.300s", res.HTML)
			}
			if !strings.Contains(res.HTML, "After.") {
				t.Errorf("the text after the deep line is gone")
			}
			if len(res.Warnings) != 1 || res.Warnings[0].Line != 7 || !strings.Contains(res.Warnings[0].Message, "nested deeper") {
				t.Errorf("warnings %+v, want one at line 7", res.Warnings)
			}
		})
	}
}

// TestCapNestingLeavesRealPostsAlone: ordinary nesting, thematic breaks of
// any length and lines that merely start with digits are not touched.
func TestCapNestingLeavesRealPostsAlone(t *testing.T) {
	for _, src := range []string{
		mustReadString(t, samplePath),
		"- a\n  - b\n    - c\n      > d\n",
		strings.Repeat("- ", 100) + "\n",
		strings.Repeat("* ", 100) + "\n",
		strings.Repeat("1999. ", 3) + "x\n",
		strings.Repeat("12345 ", 100) + "\n",
		strings.Repeat(">", MaxNesting) + "x\n",
	} {
		out, warns := capNesting([]byte(src), 1)
		if string(out) != src || warns != nil {
			t.Errorf("changed %.60q: %.60q %v", src, out, warns)
		}
	}
	// Many deep lines: ten are named, the last says how many more.
	_, warns := capNesting([]byte(strings.Repeat(strings.Repeat("- ", 40)+"x\n", 25)), 1)
	if len(warns) != maxNestingWarnings || !strings.Contains(warns[len(warns)-1].Message, "15 more lines") {
		t.Errorf("warnings: %+v", warns)
	}
}

func mustReadString(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// BenchmarkNesting200KB renders 200 KB inputs that nest lists and quotes as
// deep as their size allows (goldmark alone takes tens of seconds on each),
// and lines nested exactly to the limit; the target is under a second each.
//
//	go test -tags sqlite_fts5 -run '^$' -bench Nesting -benchtime 3x ./backend/render/
func BenchmarkNesting200KB(b *testing.B) {
	n := 200 << 10
	for _, c := range []struct{ name, src string }{
		{"Bullets", strings.Repeat("- ", n/2) + "x\n"},
		{"Quotes", strings.Repeat(">", n) + "x\n"},
		{"QuotesSpaced", strings.Repeat("> ", n/2) + "x\n"},
		{"Ordered", strings.Repeat("1. ", n/3) + "x\n"},
		{"Mixed", strings.Repeat("- > ", n/4) + "x\n"},
		{"LinesAtLimit", strings.Repeat(strings.Repeat("- ", MaxNesting)+"x\n", n/(2*MaxNesting+2))},
		{"Indented", indentedNesting(n)},
		{"LinkOpeners", strings.Repeat("[a](", n/4) + "x\n"},
		{"LinkOpenersEscaped", strings.Repeat(`[a](\)`, n/6) + "x\n"},
		// For comparison: as many list items as fit, not nested.
		{"FlatList", strings.Repeat("- x\n", n/4)},
	} {
		b.Run(c.name, func(b *testing.B) {
			benchRender(b, Settings{Typographer: true, Preview: true}, []byte(c.src))
		})
	}
}

// indentedNesting nests a list one level deeper on each line, by indent.
func indentedNesting(n int) string {
	var s strings.Builder
	for d := 0; s.Len() < n; d++ {
		s.WriteString(strings.Repeat("  ", d) + "- x\n")
	}
	return s.String()
}

// TestCapLinkScans: destinations that never end, over a budget, become
// text with a warning; ordinary links, long ones included, are untouched.
func TestCapLinkScans(t *testing.T) {
	src := "Intro.\n\n" + strings.Repeat("[a](", 20000) + "x\n"
	res, err := New(Settings{}).RenderBody([]byte(src), 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Warnings) != 1 || res.Warnings[0].Line != 3 || !strings.Contains(res.Warnings[0].Message, "never end") {
		t.Errorf("warnings: %+v", res.Warnings)
	}
	if !strings.Contains(res.HTML, "[a](") {
		t.Errorf("the text is gone: %.200s", res.HTML)
	}
	long := "[x](https://example.org/" + strings.Repeat("a", 3000) + ") "
	for _, ok := range []string{
		strings.Repeat(long, 100) + "\n",
		strings.Repeat("[a](b) ", 20000) + "\n",
		strings.Repeat("[a](<b>)", 20000) + "\n",
		"[a](b(c)d) and [e]( <f g> )\n",
	} {
		if out, warns := capLinkScans([]byte(ok), 1); string(out) != ok || warns != nil {
			t.Errorf("changed %.60q: %v", ok, warns)
		}
	}
	for _, bad := range []string{
		strings.Repeat("[a](", 50000) + "x\n",
		strings.Repeat("[a](<", 40000) + "x\n",
		strings.Repeat(`[a](\)`, 40000) + "x\n",
	} {
		if _, warns := capLinkScans([]byte(bad), 1); len(warns) != 1 {
			t.Errorf("not capped: %.30q", bad)
		}
	}
}
