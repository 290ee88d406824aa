package app

import (
	"context"
	"strings"
	"sync"

	"quire/backend/render/shortcode"
	"quire/backend/store"
)

// templateCache is the Hugo shortcode templates kept at import, compiled
// once for each value of the setting. The setting is read once a render
// (load), not at each shortcode: it can hold a whole site's templates.
type templateCache struct {
	mu  sync.Mutex
	raw string
	t   shortcode.Templates
}

// load reads the setting the import wrote, when text may use a shortcode,
// and compiles it again when an import has changed it.
func (c *templateCache) load(st *store.Store, text string) {
	if st == nil || (!strings.Contains(text, "{{<") && !strings.Contains(text, "{{%")) {
		return
	}
	v, ok, err := st.GetSetting(context.Background(), shortcode.TemplatesSetting)
	c.mu.Lock()
	defer c.mu.Unlock()
	switch {
	case err != nil || !ok:
		c.raw, c.t = "", nil
	case v != c.raw || c.t == nil:
		src, err := shortcode.DecodeSources(v)
		if err != nil {
			c.raw, c.t = "", nil
			return
		}
		c.raw, c.t = v, src.Compile()
	}
}

// template finds a site's shortcode template among those load read: the
// ones the export uses.
func (p *Preview) template(name string) (*shortcode.Template, bool) {
	c := &p.tpl
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t.Lookup(name)
}
