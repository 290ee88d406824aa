package linked_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"quire/backend/linked"
	"quire/backend/render/shortcode"
)

// Linking a Hugo site keeps its own shortcode templates, as importing it
// does: the preview and the export find them in the library.
func TestLinkKeepsHugoTemplates(t *testing.T) {
	ctx := context.Background()
	st := mustOpen(t)
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(filepath.Join("..", "importer", "testdata", "hugo-shortcodes-site"))); err != nil {
		t.Fatal(err)
	}
	s, err := linked.New(st, linked.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Link(ctx, dir); err != nil {
		t.Fatal(err)
	}
	v, ok, err := st.GetSetting(ctx, shortcode.TemplatesSetting)
	if err != nil || !ok {
		t.Fatalf("templates setting after link: %v %v", ok, err)
	}
	src, err := shortcode.DecodeSources(v)
	if err != nil {
		t.Fatal(err)
	}
	if src["notice"].File != "layouts/shortcodes/notice.html" || src["pullquote"].File != "themes/paper/layouts/shortcodes/pullquote.html" {
		t.Errorf("kept %+v", src)
	}
}
