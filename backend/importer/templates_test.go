package importer_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"quire/backend/export"
	"quire/backend/importer"
	"quire/backend/render/shortcode"
	"quire/backend/store"
)

// exportedPage exports the library and returns the page of the post whose
// path holds slug.
func exportedPage(t *testing.T, st *store.Store, slug string) (string, export.Report) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "out")
	rep, err := export.Export(context.Background(), st, out, export.Options{FeedSize: 1})
	if err != nil {
		t.Fatal(err)
	}
	var page []byte
	err = filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err == nil && strings.Contains(p, slug) && d.Name() == "index.html" {
			page, err = os.ReadFile(p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if page == nil {
		t.Fatalf("no page for %s in the export", slug)
	}
	return string(page), rep
}

// A Hugo site's own shortcodes (layouts/shortcodes, and its theme's where
// the site has none of that name) are kept at import and the export
// renders the posts with them; one that calls partial is reported by the
// import, with its file and line, and by each post that uses it.
func TestImportHugoSiteTemplates(t *testing.T) {
	rep, st, _ := importSite(t, "hugo-shortcodes-site")
	if rep.Count(importer.Imported) != 2 || len(rep.Sites) != 1 {
		t.Fatalf("report: %s %+v", rep.Summary(), rep.Sites)
	}
	warns := strings.Join(rep.Sites[0].Warnings, "\n")
	for _, want := range []string{
		`layouts/shortcodes/related.html:2: function "partial" not defined: shortcode 'related' will show as a placeholder`,
		`layouts/shortcodes/figure.html: Quire renders Hugo's built-in figure shortcode itself`,
	} {
		if !strings.Contains(warns, want) {
			t.Errorf("site warnings lack %q:\n%s", want, warns)
		}
	}
	checkWarnings(t, rep, "release-notes.md", nil)
	checkWarnings(t, rep, "reading-list.md", []string{
		`line 7: shortcode 'related' is not rendered: layouts/shortcodes/related.html:2: function "partial" not defined`,
	})

	v, ok, err := st.GetSetting(context.Background(), shortcode.TemplatesSetting)
	if err != nil || !ok {
		t.Fatalf("templates setting: %v %v", ok, err)
	}
	kept, err := shortcode.DecodeSources(v)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{}
	for name, src := range kept {
		files[name] = src.File
	}
	wantFiles := map[string]string{
		"notice":    "layouts/shortcodes/notice.html", // the site's, not the theme's
		"release":   "layouts/shortcodes/release.html",
		"related":   "layouts/shortcodes/related.html",
		"pullquote": "themes/paper/layouts/shortcodes/pullquote.html",
	}
	if len(files) != len(wantFiles) {
		t.Errorf("kept %v, want %v", files, wantFiles)
	}
	for k, f := range wantFiles {
		if files[k] != f {
			t.Errorf("shortcode %s kept from %q, want %q", k, files[k], f)
		}
	}

	page, exp := exportedPage(t, st, "release-notes")
	for _, w := range []string{
		`We shipped <span class="release">quire 1.4</span> today, after <span class="release">quire 1.3</span>.`,
		"<div class=\"notice notice-warning\"><p class=\"notice-title\">Upgrade first</p>\n  Back up your <strong>library</strong> before you upgrade.",
		`<blockquote class="pullquote">Small tools, <em>sharp</em> edges.<cite>Release notes</cite></blockquote>`,
		`src="https://www.youtube.com/embed/w7Ft2ymGmfc"`,
		`<figure><img src="/img/launch.png" alt="Launch"></figure>`,
	} {
		if !strings.Contains(page, w) {
			t.Errorf("release-notes page lacks %q:\n%s", w, page)
		}
	}
	if strings.Contains(page, "{{") || strings.Contains(page, "paper-notice") || strings.Contains(page, "site-figure") || strings.Contains(page, "shortcode-unknown") {
		t.Errorf("release-notes page has raw syntax, the theme's notice or a placeholder:\n%s", page)
	}
	page, _ = exportedPage(t, st, "reading-list")
	for _, w := range []string{`<code>related</code>`, "<div class=\"notice notice-info\">\n  Lent out: ask me.\n</div>"} {
		if !strings.Contains(page, w) {
			t.Errorf("reading-list page lacks %q:\n%s", w, page)
		}
	}
	var said bool
	for _, w := range exp.Warnings {
		said = said || strings.Contains(w.Message, "related.html:2")
	}
	if !said {
		t.Errorf("the export does not report the related shortcode: %+v", exp.Warnings)
	}
}

// Templates are read as _includes are: a link out of the folder is
// refused and never read, a file past the size bound is not kept, and a
// site imported again with a changed template is exported with it.
func TestHugoTemplatesRefusedAndReplaced(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(filepath.Join("testdata", "hugo-shortcodes-site"))); err != nil {
		t.Fatal(err)
	}
	secret := filepath.Join(t.TempDir(), "secret.html")
	if err := os.WriteFile(secret, []byte("SECRET"), 0o644); err != nil {
		t.Fatal(err)
	}
	sc := filepath.Join(dir, "layouts", "shortcodes")
	if err := os.Symlink(secret, filepath.Join(sc, "leak.html")); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(sc, "big.html"), []byte(strings.Repeat("x", shortcode.MaxTemplateSize+1)), 0o644); err != nil {
		t.Fatal(err)
	}
	st := mustOpen(t)
	rep, err := importer.Import(context.Background(), st, []string{dir})
	if err != nil {
		t.Fatal(err)
	}
	warns := strings.Join(rep.Sites[0].Warnings, "\n")
	for _, w := range []string{"layouts/shortcodes/leak.html is not a regular file", "layouts/shortcodes/big.html is larger than"} {
		if !strings.Contains(warns, w) {
			t.Errorf("site warnings lack %q:\n%s", w, warns)
		}
	}
	v, _, err := st.GetSetting(context.Background(), shortcode.TemplatesSetting)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(v, "SECRET") || strings.Contains(v, `"leak"`) || strings.Contains(v, `"big"`) {
		t.Errorf("kept a refused file: %.200s", v)
	}
	if page, _ := exportedPage(t, st, "release-notes"); !strings.Contains(page, `<span class="release">quire 1.4</span>`) {
		t.Fatalf("first export lacks the template's output:\n%s", page)
	}
	if err := os.WriteFile(filepath.Join(sc, "release.html"), []byte(`<b class="v">{{ .Get 1 }}</b>`), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := importer.Import(context.Background(), st, []string{dir}); err != nil {
		t.Fatal(err)
	}
	if page, _ := exportedPage(t, st, "release-notes"); !strings.Contains(page, `<b class="v">1.4</b>`) {
		t.Errorf("second export kept the old template:\n%s", page)
	}
}
