package app

import (
	"context"
	"fmt"
	"sync"
	"unicode/utf8"

	"quire/backend/post"
	"quire/backend/render"
	"quire/backend/render/mediaimg"
	"quire/backend/render/shortcode"
	"quire/backend/store"
	"quire/backend/theme"
)

// Preview renders the editor's text for the preview pane.
type Preview struct {
	r     *render.Renderer
	media *Media       // sizes and URLs of media images; nil: left as written
	st    *store.Store // the _includes files kept at import; nil: none

	incMu  sync.Mutex
	incRaw string // the setting last decoded, and what it decoded to
	inc    shortcode.Includes
}

// NewPreview builds the preview renderer (preview mode: embeds become cards,
// author script is removed; the frame's sandbox is the main guard).
func NewPreview() *Preview {
	p := &Preview{}
	p.r = render.New(render.Settings{Preview: true, Typographer: true, SourceLines: true,
		Shortcodes: shortcode.Config{Include: p.include}})
	return p
}

// include reads a Jekyll include from the files the export uses: those kept
// at import, read again when an import has changed them.
func (p *Preview) include(name string) ([]byte, bool) {
	if p.st == nil {
		return nil, false
	}
	v, ok, err := p.st.GetSetting(context.Background(), shortcode.IncludesSetting)
	if err != nil || !ok {
		return nil, false
	}
	p.incMu.Lock()
	defer p.incMu.Unlock()
	if v != p.incRaw || p.inc == nil {
		in, err := shortcode.DecodeIncludes(v)
		if err != nil {
			return nil, false
		}
		p.incRaw, p.inc = v, in
	}
	return p.inc.Lookup(name)
}

// PreviewResult is what the preview pane and the status bar show.
type PreviewResult struct {
	Title          string `json:"title"`
	HTML           string `json:"html"`
	Words          int    `json:"words"`
	ReadingMinutes int    `json:"readingMinutes"`
	// Problems are what the author should fix before publishing (an
	// unknown shortcode, an unclosed highlight), with their lines.
	Problems []post.Warning `json:"problems"`
}

// maxPreviewBytes bounds what one keystroke can make the backend render.
const maxPreviewBytes = 20 << 20

// Render renders a whole post (front matter included) for the preview.
func (p *Preview) Render(text string) (PreviewResult, error) {
	if len(text) > maxPreviewBytes {
		return PreviewResult{}, fmt.Errorf("preview: post is %d MB, more than the %d MB the preview renders", len(text)>>20, maxPreviewBytes>>20)
	}
	if !utf8.ValidString(text) {
		return PreviewResult{}, fmt.Errorf("preview: the text is not valid UTF-8")
	}
	res, err := p.r.Render([]byte(text))
	if err != nil {
		return PreviewResult{}, fmt.Errorf("preview: %w", err)
	}
	if p.media != nil {
		res.HTML = mediaimg.Rewrite(res.HTML, p.media.image)
	}
	return PreviewResult{Title: res.Title, HTML: res.HTML, Words: res.Words, ReadingMinutes: res.ReadingMinutes, Problems: res.Warnings}, nil
}

// ThemeCSS is the export theme's CSS with the highlight styles, so the
// preview looks like the published page.
func (p *Preview) ThemeCSS() string {
	return theme.CSS() + "\n" + render.HighlightCSS()
}
