package theme

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func mustWrite(t *testing.T, name, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func mustLink(t *testing.T, target, name string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, name); err != nil {
		t.Fatal(err)
	}
}

// TestOverDirRefusesLinksOut: a theme's files that are links out of its
// folder (a file, or a linked folder) are not read; links inside are.
func TestOverDirRefusesLinksOut(t *testing.T) {
	root := t.TempDir()
	mustWrite(t, filepath.Join(root, "secret.txt"), "SECRET-CSS { }")
	mustWrite(t, filepath.Join(root, "outside", "404.html"), `{{define "main"}}SECRET-TEMPLATE{{end}}`)
	dir := filepath.Join(root, "t")
	mustLink(t, filepath.Join(root, "secret.txt"), filepath.Join(dir, "static", "site.css"))
	mustLink(t, filepath.Join(root, "outside"), filepath.Join(dir, "templates"))
	th, err := OverDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(th.StyleSheet(), "SECRET") {
		t.Errorf("the stylesheet was read through a link out of the theme")
	}
	var b strings.Builder
	if err := th.RenderList(&b, ListPage{Kind: "404", Site: Site{Title: "S"}}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), "SECRET") {
		t.Errorf("a template was read through a linked folder out of the theme")
	}
	w := strings.Join(th.Warnings(), "\n")
	if !strings.Contains(w, "static/site.css") || !strings.Contains(w, "templates") {
		t.Errorf("warnings do not name the refused files: %q", th.Warnings())
	}

	// A link that stays inside the folder is followed, without a warning.
	in := filepath.Join(root, "in")
	mustWrite(t, filepath.Join(in, "css", "mine.css"), ".mine { }")
	mustLink(t, filepath.Join("..", "css", "mine.css"), filepath.Join(in, "static", "site.css"))
	th, err = OverDir(in)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(th.CSS(), ".mine") || len(th.Warnings()) > 0 {
		t.Errorf("a link inside the theme was not followed (warnings %q)", th.Warnings())
	}
}

// TestPageSizeLimit: a template that loops without end stops at
// MaxPageSize with an error instead of filling the memory.
func TestPageSizeLimit(t *testing.T) {
	dir := t.TempDir()
	line := strings.Repeat("x", 63) + "\n"
	n := MaxPageSize/len(line) + 1000
	mustWrite(t, filepath.Join(dir, "templates", "404.html"), `{{define "main"}}{{range `+itoa(n)+`}}`+line+`{{end}}{{end}}`)
	th, err := OverDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var c countWriter
	err = th.RenderList(&c, ListPage{Kind: "404", Site: Site{Title: "S"}})
	if !errors.Is(err, ErrPageTooLarge) {
		t.Fatalf("render: %v, want ErrPageTooLarge", err)
	}
	if c > MaxPageSize {
		t.Errorf("%d bytes written, more than %d", c, MaxPageSize)
	}
	err = th.RenderPost(io.Discard, PostPage{Title: "t", Content: "<p>ok</p>"})
	if err != nil {
		t.Errorf("a normal page: %v", err)
	}
}

type countWriter int

func (c *countWriter) Write(p []byte) (int, error) { *c += countWriter(len(p)); return len(p), nil }

func itoa(n int) string {
	s := ""
	for ; n > 0; n /= 10 {
		s = string(rune('0'+n%10)) + s
	}
	return s
}
