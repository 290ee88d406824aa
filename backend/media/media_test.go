package media

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"hash/crc32"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"quire/backend/post"
	"quire/backend/store"
)

// picture draws a w × h image with a gradient, so that encoders have
// something to do and two sizes never share bytes.
func picture(w, h int) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Set(x, y, color.NRGBA{uint8(x * 255 / w), uint8(y * 255 / h), 128, 255})
		}
	}
	return img
}

// PNG, JPEG and GIF are real encoded images made in the test.
func PNG(t testing.TB, w, h int) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, picture(w, h)); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func JPEG(t testing.TB, w, h int) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := jpeg.Encode(&b, picture(w, h), &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func GIF(t testing.TB, w, h int) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := gif.Encode(&b, picture(w, h), nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// webp1x1 is a lossless 1 × 1 WebP (there is no WebP encoder in Go).
var webp1x1 = []byte("RIFF\x1a\x00\x00\x00WEBPVP8L\x0d\x00\x00\x00\x2f\x00\x00\x00\x10\x07\x10\x11\x11\x88\x88\xfe\x07\x00")

func mustOpen(t testing.TB) (*store.Store, *Library) {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "quire.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st, New(st)
}

func TestSniff(t *testing.T) {
	pngBytes := PNG(t, 30, 20)
	jpegBytes := JPEG(t, 64, 48)
	for _, tt := range []struct {
		name    string
		data    []byte
		want    Info
		wantErr string // in the message; "" for none
	}{
		{"PNG", pngBytes, Info{"image/png", ".png", 30, 20}, ""},
		{"JPEG", JPEG(t, 64, 48), Info{"image/jpeg", ".jpg", 64, 48}, ""},
		{"GIF", GIF(t, 8, 9), Info{"image/gif", ".gif", 8, 9}, ""},
		{"WebP", webp1x1, Info{"image/webp", ".webp", 1, 1}, ""},
		{"SVGSized", []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="120" height="80px"><rect width="10" height="10"/></svg>`), Info{"image/svg+xml", ".svg", 120, 80}, ""},
		{"SVGViewBox", []byte("<?xml version=\"1.0\"?>\n<!-- drawn by hand -->\n<!DOCTYPE svg>\n<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 300 150\"></svg>"), Info{"image/svg+xml", ".svg", 300, 150}, ""},
		{"SVGWidthAndViewBox", []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="600" viewBox="0,0,300,150"/>`), Info{"image/svg+xml", ".svg", 600, 300}, ""},
		{"SVGNoSize", []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="100%"/>`), Info{"image/svg+xml", ".svg", 0, 0}, ""},
		{"SVGWithScriptIsStillAnImage", []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"><script>alert(1)</script></svg>`), Info{"image/svg+xml", ".svg", 1, 1}, ""},
		{"ErrEmpty", nil, Info{}, "empty"},
		{"ErrText", []byte("just some notes, saved as cat.png\n"), Info{}, "it is text"},
		{"ErrHTML", []byte("<!DOCTYPE html><html><body><svg></svg></body></html>"), Info{}, "an HTML document"},
		{"ErrXMLNotSVG", []byte(`<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><svg/></html>`), Info{}, "not an image"},
		{"ErrSVGOtherNamespace", []byte(`<svg xmlns="urn:not-svg"/>`), Info{}, "not an image"},
		{"ErrSVGBroken", []byte(`<svg xmlns="http://www.w3.org/2000/svg"><g></svg>`), Info{}, "not an image"},
		{"ErrTruncatedPNG", pngBytes[:20], Info{}, "damaged PNG"},
		{"ErrTruncatedJPEG", jpegBytes[:len(jpegBytes)*2/3], Info{}, "damaged JPEG"},
		{"ErrJPEGWithoutEnd", jpegBytes[:len(jpegBytes)-2], Info{}, "damaged JPEG"},
		{"JPEGWithTrailingBytes", append(append([]byte{}, jpegBytes...), "trailer"...), Info{"image/jpeg", ".jpg", 64, 48}, ""},
		{"ErrBMP", append([]byte("BM"), make([]byte, 60)...), Info{}, "BMP"},
		{"ErrPDF", []byte("%PDF-1.7\n..."), Info{}, "PDF"},
		{"ErrBinary", []byte{0, 1, 2, 3, 4, 5, 0xff, 0xfe}, Info{}, "unknown kind"},
		{"ErrBomb", bombPNG(t), Info{}, "more than the 100 million"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Sniff(tt.data)
			if tt.wantErr == "" {
				if err != nil || got != tt.want {
					t.Fatalf("Sniff = %+v, %v; want %+v", got, err, tt.want)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !errors.Is(err, post.ErrInvalid) {
				t.Fatalf("Sniff = %+v, %v; want an ErrInvalid saying %q", got, err, tt.wantErr)
			}
		})
	}
}

// bombPNG is a PNG header claiming 20,000 × 20,000 pixels (the data is cut off).
func bombPNG(t testing.TB) []byte {
	b := PNG(t, 1, 1)
	hdr := append([]byte{}, b[:33]...)
	// IHDR width and height at bytes 16..23; the CRC is not checked by DecodeConfig.
	copy(hdr[16:], []byte{0, 0, 0x4e, 0x20, 0, 0, 0x4e, 0x20})
	binary.BigEndian.PutUint32(hdr[29:], crc32.ChecksumIEEE(hdr[12:29]))
	return hdr
}

func TestValidName(t *testing.T) {
	for name, want := range map[string]bool{
		"0123456789abcdef.png":            true,
		"0123456789abcdef.svg":            true,
		strings.Repeat("a", 64) + ".webp": true,
		"0123456789abcde.png":             false, // too short
		"0123456789ABCDEF.png":            false,
		"0123456789abcdef.exe":            false,
		"../0123456789abcdef.png":         false,
		"x/0123456789abcdef.png":          false,
		"0123456789abcdef.png/":           false,
		"0123456789abcdef.png\x00":        false,
		"":                                false,
	} {
		if got := ValidName(name); got != want {
			t.Errorf("ValidName(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestAddStoresByHash(t *testing.T) {
	_, lib := mustOpen(t)
	ctx := context.Background()
	data := PNG(t, 40, 30)
	sum := sha256.Sum256(data)
	hash := hex.EncodeToString(sum[:])

	m, err := lib.Add(ctx, data, "/home/me/Pictures/cat.png")
	if err != nil {
		t.Fatal(err)
	}
	want := store.Media{Name: hash[:16] + ".png", Hash: hash, MIME: "image/png", Bytes: int64(len(data)), Width: 40, Height: 30, Original: "cat.png", Created: m.Created}
	if m != want {
		t.Errorf("Add = %+v, want %+v", m, want)
	}
	onDisk, err := os.ReadFile(filepath.Join(lib.Folder(), m.Name))
	if err != nil || !bytes.Equal(onDisk, data) {
		t.Fatalf("file in the media folder: %v (same bytes: %v)", err, bytes.Equal(onDisk, data))
	}
	if filepath.Dir(lib.Folder()) != filepath.Dir(lib.st.Path()) {
		t.Errorf("media folder %s is not beside the database %s", lib.Folder(), lib.st.Path())
	}

	// The same bytes under another name: one file, one record, the first.
	again, err := lib.Add(ctx, data, "copy.png")
	if err != nil || again != m {
		t.Errorf("Add of the same bytes = %+v, %v; want %+v", again, err, m)
	}
	entries, _ := os.ReadDir(lib.Folder())
	if len(entries) != 1 {
		t.Errorf("media folder holds %d entries, want 1 (no temporary files left)", len(entries))
	}

	// A file gone from the folder is put back by adding it again.
	os.Remove(filepath.Join(lib.Folder(), m.Name))
	if lib.Exists(m.Name) {
		t.Fatal("Exists after removal")
	}
	if _, _, err := lib.Open(ctx, m.Name); !errors.Is(err, ErrMissing) {
		t.Errorf("Open of a missing file = %v, want ErrMissing", err)
	}
	if _, err := lib.Add(ctx, data, ""); err != nil || !lib.Exists(m.Name) {
		t.Errorf("re-adding did not restore the file: %v", err)
	}
	f, got, err := lib.Open(ctx, m.Name)
	if err != nil || got != m {
		t.Fatalf("Open = %+v, %v", got, err)
	}
	f.Close()
}

func TestAddRefuses(t *testing.T) {
	_, lib := mustOpen(t)
	lib.MaxBytes = 1000
	ctx := context.Background()
	for _, tt := range []struct {
		name    string
		data    []byte
		orig    string
		wantErr error
		inMsg   string
	}{
		{"ErrTooLarge", JPEG(t, 200, 200), "big.png", ErrTooLarge, "big.png is "},
		{"ErrNotImage", []byte("#!/bin/sh\nrm -rf ~\n"), "cat.png", ErrNotImage, "cat.png was not added: it is text"},
		{"ErrNotImagePaste", []byte("%PDF-1.4"), "", ErrNotImage, "the image was not added"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := lib.Add(ctx, tt.data, tt.orig)
			if !errors.Is(err, tt.wantErr) || !strings.Contains(err.Error(), tt.inMsg) {
				t.Errorf("Add = %v, want %v saying %q", err, tt.wantErr, tt.inMsg)
			}
		})
	}
	if list, _ := lib.List(ctx); len(list) != 0 {
		t.Errorf("refused files were recorded: %+v", list)
	}
	if entries, _ := os.ReadDir(lib.Folder()); len(entries) != 0 {
		t.Errorf("refused files were written: %v", entries)
	}

	// AddFile checks the size before reading.
	path := filepath.Join(t.TempDir(), "huge.jpg")
	if err := os.WriteFile(path, make([]byte, 5000), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := lib.AddFile(ctx, path); !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "huge.jpg is 4.9 KB; images can be at most 1000 B") {
		t.Errorf("AddFile = %v", err)
	}
	if _, err := lib.AddFile(ctx, t.TempDir()); !errors.Is(err, post.ErrInvalid) {
		t.Errorf("AddFile of a folder = %v", err)
	}
}

func TestAddFileAndList(t *testing.T) {
	st, lib := mustOpen(t)
	ctx := context.Background()
	dir := t.TempDir()
	photo := filepath.Join(dir, "photo.JPG")
	os.WriteFile(photo, JPEG(t, 100, 50), 0o644)
	logo := filepath.Join(dir, "logo.svg")
	os.WriteFile(logo, []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>`), 0o644)
	p, err := lib.AddFile(ctx, photo)
	if err != nil {
		t.Fatal(err)
	}
	l, err := lib.AddFile(ctx, logo)
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Ext(p.Name) != ".jpg" || p.Original != "photo.JPG" || filepath.Ext(l.Name) != ".svg" {
		t.Errorf("names %s (%s), %s", p.Name, p.Original, l.Name)
	}
	if err := st.CreatePost(ctx, &post.Post{Title: "Holiday", Body: "![me](media/" + p.Name + ")\n"}); err != nil {
		t.Fatal(err)
	}
	list, err := lib.List(ctx)
	if err != nil {
		t.Fatal(err)
	}
	uses := map[string]int{}
	for _, it := range list {
		uses[it.Name] = len(it.Uses)
		if it.Missing {
			t.Errorf("%s listed as missing", it.Name)
		}
	}
	if !reflect.DeepEqual(uses, map[string]int{p.Name: 1, l.Name: 0}) {
		t.Errorf("uses = %v", uses)
	}

	// Delete: refused while in use, then the unused one goes, file and all.
	if err := lib.Delete(ctx, p.Name); !errors.Is(err, store.ErrMediaInUse) || !strings.Contains(err.Error(), `"Holiday"`) {
		t.Errorf("Delete of a used file = %v", err)
	}
	if !lib.Exists(p.Name) {
		t.Error("a refused delete removed the file")
	}
	if err := lib.Delete(ctx, l.Name); err != nil {
		t.Fatal(err)
	}
	if lib.Exists(l.Name) {
		t.Error("the deleted file is still there")
	}
	if err := lib.Delete(ctx, "../quire.db"); !errors.Is(err, post.ErrNotFound) {
		t.Errorf("Delete of a path = %v", err)
	}
	if _, err := os.Stat(st.Path()); err != nil {
		t.Errorf("the database is gone: %v", err)
	}
}

func TestResize(t *testing.T) {
	_, lib := mustOpen(t)
	ctx := context.Background()
	for _, tt := range []struct {
		name  string
		data  []byte
		wants []int
	}{
		{"WidePNG", PNG(t, 1500, 600), []int{640, 1280}},
		{"MediumJPEG", JPEG(t, 800, 400), []int{640}},
		{"SmallPNG", PNG(t, 640, 100), nil},
		{"GIFNotResized", GIF(t, 2000, 10), nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			m, err := lib.Add(ctx, tt.data, "")
			if err != nil {
				t.Fatal(err)
			}
			if got := Variants(m); !reflect.DeepEqual(got, tt.wants) {
				t.Fatalf("Variants = %v, want %v", got, tt.wants)
			}
			for _, w := range tt.wants {
				b, err := lib.Resize(m.Name, w)
				if err != nil {
					t.Fatal(err)
				}
				info, err := Sniff(b)
				if err != nil {
					t.Fatal(err)
				}
				wantH := (m.Height*w + m.Width/2) / m.Width
				if info.MIME != m.MIME || info.Width != w || info.Height < wantH-1 || info.Height > wantH+1 {
					t.Errorf("%dw variant: %+v, want %s %d × %d", w, info, m.MIME, w, wantH)
				}
			}
		})
	}
	if got := VariantName("0123456789abcdef.jpg", 640); got != "0123456789abcdef-640w.jpg" {
		t.Errorf("VariantName = %q", got)
	}
}

// withOrientation puts an EXIF block saying orientation o into a JPEG.
func withOrientation(jpg []byte, o uint16) []byte {
	tiff := []byte("II\x2a\x00\x08\x00\x00\x00\x01\x00")
	entry := make([]byte, 12)
	binary.LittleEndian.PutUint16(entry[0:], 0x0112)
	binary.LittleEndian.PutUint16(entry[2:], 3)
	binary.LittleEndian.PutUint32(entry[4:], 1)
	binary.LittleEndian.PutUint16(entry[8:], o)
	payload := append(append(append([]byte("Exif\x00\x00"), tiff...), entry...), 0, 0, 0, 0)
	seg := []byte{0xff, 0xe1, 0, 0}
	binary.BigEndian.PutUint16(seg[2:], uint16(len(payload)+2))
	out := append([]byte{}, jpg[:2]...)
	out = append(append(out, seg...), payload...)
	return append(out, jpg[2:]...)
}

func TestOrientedPhoto(t *testing.T) {
	_, lib := mustOpen(t)
	// A phone's portrait photo: stored 1400 × 700, to be shown turned (6).
	data := withOrientation(JPEG(t, 1400, 700), 6)
	m, err := lib.Add(context.Background(), data, "portrait.jpg")
	if err != nil {
		t.Fatal(err)
	}
	if m.Width != 700 || m.Height != 1400 {
		t.Errorf("size %d × %d, want 700 × 1400 as browsers show it", m.Width, m.Height)
	}
	if got := Variants(m); !reflect.DeepEqual(got, []int{640}) {
		t.Fatalf("Variants = %v", got)
	}
	b, err := lib.Resize(m.Name, 640)
	if err != nil {
		t.Fatal(err)
	}
	info, err := Sniff(b)
	if err != nil || info.Width != 640 || info.Height != 1280 {
		t.Errorf("640 px copy = %+v, %v; want it upright, 640 × 1280", info, err)
	}
	for o, want := range map[uint16]int{1: 1, 3: 3, 8: 8, 9: 0} {
		if got := jpegOrientation(withOrientation(JPEG(t, 8, 8), o)); got != want {
			t.Errorf("orientation %d read as %d", o, got)
		}
	}
	if got := jpegOrientation(JPEG(t, 8, 8)); got != 0 {
		t.Errorf("no EXIF read as %d", got)
	}
}
