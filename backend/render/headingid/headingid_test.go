package headingid

import "testing"

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
