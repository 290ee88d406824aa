package importer

import (
	"context"
	"fmt"
	"path/filepath"

	"quire/backend/render"
	"quire/backend/render/shortcode"
	"quire/backend/store"
)

// readIncludes reads a Jekyll site's _includes/ folder: the files its posts'
// {% include %} tags name.
func readIncludes(root string) (shortcode.Includes, []string) {
	in, warns := smallFiles(filepath.Join(root, "_includes"), "_includes", func(string) bool { return true },
		bounds{file: shortcode.MaxIncludeSize, count: shortcode.MaxIncludes, total: shortcode.MaxIncludeTotal})
	if in == nil {
		return nil, warns
	}
	return shortcode.Includes(in), warns
}

// storeIncludes adds the site's includes to those kept from earlier
// imports; a file of the same name is replaced by this site's.
func (s *Site) storeIncludes(ctx context.Context, st *store.Store) {
	if len(s.includes) == 0 {
		return
	}
	all := shortcode.Includes{}
	if old, ok, err := st.GetSetting(ctx, shortcode.IncludesSetting); err != nil {
		s.Warnings = append(s.Warnings, err.Error())
		return
	} else if ok {
		if all, err = shortcode.DecodeIncludes(old); err != nil {
			all = shortcode.Includes{} // unreadable: this site's replace it
		}
	}
	for k, v := range s.includes {
		all[k] = v
	}
	v, err := all.Encode()
	if err == nil {
		err = st.SetSetting(ctx, shortcode.IncludesSetting, v)
	}
	if err != nil {
		s.Warnings = append(s.Warnings, fmt.Sprintf("the _includes files were not kept: %v", err))
	}
}

// checkerFor is the renderer that checks a site's posts: with its
// includes and shortcode templates, so that one that will render is not a
// warning.
func checkerFor(in shortcode.Includes, tpl shortcode.Sources) *render.Renderer {
	if in == nil && tpl == nil {
		return nil
	}
	c := shortcode.Config{}
	if in != nil {
		c.Include = in.Lookup
	}
	if tpl != nil {
		c.Template = tpl.Compile().Lookup
	}
	return render.New(render.Settings{NoHighlight: true, Once: true, Shortcodes: c})
}

// readSnippets reads the files a site's posts' tags use: a Jekyll site's
// _includes, a Hugo site's shortcode templates.
func (s *Site) readSnippets() {
	var warns []string
	switch s.Kind {
	case KindJekyll:
		s.includes, warns = readIncludes(s.Root)
	case KindHugo:
		s.templates, warns = readTemplates(s.Root, s.themes)
	}
	s.Warnings = append(s.Warnings, warns...)
}

// storeSnippets keeps what readSnippets read, for the preview and the export.
func (s *Site) storeSnippets(ctx context.Context, st *store.Store) {
	s.storeIncludes(ctx, st)
	s.storeTemplates(ctx, st)
}
