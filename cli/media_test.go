package cli

import (
	"bytes"
	"image"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestMediaCommands(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "db", "quire.db")
	os.MkdirAll(filepath.Dir(db), 0o755)
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, 7, 5))); err != nil {
		t.Fatal(err)
	}
	pic := filepath.Join(dir, "pic.png")
	put(t, pic, b.String())
	notes := filepath.Join(dir, "notes.png")
	put(t, notes, "just text")

	code, out, errOut := quire(t, db, "media", "add", pic, notes)
	if code != 1 || !strings.Contains(errOut, "notes.png was not added: it is text") {
		t.Errorf("add with a bad file: %d\n%s\n%s", code, out, errOut)
	}
	link := regexp.MustCompile(`^!\[\]\((media/([0-9a-f]{16}\.png))\)\t7x5\t`).FindStringSubmatch(out)
	if link == nil {
		t.Fatalf("add printed %q", out)
	}
	// The media folder is beside the database given with --db.
	if _, err := os.Stat(filepath.Join(dir, "db", "media", link[2])); err != nil {
		t.Errorf("media file not beside the database: %v", err)
	}
	put(t, filepath.Join(dir, "post.md"), "---\ntitle: With a picture\nslug: with-pic\n---\n![p]("+link[1]+")\n")
	if code, out, errOut := quire(t, db, "import", filepath.Join(dir, "post.md")); code != 0 {
		t.Fatalf("import: %s %s", out, errOut)
	}
	code, out, _ = quire(t, db, "media", "list")
	if code != 0 || !strings.Contains(out, link[1]) || !strings.Contains(out, "used by with-pic") || !strings.Contains(out, "pic.png") {
		t.Errorf("list: %d\n%s", code, out)
	}
	code, _, errOut = quire(t, db, "media", "rm", link[1])
	if code != 1 || !strings.Contains(errOut, `used by a post ("With a picture")`) {
		t.Errorf("rm of a used image: %d %s", code, errOut)
	}
	if code, _, errOut := quire(t, db, "media", "frob"); code != 2 || !strings.Contains(errOut, "unknown media command") {
		t.Errorf("unknown verb: %d %s", code, errOut)
	}
	code, out, _ = quire(t, db, "media", "list", "--json")
	if code != 0 || !strings.Contains(out, `"uses": [`) {
		t.Errorf("list --json: %s", out)
	}
}

// TestMediaAddRefusesTruncatedJPEG: a JPEG cut short is refused when it is
// added, not only warned about at export.
func TestMediaAddRefusesTruncatedJPEG(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "quire.db")
	img := image.NewRGBA(image.Rect(0, 0, 64, 48))
	for i := range img.Pix {
		img.Pix[i] = byte(i * 7)
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, nil); err != nil {
		t.Fatal(err)
	}
	cut := filepath.Join(dir, "cut.jpg")
	put(t, cut, b.String()[:b.Len()/2])
	code, out, errOut := quire(t, db, "media", "add", cut)
	if code != 1 || !strings.Contains(errOut, "cut.jpg was not added: a damaged JPEG") {
		t.Errorf("add of a truncated JPEG: %d\n%s\n%s", code, out, errOut)
	}
}
