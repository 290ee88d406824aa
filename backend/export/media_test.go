package export

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"quire/backend/media"
	"quire/backend/post"
	"quire/backend/site"
	"quire/backend/store"
)

// encoded makes a real w × h image in format "png" or "jpeg".
func encoded(t testing.TB, format string, w, h int) []byte {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Set(x, y, color.NRGBA{uint8(x * 255 / w), uint8(y * 255 / h), 90, 255})
		}
	}
	var b bytes.Buffer
	var err error
	if format == "png" {
		err = png.Encode(&b, img)
	} else {
		err = jpeg.Encode(&b, img, &jpeg.Options{Quality: 90})
	}
	if err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func mustAdd(t testing.TB, lib *media.Library, data []byte, name string) store.Media {
	t.Helper()
	m, err := lib.Add(context.Background(), data, name)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestExportMedia(t *testing.T) {
	st := mustOpen(t)
	ctx := context.Background()
	lib := media.New(st)
	wide := mustAdd(t, lib, encoded(t, "jpeg", 1500, 1000), "wide.jpg")
	small := mustAdd(t, lib, encoded(t, "png", 300, 200), "small.png")
	logo := mustAdd(t, lib, []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="64" height="32"/>`), "logo.svg")
	secret := mustAdd(t, lib, encoded(t, "png", 50, 50), "secret.png")
	unused := mustAdd(t, lib, encoded(t, "png", 60, 60), "unused.png")
	lost := mustAdd(t, lib, encoded(t, "png", 70, 70), "lost.png")
	if err := os.Remove(filepath.Join(lib.Folder(), lost.Name)); err != nil {
		t.Fatal(err)
	}
	const ghost = "ffffffffffffffff.png" // never in the library

	photos := mustCreate(t, st, &post.Post{Slug: "photos", Title: "Photos", Date: date(2024, 5, 1), Status: post.StatusPublished,
		Body: "A wide one:\n\n[![Wide](media/" + wide.Name + ")](media/" + wide.Name + ")\n\n![Small](media/" + small.Name + " \"small\") and <img src=\"media/" + logo.Name + "\" alt=\"logo\">\n"})
	mustCreate(t, st, &post.Post{Slug: "broken", Title: "Broken", Date: date(2024, 5, 2), Status: post.StatusPublished,
		Body: "fine\n\n![gone](media/" + lost.Name + ")\n\n![never](media/" + ghost + ")\n"})
	mustCreate(t, st, &post.Post{Slug: "secret", Title: "Secret", Status: post.StatusDraft, Body: "![s](media/" + secret.Name + ")\n"})

	set := site.Default()
	set.BaseURL = "https://example.org/blog/"
	dir := t.TempDir()
	rep := export(t, st, dir, Options{Site: &set})
	if len(rep.Failed) > 0 {
		t.Fatalf("failed: %+v", rep.Failed)
	}
	files := readTree(t, dir)

	// Only the media of published posts, with resized copies of the wide JPEG.
	var got []string
	for p := range files {
		if strings.HasPrefix(p, "media/") {
			got = append(got, p)
		}
	}
	sort.Strings(got)
	want := []string{"media/" + wide.Name, "media/" + media.VariantName(wide.Name, 1280), "media/" + media.VariantName(wide.Name, 640), "media/" + logo.Name, "media/" + small.Name}
	sort.Strings(want)
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("media in the site:\n got %v\nwant %v (not the draft's %s, the unused %s)", got, want, secret.Name, unused.Name)
	}
	orig, _ := os.ReadFile(filepath.Join(lib.Folder(), wide.Name))
	if !bytes.Equal(files["media/"+wide.Name], orig) {
		t.Error("the original was not copied byte for byte")
	}
	for _, w := range []int{640, 1280} {
		info, err := media.Sniff(files["media/"+media.VariantName(wide.Name, w)])
		if err != nil || info.Width != w || info.MIME != "image/jpeg" {
			t.Errorf("%d px copy: %+v, %v", w, info, err)
		}
	}

	// The page: links at the base path, sizes, srcset.
	page := string(files["2024/05/01/photos/index.html"])
	for _, s := range []string{
		`src="/blog/media/` + wide.Name + `" alt="Wide" width="1500" height="1000" srcset="/blog/media/` + media.VariantName(wide.Name, 640) + ` 640w, /blog/media/` + media.VariantName(wide.Name, 1280) + ` 1280w, /blog/media/` + wide.Name + ` 1500w" sizes="(max-width: 42rem) 100vw, 42rem" loading="lazy"`,
		`src="/blog/media/` + small.Name + `" alt="Small" title="small" width="300" height="200" loading="lazy"`,
		`src="/blog/media/` + logo.Name + `" alt="logo" width="64" height="32" loading="lazy"`,
	} {
		if !strings.Contains(page, s) {
			t.Errorf("the page lacks %s\n%s", s, imgTags(page))
		}
	}
	if !strings.Contains(page, `<a href="/blog/media/`+wide.Name+`"><img`) {
		t.Errorf("the link to the full-size image is not at the base path:\n%s", page)
	}
	for _, w := range rep.Warnings {
		if strings.Contains(w.Message, "not part of the site") {
			t.Errorf("a link to a media file is reported as broken: %v", w)
		}
	}
	checkGoldenImgs(t, "media-img.golden", imgTags(page))
	if feed := string(files["feed.xml"]); !strings.Contains(feed, "/blog/media/"+wide.Name) {
		t.Error("the feed does not link the image at the base path")
	}

	// The missing ones are warnings with post and line; the export goes on.
	var warns []string
	for _, w := range rep.Warnings {
		if strings.Contains(w.Message, "image media/") {
			warns = append(warns, w.String())
		}
	}
	wantWarns := []string{
		"broken:9: image media/" + lost.Name + ": the file is missing from the media folder " + lib.Folder(),
		"broken:11: image media/" + ghost + " is not in the media library",
	}
	if strings.Join(warns, "\n") != strings.Join(wantWarns, "\n") {
		t.Errorf("warnings:\n%s\nwant\n%s", strings.Join(warns, "\n"), strings.Join(wantWarns, "\n"))
	}

	// Again: nothing to write (and the JPEG is not resized again).
	if rep := export(t, st, dir, Options{Site: &set}); rep.Written != 0 || rep.Removed != 0 {
		t.Errorf("second export wrote %d, removed %d; want nothing", rep.Written, rep.Removed)
	}

	// A foreign file in media/ is never touched; an image no longer used goes.
	foreign := filepath.Join(dir, "media", "mine.txt")
	if err := os.WriteFile(foreign, []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	photos.Body = "![Wide](media/" + wide.Name + ")\n"
	if err := st.SavePost(ctx, photos, store.KindSave); err != nil {
		t.Fatal(err)
	}
	rep = export(t, st, dir, Options{Site: &set})
	if rep.Removed != 2 {
		t.Errorf("removed %d files, want 2 (the small PNG and the SVG)", rep.Removed)
	}
	for _, n := range []string{small.Name, logo.Name} {
		if _, err := os.Stat(filepath.Join(dir, "media", n)); !os.IsNotExist(err) {
			t.Errorf("%s is still in the site: %v", n, err)
		}
	}
	if b, err := os.ReadFile(foreign); err != nil || string(b) != "mine" {
		t.Errorf("the foreign file was touched: %q, %v", b, err)
	}
	if _, err := os.Stat(filepath.Join(dir, "media", wide.Name)); err != nil {
		t.Errorf("the used image went: %v", err)
	}

	// A missing file that comes back (added again) is exported, and the page
	// that showed it without a size gets its size.
	if _, err := lib.Add(ctx, encoded(t, "png", 70, 70), "lost.png"); err != nil {
		t.Fatal(err)
	}
	rep = export(t, st, dir, Options{Site: &set})
	if _, err := os.Stat(filepath.Join(dir, "media", lost.Name)); err != nil {
		t.Errorf("the restored file was not exported: %v", err)
	}
	if p := readTree(t, dir)["2024/05/02/broken/index.html"]; !bytes.Contains(p, []byte(lost.Name+`" alt="gone" width="70" height="70"`)) {
		t.Errorf("the page was not made again with the size:\n%s", imgTags(string(p)))
	}
}

var imgTagRE = regexp.MustCompile(`<img [^>]*>`)

// imgTags lists the <img> elements of a page, one a line.
func imgTags(page string) string {
	return strings.Join(imgTagRE.FindAllString(page, -1), "\n") + "\n"
}

// checkGoldenImgs compares the <img> elements with testdata/NAME, with the
// media names (hashes of the encoders' output) replaced by placeholders.
func checkGoldenImgs(t *testing.T, name, got string) {
	t.Helper()
	n := 0
	seen := map[string]string{}
	got = regexp.MustCompile(`[0-9a-f]{16}`).ReplaceAllStringFunc(got, func(h string) string {
		if _, ok := seen[h]; !ok {
			n++
			seen[h] = "HASH" + string(rune('0'+n))
		}
		return seen[h]
	})
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to write it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs:\n got %s\nwant %s", path, got, want)
	}
}
