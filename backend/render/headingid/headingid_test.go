package headingid

import (
	"bytes"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/yuin/goldmark"
)

func TestSlug(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"ASCII", "Hello World", "hello-world"},
		{"Punctuation", "What's new? (2024!)", "whats-new-2024"},
		{"KeepsHyphenUnderscore", "snake_case and kebab-case", "snake_case-and-kebab-case"},
		{"Unicode", "Über uns", "über-uns"},
		{"CJK", "日本語の見出し", "日本語の見出し"},
		{"Cyrillic", "Привет Мир", "привет-мир"},
		{"Marks", "Café", "café"},
		{"Trimmed", "  padded  ", "padded"},
		{"Empty", "", "section"},
		{"OnlyPunctuation", "?!", "section"},
		{"Ampersand", "Mesh & CI/CD", "mesh--cicd"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Slug(tt.in); got != tt.want {
				t.Errorf("Slug(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestSlugByClass holds appendSlug's ASCII shortcut to the rule it
// shortcuts (letters, digits and marks of any script, lower-cased; spaces
// as hyphens; '-' and '_' kept), on every ASCII byte and on text of other
// scripts, with text already in the buffer.
func TestSlugByClass(t *testing.T) {
	byClass := func(s string) string {
		var b strings.Builder
		for _, r := range strings.TrimSpace(s) {
			switch {
			case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r):
				b.WriteRune(unicode.ToLower(r))
			case r == '-' || r == '_':
				b.WriteRune(r)
			case unicode.IsSpace(r):
				b.WriteByte('-')
			}
		}
		if b.Len() == 0 {
			return "section"
		}
		return b.String()
	}
	inputs := []string{"Über uns — Ça va?", "Ünïcödé\u00a0space\u2003em", "x\xffy", "ΑΒΓ δ", "٣ أرقام", "e\u0301t\u00e9"}
	for c := 0; c < 128; c++ {
		inputs = append(inputs, "a"+string(rune(c))+"Z")
	}
	for _, in := range inputs {
		want := byClass(in)
		if got := string(appendSlug([]byte("kept:"), in)); got != "kept:"+want {
			t.Errorf("appendSlug(%q) = %q, want %q", in, got, "kept:"+want)
		}
	}
}

// TestUniqueIDs: a repeated heading gets the first free -N suffix, around
// ids that headings of their own took.
func TestUniqueIDs(t *testing.T) {
	md := goldmark.New(goldmark.WithExtensions(New()))
	src := "# A\n\n# A 2\n\n# A\n\n# A\n\n# A-1\n\n# A\n"
	var b bytes.Buffer
	if err := md.Convert([]byte(src), &b); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, m := range regexp.MustCompile(`id="([^"]*)"`).FindAllStringSubmatch(b.String(), -1) {
		got = append(got, m[1])
	}
	want := []string{"a", "a-2", "a-1", "a-3", "a-1-1", "a-4"}
	if !slices.Equal(got, want) {
		t.Errorf("ids %q, want %q", got, want)
	}
}
