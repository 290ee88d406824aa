package post_test

import (
	"errors"
	"strings"
	"testing"

	"quire/backend/post"
)

func TestSlugify(t *testing.T) {
	tests := []struct{ name, title, want string }{
		{"Plain", "KubeCon 2017 Austin Summary", "kubecon-2017-austin-summary"},
		{"Accents", "Crème brûlée à la française", "creme-brulee-a-la-francaise"},
		{"Special", "Straße, Ærø & Łódź", "strasse-aero-and-lodz"},
		{"Punctuation", "  Hello, World!!! -- again?  ", "hello-world-again"},
		{"Apostrophe", "Don't panic", "dont-panic"},
		{"PathLike", "../../etc/passwd", "etc-passwd"},
		{"Backslash", `C:\Windows\System32`, "c-windows-system32"},
		{"Control", "a\x00b\tc\n", "a-b-c"},
		{"OtherScript", "日本語 のブログ", "日本語-のブログ"},
		{"Empty", "!!!", "untitled"},
		{"Reserved", "CON", "con-post"},
		{"ReservedCom", "com1", "com1-post"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := post.Slugify(tt.title)
			if got != tt.want {
				t.Errorf("Slugify(%q) = %q, want %q", tt.title, got, tt.want)
			}
			if err := post.ValidateSlug(got); err != nil {
				t.Errorf("Slugify made an invalid slug: %v", err)
			}
		})
	}
}

func TestSlugifyLong(t *testing.T) {
	title := ""
	for i := 0; i < 60; i++ {
		title += "ünïcödé "
	}
	s := post.Slugify(title)
	if len(s) > post.MaxSlugLen {
		t.Errorf("slug is %d bytes", len(s))
	}
	if err := post.ValidateSlug(s); err != nil {
		t.Error(err)
	}
}

func TestValidateSlug(t *testing.T) {
	tests := []struct {
		slug string
		ok   bool
	}{
		{"hello-world", true},
		{"v1.2-release", true},
		{"日本語", true},
		{"", false},
		{"a/b", false},
		{`a\b`, false},
		{"..", false},
		{"a..b", false},
		{".hidden", false},
		{"a\x01b", false},
		{"a b", false},
		{"NUL", false},
		{"nul.txt", false},
		{"Com1", false},
		{"lpt9", false},
		{"a:b", false},
	}
	for _, tt := range tests {
		t.Run(tt.slug, func(t *testing.T) {
			err := post.ValidateSlug(tt.slug)
			if (err == nil) != tt.ok {
				t.Errorf("ValidateSlug(%q) = %v, want ok=%v", tt.slug, err, tt.ok)
			}
			if err != nil && !errors.Is(err, post.ErrInvalid) {
				t.Errorf("error %v is not ErrInvalid", err)
			}
		})
	}
}

// TestValidateSlugSaysWhich: a backslash is not reported as a slash.
func TestValidateSlugSaysWhich(t *testing.T) {
	for slug, want := range map[string]string{`a\b`: "contains a backslash", "a/b": "contains a slash"} {
		if err := post.ValidateSlug(slug); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ValidateSlug(%q) = %v, want %q", slug, err, want)
		}
	}
}
