package main

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
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

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

// TestRunErrors: a missing file and a failed write are errors that name the
// file, never a silent empty output.
func TestRunErrors(t *testing.T) {
	dir := t.TempDir()
	post := filepath.Join(dir, "post.md")
	if err := os.WriteFile(post, []byte("# Title\n\nText.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := run(post, &out); err != nil || !strings.Contains(out.String(), "<h1>Title</h1>") {
		t.Fatalf("run(post) = %v, output %q", err, out.String())
	}
	missing := filepath.Join(dir, "missing.md")
	if err := run(missing, &out); err == nil || !strings.Contains(err.Error(), missing) {
		t.Errorf("run(missing) = %v, want an error naming %s", err, missing)
	}
	if err := run(post, failingWriter{}); err == nil || !strings.Contains(err.Error(), "disk full") || !strings.Contains(err.Error(), post) {
		t.Errorf("run(post, failing writer) = %v, want the write error with the file", err)
	}
}
