package importer

import (
	"context"
	"fmt"
	"path"
	"path/filepath"
	"strings"

	"quire/backend/render/shortcode"
	"quire/backend/store"
)

// readTemplates reads a Hugo site's own shortcodes: layouts/shortcodes, and
// those of the themes its config names, as Hugo looks them up: the site's
// file wins, then the first theme's. Only NAME.html files count; variants
// for other output formats or languages (NAME.amp.html, NAME.en.html) are
// not what the site publishes by default.
func readTemplates(root string, themes []string) (shortcode.Sources, []string) {
	dirs := []string{"layouts/shortcodes"}
	for _, th := range themes {
		if th != "" && !strings.ContainsAny(th, `/\`) && th != "." && th != ".." {
			dirs = append(dirs, "themes/"+th+"/layouts/shortcodes")
		}
	}
	out := shortcode.Sources{}
	var warns []string
	total := 0
	for _, dir := range dirs {
		files, ws := smallFiles(filepath.Join(root, filepath.FromSlash(dir)), dir, isTemplateName,
			bounds{file: shortcode.MaxTemplateSize, count: shortcode.MaxTemplates, total: shortcode.MaxTemplateTotal - total})
		warns = append(warns, ws...)
		for file, text := range files {
			name := strings.TrimSuffix(file, ".html")
			if _, ok := out[name]; ok || len(out) >= shortcode.MaxTemplates {
				continue // the site's own, or an earlier theme's, wins
			}
			if shortcode.Builtin(name) {
				warns = append(warns, fmt.Sprintf("%s/%s: Quire renders Hugo's built-in %s shortcode itself; this template is not used", dir, file, name))
				continue
			}
			out[name] = shortcode.Source{File: path.Join(dir, file), Text: text}
			total += len(text)
		}
	}
	if len(out) == 0 {
		return nil, warns
	}
	for _, p := range out.Compile().Problems() {
		warns = append(warns, p)
	}
	return out, warns
}

func isTemplateName(name string) bool {
	base := path.Base(name)
	return strings.HasSuffix(base, ".html") && strings.Count(base, ".") == 1 && !strings.HasPrefix(base, ".")
}

// themeNames reads Hugo's theme setting: a name, or a list of them.
func themeNames(v any) []string {
	switch v := v.(type) {
	case string:
		return []string{strings.TrimSpace(v)}
	case []any:
		var out []string
		for _, e := range v {
			if s, ok := e.(string); ok {
				out = append(out, strings.TrimSpace(s))
			}
		}
		return out
	}
	return nil
}

// storeTemplates adds the site's shortcode templates to those kept from
// earlier imports; a shortcode of the same name is replaced by this site's.
func (s *Site) storeTemplates(ctx context.Context, st *store.Store) {
	if len(s.templates) == 0 {
		return
	}
	all := shortcode.Sources{}
	if old, ok, err := st.GetSetting(ctx, shortcode.TemplatesSetting); err != nil {
		s.Warnings = append(s.Warnings, err.Error())
		return
	} else if ok {
		if all, err = shortcode.DecodeSources(old); err != nil {
			all = shortcode.Sources{} // unreadable: this site's replace it
		}
	}
	for k, v := range s.templates {
		all[k] = v
	}
	v, err := all.Encode()
	if err == nil {
		err = st.SetSetting(ctx, shortcode.TemplatesSetting, v)
	}
	if err != nil {
		s.Warnings = append(s.Warnings, fmt.Sprintf("the shortcode templates (layouts/shortcodes) were not kept: %v", err))
	}
}
