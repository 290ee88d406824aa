package app

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"
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
	r      *render.Renderer
	media  *Media        // sizes and URLs of media images; nil: left as written
	st     *store.Store  // the _includes files kept at import; nil: none
	budget time.Duration // a render slower than this is reported (slowNotice)

	incMu  sync.Mutex
	incRaw string // the setting last decoded, and what it decoded to
	inc    shortcode.Includes
	tpl    templateCache // the Hugo shortcode templates kept at import
}

// NewPreview builds the preview renderer (preview mode: embeds become cards,
// author script is removed; the frame's sandbox is the main guard).
func NewPreview() *Preview {
	p := &Preview{budget: previewBudget}
	p.r = render.New(render.Settings{Preview: true, Typographer: true, SourceLines: true,
		Shortcodes: shortcode.Config{Include: p.include, Template: p.template}})
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
	Title string `json:"title"`
	HTML  string `json:"html"`
	// Meta is what the post page shows under the title (date, reading
	// time, categories and tags), rendered by the theme's own template.
	Meta           string `json:"meta"`
	Words          int    `json:"words"`
	ReadingMinutes int    `json:"readingMinutes"`
	// Problems are what the author should fix before publishing (an
	// unknown shortcode, an unclosed highlight), with their lines.
	Problems []post.Warning `json:"problems"`
}

// previewBudget is how long a render may take before the preview says so. A
// render cannot be stopped half-way (goldmark has no cancel), so a slow post
// is not cut off: the window renders the newest text once the previous
// render is done, skipping what was typed in between, and the writer is told
// why the preview trails the typing.
const previewBudget = 500 * time.Millisecond

// slowNotice is the problem shown for a post that took longer than the budget.
func slowNotice(took time.Duration) post.Warning {
	return post.Warning{Message: fmt.Sprintf("this post takes %s to render, more than the preview's %s: the preview trails the typing", took.Round(10*time.Millisecond), previewBudget)}
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
	start := time.Now()
	p.tpl.load(p.st, text)
	res, err := p.r.Render([]byte(text))
	if err != nil {
		return PreviewResult{}, fmt.Errorf("preview: %w", err)
	}
	if p.media != nil {
		res.HTML = mediaimg.Rewrite(res.HTML, p.media.image)
	}
	problems := res.Warnings
	if took := time.Since(start); took > p.budget {
		problems = append(problems, slowNotice(took))
	}
	meta, err := postMeta(res)
	if err != nil {
		return PreviewResult{}, fmt.Errorf("preview: %w", err)
	}
	return PreviewResult{Title: res.Title, HTML: res.HTML, Meta: meta, Words: res.Words, ReadingMinutes: res.ReadingMinutes, Problems: problems}, nil
}

// postMeta renders the part of the post page under its title, as the
// export fills it (backend/export), but for the links to term pages, which
// exist only in an exported site.
func postMeta(res *render.Result) (string, error) {
	page := theme.PostPage{Title: res.Title, ReadingMinutes: res.ReadingMinutes}
	if fm := res.FrontMatter; fm != nil {
		page.Date, page.Categories, page.Tags = fm.Date, fm.Categories, fm.Tags
	}
	var b strings.Builder
	if err := theme.Default().RenderPostMeta(&b, page); err != nil {
		return "", err
	}
	return b.String(), nil
}

// ThemeCSS is the export theme's CSS with the highlight styles, so the
// preview looks like the published page.
func (p *Preview) ThemeCSS() string {
	return theme.CSS() + "\n" + render.HighlightCSS()
}
