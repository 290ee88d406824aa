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
// writes them into the pages' key h. An unreadable value is as if none were kept: each use of one is
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

// snippets are the files an import kept for the posts' tags: a Jekyll
// site's _includes, a Hugo site's shortcode templates.
type snippets struct {
	includes  includeSet
	templates shortcode.Templates
}

// storedSnippets reads the kept files and writes them into the pages' key
// h: a changed include or template renders the posts again.
func storedSnippets(ctx context.Context, st *store.Store, h io.Writer) (snippets, error) {
	in, err := storedIncludes(ctx, st)
	if err != nil {
		return snippets{}, err
	}
	for _, k := range in.names() {
		fmt.Fprintf(h, "%s\x00%s\x00", k, in[k])
	}
	tpl, err := storedTemplates(ctx, st, h)
	return snippets{includes: in, templates: tpl}, err
}

// config is c with the site's shortcode templates, if any.
func (k snippets) config(c shortcode.Config) shortcode.Config {
	if k.templates != nil {
		c.Template = k.templates.Lookup
	}
	return c
}
