package importer

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"unicode/utf8"

	"quire/backend/render"
	"quire/backend/render/shortcode"
	"quire/backend/store"
)

// readIncludes reads a Jekyll site's _includes/ folder: the files its posts'
// {% include %} tags name. Only small text files are kept, and nothing
// outside the folder: links are refused (a site from git may carry a link
// to anywhere on the disk), so are files past the size and count bounds.
func readIncludes(root string) (shortcode.Includes, []string) {
	dir := filepath.Join(root, "_includes")
	fi, err := os.Lstat(dir)
	if err != nil || !fi.IsDir() {
		if err == nil && fi.Mode()&fs.ModeSymlink != 0 {
			return nil, []string{"_includes is a link; its files are not imported"}
		}
		return nil, nil
	}
	in := shortcode.Includes{}
	var warns []string
	total := 0
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			warns = append(warns, fmt.Sprintf("_includes: %v", err))
			return nil
		}
		if d.IsDir() {
			return nil
		}
		rel, _ := filepath.Rel(dir, p)
		name := filepath.ToSlash(rel)
		if !d.Type().IsRegular() {
			warns = append(warns, fmt.Sprintf("_includes/%s is not a regular file (a link?); not imported", name))
			return nil
		}
		if len(in) >= shortcode.MaxIncludes {
			warns = append(warns, fmt.Sprintf("_includes/%s: more than %d files; the rest are not imported", name, shortcode.MaxIncludes))
			return fs.SkipAll
		}
		info, err := d.Info()
		if err != nil {
			warns = append(warns, fmt.Sprintf("_includes/%s: %v", name, err))
			return nil
		}
		if info.Size() > shortcode.MaxIncludeSize || total+int(info.Size()) > shortcode.MaxIncludeTotal {
			warns = append(warns, fmt.Sprintf("_includes/%s is larger than Quire keeps (%d KB a file, %d MB in all); not imported", name, shortcode.MaxIncludeSize>>10, shortcode.MaxIncludeTotal>>20))
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			warns = append(warns, fmt.Sprintf("_includes/%s: %v", name, err))
			return nil
		}
		if !utf8.Valid(b) {
			warns = append(warns, fmt.Sprintf("_includes/%s is not text (UTF-8); not imported", name))
			return nil
		}
		total += len(b)
		in[name] = string(b)
		return nil
	})
	if err != nil {
		warns = append(warns, fmt.Sprintf("_includes: %v", err))
	}
	return in, warns
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
// includes, so that an include that will render is not a warning.
func checkerFor(in shortcode.Includes) *render.Renderer {
	if in == nil {
		return nil
	}
	return render.New(render.Settings{NoHighlight: true, Once: true, Shortcodes: shortcode.Config{Include: in.Lookup}})
}
