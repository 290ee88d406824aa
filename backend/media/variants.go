package media

import (
	"bytes"
	"fmt"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/disintegration/imaging"

	"quire/backend/store"
)

// VariantWidths are the widths, in pixels, of the smaller copies the export
// makes of a wide picture, for srcset: a phone loads the 640 one, a laptop
// the 1280 one, and only a wide screen the original.
var VariantWidths = []int{640, 1280}

// Variants lists the widths of the copies made of m: the VariantWidths
// narrower than it. Only PNG and JPEG are resized: an SVG scales by
// itself, resizing would stop an animated GIF, and there is no WebP
// encoder in Go.
func Variants(m store.Media) []int {
	if m.MIME != "image/png" && m.MIME != "image/jpeg" {
		return nil
	}
	var out []int
	for _, w := range VariantWidths {
		if w < m.Width {
			out = append(out, w)
		}
	}
	return out
}

// VariantName is the file name of the copy of name that is w pixels wide:
// "3f2a9c0b1d4e5f60-640w.jpg".
func VariantName(name string, w int) string {
	ext := filepath.Ext(name)
	return strings.TrimSuffix(name, ext) + "-" + strconv.Itoa(w) + "w" + ext
}

// Resize returns the file named name scaled to w pixels wide (the height
// follows), in its own format: JPEG at quality 85, PNG at the default
// compression. Lanczos filtering keeps edges and text sharp.
func (l *Library) Resize(name string, w int) ([]byte, error) {
	out, err := l.ResizeAll(name, []int{w})
	if err != nil {
		return nil, err
	}
	return out[0], nil
}

// ResizeBytes scales a PNG or JPEG image to w pixels wide.
func ResizeBytes(data []byte, w int) ([]byte, error) {
	out, err := resizeAll(data, []int{w}, MaxDecodeBytes)
	if err != nil {
		return nil, err
	}
	return out[0], nil
}

// ResizeAll returns the file named name scaled to each of widths, decoding
// it once.
func (l *Library) ResizeAll(name string, widths []int) ([][]byte, error) {
	path, err := l.Path(name)
	if err != nil {
		return nil, err
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("resize media %s: %w", name, err)
	}
	return resizeAll(data, widths, l.maxDecode())
}

func (l *Library) maxDecode() int64 {
	if l.MaxDecode > 0 {
		return l.MaxDecode
	}
	return MaxDecodeBytes
}

func resizeAll(data []byte, widths []int, limit int64) ([][]byte, error) {
	info, err := Sniff(data)
	if err != nil {
		return nil, err
	}
	if info.MIME != "image/png" && info.MIME != "image/jpeg" {
		return nil, fmt.Errorf("resize: %s images are not resized", info.MIME)
	}
	release, err := checkDecode(data, widths, limit)
	if err != nil {
		return nil, err
	}
	defer release()
	// Turned upright as browsers show the original (the copy has no EXIF).
	img, err := imaging.Decode(bytes.NewReader(data), imaging.AutoOrientation(true))
	if err != nil {
		return nil, fmt.Errorf("resize: %w", err)
	}
	outs := make([][]byte, len(widths))
	for i, w := range widths {
		small := imaging.Resize(img, w, 0, imaging.Lanczos)
		var out bytes.Buffer
		if info.MIME == "image/jpeg" {
			err = jpeg.Encode(&out, small, &jpeg.Options{Quality: 85})
		} else {
			err = png.Encode(&out, small)
		}
		if err != nil {
			return nil, fmt.Errorf("resize: %w", err)
		}
		outs[i] = out.Bytes()
	}
	return outs, nil
}
