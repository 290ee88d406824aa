package app

import (
	"context"
	"sync"

	"quire/backend/render/shortcode"
)

// templateCache is the Hugo shortcode templates kept at import, compiled
// once for each value of the setting.
type templateCache struct {
	mu  sync.Mutex
	raw string
	t   shortcode.Templates
}

// template finds a site's shortcode template as the export does: from the
// setting the import wrote, compiled again when an import has changed it.
func (p *Preview) template(name string) (*shortcode.Template, bool) {
	if p.st == nil {
		return nil, false
	}
	v, ok, err := p.st.GetSetting(context.Background(), shortcode.TemplatesSetting)
	if err != nil || !ok {
		return nil, false
	}
	c := &p.tpl
	c.mu.Lock()
	defer c.mu.Unlock()
	if v != c.raw || c.t == nil {
		src, err := shortcode.DecodeSources(v)
		if err != nil {
			return nil, false
		}
		c.raw, c.t = v, src.Compile()
	}
	return c.t.Lookup(name)
}
