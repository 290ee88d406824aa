package main

import (
	"bytes"
	"strings"
	"testing"
)

// TestConvert checks that the floor renders what cmark-gfm is asked to in
// scripts/bench.sh, so that the two rows read the same document the same way.
func TestConvert(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"table", "| a | b |\n|---|---|\n| 1 | 2 |\n", "<td>2</td>"},
		{"strikethrough", "~~gone~~\n", "<del>gone</del>"},
		{"autolink", "see https://example.org now\n", `<a href="https://example.org">https://example.org</a>`},
		{"task list", "- [x] done\n", `<input checked="" disabled="" type="checkbox"`},
		{"raw HTML kept", "<iframe src=\"https://www.youtube.com/embed/x\"></iframe>\n", `<iframe src="https://www.youtube.com/embed/x"></iframe>`},
		{"no heading ids", "# Title\n", "<h1>Title</h1>"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := convert([]byte(tc.src), &b); err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(b.String(), tc.want) {
				t.Errorf("convert(%q) = %q, want it to contain %q", tc.src, b.String(), tc.want)
			}
		})
	}
}
