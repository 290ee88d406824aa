package mdout

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"

	"quire/backend/media"
	"quire/backend/post"
	"quire/backend/store"
)

// mediaFolder is where each layout keeps the images, and the site path
// they are served at: Jekyll publishes assets/ as it is, Hugo static/ at
// the site's root. Importing the folder again brings them back into the
// library under the same names (they are named by content).
var mediaFolder = map[string][2]string{
	LayoutJekyll: {"assets/media", "/assets/media/"},
	LayoutHugo:   {"static/media", "/media/"},
}

// mediaLink finds media/NAME where it is a link of its own (not the end of
// a longer path).
var mediaLink = regexp.MustCompile(`(^|[^\w./-])media/([0-9a-f]{16,64}\.(?:png|jpg|gif|webp|svg))\b`)

// withMedia copies the media files p shows into dir (once per export, by
// copied) and returns p with its links pointing at them. A file missing
// from the library keeps its link and is an error for the post.
func withMedia(lib *media.Library, p *post.Post, dir, layout string, copied map[string]bool) (*post.Post, error) {
	names := store.MediaRefs(p.Body)
	if len(names) == 0 {
		return p, nil
	}
	folder := mediaFolder[layout]
	for _, name := range names {
		if copied[name] {
			continue
		}
		src, err := lib.Path(name)
		if err != nil {
			return p, err
		}
		data, err := os.ReadFile(src)
		if err != nil {
			return p, fmt.Errorf("image media/%s: %w", name, err)
		}
		dst := filepath.Join(dir, filepath.FromSlash(folder[0]), name)
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return p, err
		}
		if _, err := WriteFileIfChanged(dst, data, 0o644); err != nil {
			return p, err
		}
		copied[name] = true
	}
	c := p.Clone()
	c.Body = mediaLink.ReplaceAllString(c.Body, "${1}"+folder[1]+"${2}")
	return c, nil
}
