package media

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"image"
	_ "image/gif" // image.DecodeConfig knows GIF, JPEG and PNG
	_ "image/jpeg"
	_ "image/png"
	"io"
	"math"
	"net/http"
	"strconv"
	"strings"

	_ "golang.org/x/image/webp" // and WebP

	"quire/backend/post"
)

// Info is what the content of a file says it is.
type Info struct {
	MIME   string // image/png, image/jpeg, image/gif, image/webp or image/svg+xml
	Ext    string // ".png", ".jpg", ".gif", ".webp", ".svg"
	Width  int    // pixels; 0 for an SVG that gives no size
	Height int
}

// ErrNotImage: the bytes are not an image Quire takes (checked by content,
// whatever the file is called). It wraps post.ErrInvalid.
var ErrNotImage = fmt.Errorf("not an image Quire can use (PNG, JPEG, GIF, WebP or SVG): %w", post.ErrInvalid)

// MaxPixels bounds the pixels of a raster image (a 20,000 × 5,000 panorama
// is fine; a "decompression bomb" that claims a million pixels square is not).
const MaxPixels = 100_000_000

var rasterExt = map[string]string{
	"image/png":  ".png",
	"image/jpeg": ".jpg",
	"image/gif":  ".gif",
	"image/webp": ".webp",
}

// Sniff reads what data is from its content alone: a PNG, JPEG, GIF or WebP
// image whose header decodes (for the size), or an SVG document (XML whose
// root is <svg>). Anything else is ErrNotImage with what it looks like.
func Sniff(data []byte) (Info, error) {
	if len(data) == 0 {
		return Info{}, fmt.Errorf("the file is empty: %w", ErrNotImage)
	}
	ct := http.DetectContentType(data)
	kind, _, _ := strings.Cut(ct, ";")
	if ext, ok := rasterExt[kind]; ok {
		cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
		if err != nil {
			return Info{}, fmt.Errorf("a damaged %s image (%v): %w", strings.ToUpper(ext[1:]), err, ErrNotImage)
		}
		if "image/"+format != kind && !(format == "jpeg" && kind == "image/jpeg") {
			return Info{}, fmt.Errorf("a damaged image (looks like %s, decodes as %s): %w", kind, format, ErrNotImage)
		}
		if cfg.Width <= 0 || cfg.Height <= 0 {
			return Info{}, fmt.Errorf("an image with no pixels (%d × %d): %w", cfg.Width, cfg.Height, ErrNotImage)
		}
		if int64(cfg.Width)*int64(cfg.Height) > MaxPixels {
			return Info{}, fmt.Errorf("an image of %d × %d pixels, more than the %d million Quire takes: %w", cfg.Width, cfg.Height, MaxPixels/1_000_000, post.ErrInvalid)
		}
		if kind == "image/jpeg" && !jpegComplete(data) {
			return Info{}, fmt.Errorf("a damaged JPEG image (it ends before its end marker: cut short?): %w", ErrNotImage)
		}
		if kind == "image/jpeg" && jpegOrientation(data) >= 5 {
			// Stored turned a quarter: shown the other way round.
			cfg.Width, cfg.Height = cfg.Height, cfg.Width
		}
		return Info{MIME: kind, Ext: ext, Width: cfg.Width, Height: cfg.Height}, nil
	}
	if kind == "text/xml" || kind == "text/plain" {
		if w, h, ok := sniffSVG(data); ok {
			return Info{MIME: "image/svg+xml", Ext: ".svg", Width: w, Height: h}, nil
		}
	}
	what := kind
	switch {
	case kind == "image/bmp" || kind == "image/x-icon":
		what = "a " + map[string]string{"image/bmp": "BMP", "image/x-icon": "Windows icon"}[kind] + " image, which web pages do not use"
	case kind == "text/html":
		what = "an HTML document"
	case strings.HasPrefix(kind, "text/"):
		what = "text"
	case kind == "application/pdf":
		what = "a PDF document"
	case strings.HasPrefix(kind, "video/") || strings.HasPrefix(kind, "audio/"):
		what = "a " + strings.Split(kind, "/")[0] + " file"
	case kind == "application/octet-stream":
		what = "data of an unknown kind"
	}
	return Info{}, fmt.Errorf("it is %s: %w", what, ErrNotImage)
}

// sniffSVG reports whether data is a well-formed XML document whose root
// element is <svg>, and its size in pixels when the root gives one.
func sniffSVG(data []byte) (w, h int, ok bool) {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	var root *xml.StartElement
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return 0, 0, false
		}
		if se, isStart := tok.(xml.StartElement); isStart && root == nil {
			if se.Name.Local != "svg" || (se.Name.Space != "" && se.Name.Space != "http://www.w3.org/2000/svg") {
				return 0, 0, false
			}
			c := se.Copy()
			root = &c
		}
		if cd, isText := tok.(xml.CharData); isText && root == nil && len(bytes.TrimSpace(cd)) > 0 {
			return 0, 0, false // text before the root element
		}
	}
	if root == nil {
		return 0, 0, false
	}
	var vbW, vbH float64
	for _, a := range root.Attr {
		switch a.Name.Local {
		case "width":
			w = svgLength(a.Value)
		case "height":
			h = svgLength(a.Value)
		case "viewBox":
			f := strings.FieldsFunc(a.Value, func(r rune) bool { return r == ' ' || r == ',' || r == '\t' || r == '\n' })
			if len(f) == 4 {
				vbW, _ = strconv.ParseFloat(f[2], 64)
				vbH, _ = strconv.ParseFloat(f[3], 64)
			}
		}
	}
	switch {
	case w > 0 && h > 0:
	case vbW > 0 && vbH > 0 && w > 0:
		h = int(math.Round(float64(w) * vbH / vbW))
	case vbW > 0 && vbH > 0 && h > 0:
		w = int(math.Round(float64(h) * vbW / vbH))
	case vbW > 0 && vbH > 0:
		w, h = int(math.Round(vbW)), int(math.Round(vbH))
	default:
		w, h = 0, 0
	}
	if w <= 0 || h <= 0 || w > 100_000 || h > 100_000 {
		w, h = 0, 0
	}
	return w, h, true
}

// svgLength reads an SVG width or height in pixels ("120", "120px", "1.5e2");
// other units and percentages are 0 (unknown).
func svgLength(s string) int {
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "px"))
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f <= 0 || math.IsInf(f, 0) || math.IsNaN(f) {
		return 0
	}
	return int(math.Round(f))
}
