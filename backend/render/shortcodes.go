package render

import (
	"fmt"
	"time"

	"github.com/yuin/goldmark/parser"

	"quire/backend/post"
	"quire/backend/render/shortcode"
)

// setPage hands the post's front matter to the shortcode extension.
func setPage(pc parser.Context, p *post.Post) {
	if p == nil {
		return
	}
	shortcode.SetPage(pc, shortcode.Page{Title: p.Title, Param: func(key string) (string, bool) {
		switch key {
		case "title":
			return p.Title, p.Title != ""
		case "slug":
			return p.Slug, p.Slug != ""
		case "summary", "description":
			if p.Summary != "" {
				return p.Summary, true
			}
		case "date":
			if !p.Date.IsZero() {
				return p.Date.Format(time.RFC3339), true
			}
		}
		v, ok := p.Extra.Get(key)
		if !ok || v == nil {
			return "", false
		}
		switch v := v.(type) {
		case string:
			return v, true
		case time.Time:
			return v.Format(time.RFC3339), true
		case post.Map, []any:
			return "", false // a mapping or a list is not text
		}
		return fmt.Sprint(v), true
	}})
}
