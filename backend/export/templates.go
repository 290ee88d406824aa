package export

import (
	"context"
	"fmt"
	"io"
	"sort"

	"quire/backend/render/shortcode"
	"quire/backend/store"
)

// storedTemplates reads the Hugo shortcode templates the import kept, and
// writes them into the pages' key h: a changed template renders the posts
// again. An unreadable value is as if none were kept: each use of one is
// then a warning.
func storedTemplates(ctx context.Context, st *store.Store, h io.Writer) (shortcode.Templates, error) {
	v, ok, err := st.GetSetting(ctx, shortcode.TemplatesSetting)
	if err != nil || !ok {
		return nil, err
	}
	src, err := shortcode.DecodeSources(v)
	if err != nil {
		return nil, nil
	}
	names := make([]string, 0, len(src))
	for k := range src {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		fmt.Fprintf(h, "tpl\x00%s\x00%s\x00", k, src[k].Text)
	}
	return src.Compile(), nil
}

// withTemplates is c with the site's shortcode templates, if any.
func withTemplates(c shortcode.Config, t shortcode.Templates) shortcode.Config {
	if t != nil {
		c.Template = t.Lookup
	}
	return c
}
