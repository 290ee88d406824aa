package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The preview renders a Hugo site's own shortcodes from the templates the
// import kept, the ones the export uses; one whose template calls partial
// is a placeholder and a problem naming the template's file and line.
func TestPreviewRendersImportedHugoShortcodes(t *testing.T) {
	s := NewServices(mustOpen(t), time.Now())
	const text = "---\ntitle: Notes\n---\n{{< notice warning >}}\nBack up **first**.\n{{< /notice >}}\n\n{{< related >}}\n"
	before, err := s.Preview.Render(text)
	if err != nil {
		t.Fatal(err)
	}
	if len(before.Problems) != 2 || strings.Contains(before.HTML, `notice-warning`) {
		t.Errorf("before the import: problems %+v, html %s", before.Problems, before.HTML)
	}
	site, err := filepath.Abs(filepath.Join("..", "backend", "importer", "testdata", "hugo-shortcodes-site"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(site)); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Library.Import([]string{dir}); err != nil {
		t.Fatal(err)
	}
	res, err := s.Preview.Render(text)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(res.HTML, `<div data-line="4" class="notice notice-warning">`) || !strings.Contains(res.HTML, `Back up <strong>first</strong>.`) {
		t.Errorf("after the import: html %s", res.HTML)
	}
	if len(res.Problems) != 1 || res.Problems[0].Line != 8 ||
		!strings.Contains(res.Problems[0].Message, `layouts/shortcodes/related.html:2: function "partial" not defined`) {
		t.Errorf("after the import: problems %+v", res.Problems)
	}
}
