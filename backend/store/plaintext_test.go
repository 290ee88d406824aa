package store

import (
	"strings"
	"testing"
)

func TestPlainText(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"Plain", "Just words.", "Just words."},
		{"Heading", "## Keynote Summaries\n\nText", "Keynote Summaries Text"},
		{"Emphasis", "Some *text* and __bold__ and `code`.", "Some text and bold and code."},
		{"Link", "See [the site](https://example.com) now", "See the site now"},
		{"Image", "![a cat](cat.png) sat", "a cat sat"},
		{"HTML", `<iframe width="560" src="x"></iframe> after`, "after"},
		{"Lists", "- one\n* two\n1. three\n> quoted", "one two three quoted"},
		{"Fence", "```go\nx := 1\n```\nafter", "x := 1 after"},
		{"Rule", "above\n\n---\n\nbelow", "above below"},
		{"KeepsHyphens", "well-known k8s 2017-12-06", "well-known k8s 2017-12-06"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := strings.Join(strings.Fields(plainText(tt.in)), " ")
			if got != tt.want {
				t.Errorf("plainText(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
