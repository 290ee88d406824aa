package importer_test

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"quire/backend/importer"
	"quire/backend/media"
	"quire/backend/store"
)

// pngFile writes a real w × h PNG of one colour.
func pngFile(t *testing.T, path string, w, h int, c color.Color) {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Set(x, y, c)
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	write(t, path, b.String())
}

// importWithMedia imports paths, bringing images into st's media library.
func importWithMedia(t *testing.T, st *store.Store, paths ...string) *importer.Report {
	t.Helper()
	lib := media.New(st)
	rep, err := importer.ImportWith(context.Background(), st, paths, importer.Options{
		AddImage: func(ctx context.Context, path string) (string, error) {
			m, err := lib.AddFile(ctx, path)
			if err != nil {
				return "", err
			}
			return "media/" + m.Name, nil
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

var mediaLink = regexp.MustCompile(`media/[0-9a-f]{16}\.png`)

func TestImportBringsImages(t *testing.T) {
	base := t.TempDir()
	site := filepath.Join(base, "blog")
	red, blue := color.NRGBA{255, 0, 0, 255}, color.NRGBA{0, 0, 255, 255}

	// A Jekyll site.
	write(t, filepath.Join(site, "_config.yml"), "title: Blog\n")
	pngFile(t, filepath.Join(site, "assets", "img", "red.png"), 4, 4, red)
	write(t, filepath.Join(site, "assets", "notes.png"), "not a picture")
	pngFile(t, filepath.Join(base, "outside.png"), 3, 3, blue)
	secret := filepath.Join(base, "secret")
	pngFile(t, filepath.Join(secret, "private.png"), 2, 2, blue)
	if err := os.Symlink(filepath.Join(secret, "private.png"), filepath.Join(site, "assets", "link.png")); err != nil {
		t.Fatal(err)
	}
	body := strings.Join([]string{
		"![Red](/assets/img/red.png)",                               // line 5
		"![Red again]({{ site.baseurl }}/assets/img/red.png \"t\")", // 6: the same file, once in the library
		`<img src="{{ "/assets/img/red.png" | relative_url }}" alt="html">`,
		"![Remote](https://example.org/x.png)",
		"![Gone](/assets/gone.png)",  // 9
		"![Text](/assets/notes.png)", // 10
		"![Out](../../outside.png)",  // 11
		"![Link](/assets/link.png)",  // 12
		"```",
		"![In code](/assets/img/red.png)",
		"```",
		"",
	}, "\n")
	post := filepath.Join(site, "_posts", "2020-01-02-pictures.md")
	write(t, post, "---\ntitle: Pictures\n---\n\n"+body)

	// A Hugo site: a page bundle and the static folder.
	hugo := filepath.Join(base, "hugo")
	write(t, filepath.Join(hugo, "hugo.toml"), "title = 'H'\n")
	pngFile(t, filepath.Join(hugo, "content", "posts", "trip", "photo one.png"), 5, 5, blue)
	pngFile(t, filepath.Join(hugo, "static", "images", "logo.png"), 6, 6, red)
	write(t, filepath.Join(hugo, "content", "posts", "trip", "index.md"), "---\ntitle: Trip\n---\n![A photo](photo%20one.png)\n![Logo](/images/logo.png)\n")

	// A folder of notes with a relative path.
	notes := filepath.Join(base, "notes")
	pngFile(t, filepath.Join(notes, "img", "red.png"), 4, 4, red)
	write(t, filepath.Join(notes, "a.md"), "# Note\n\n![r](img/red.png)\n")

	st := mustOpen(t)
	rep := importWithMedia(t, st, site, hugo, notes)
	for _, r := range rep.Results {
		if r.Outcome != importer.Imported {
			t.Fatalf("%s: %s %s", r.Path, r.Outcome, r.Error)
		}
	}

	ctx := context.Background()
	p, err := st.GetPostBySlug(ctx, "pictures")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(p.Body, "\n")
	red1 := mediaLink.FindString(lines[1])
	if red1 == "" || !strings.HasPrefix(lines[1], "![Red]("+red1+")") {
		t.Fatalf("line not rewritten: %q", lines[1])
	}
	for i, want := range []string{
		"![Red](" + red1 + ")",
		"![Red again](" + red1 + " \"t\")",
		`<img src="` + red1 + `" alt="html">`,
		"![Remote](https://example.org/x.png)",
		"![Gone](/assets/gone.png)",
		"![Text](/assets/notes.png)",
		"![Out](../../outside.png)",
		"![Link](/assets/link.png)",
		"```",
		"![In code](/assets/img/red.png)",
	} {
		if lines[i+1] != want {
			t.Errorf("body line %d = %q, want %q", i+2, lines[i+1], want)
		}
	}
	var warns []string
	for _, r := range rep.Results {
		if filepath.Base(r.Path) == "2020-01-02-pictures.md" {
			for _, w := range r.Warnings {
				warns = append(warns, w.String())
			}
		}
	}
	wantWarns := []string{
		"line 9: image /assets/gone.png was not found in the imported folder; the link is kept",
		"line 10: image /assets/notes.png was not brought in: notes.png was not added: it is text",
		"line 11: image ../../outside.png was not brought in: it is outside the imported folder",
		"line 12: image /assets/link.png was not brought in: it is outside the imported folder",
	}
	if len(warns) != len(wantWarns) {
		t.Fatalf("warnings:\n%s", strings.Join(warns, "\n"))
	}
	for i := range wantWarns {
		if !strings.HasPrefix(warns[i], wantWarns[i]) {
			t.Errorf("warning %d = %q, want it to start %q", i, warns[i], wantWarns[i])
		}
	}

	trip, err := st.GetPostBySlug(ctx, "trip")
	if err != nil {
		t.Fatal(err)
	}
	if got := mediaLink.FindAllString(trip.Body, -1); len(got) != 2 || got[0] == got[1] {
		t.Errorf("Hugo bundle and static images: %q", trip.Body)
	}
	note, err := st.GetPostBySlug(ctx, "a")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(note.Body, "![r]("+red1+")") {
		t.Errorf("the same red square in the notes is the same media file: %q", note.Body)
	}

	// Four files in the library: red, the bundle photo, the logo; nothing
	// from outside the imported folders.
	list, err := media.New(st).List(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 3 {
		t.Errorf("library holds %d files, want 3: %+v", len(list), list)
	}
	for _, it := range list {
		if it.Width == 2 || it.Width == 3 {
			t.Errorf("a file from outside the imported folder was brought in: %+v", it)
		}
	}

	// Importing again changes nothing: the links were rewritten before storing.
	again := importWithMedia(t, st, site, hugo, notes)
	for _, r := range again.Results {
		if r.Outcome != importer.Unchanged {
			t.Errorf("reimport of %s: %s", r.Path, r.Outcome)
		}
	}
}
