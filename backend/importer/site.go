package importer

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"
	"go.yaml.in/yaml/v3"

	"quire/backend/render"
	"quire/backend/render/shortcode"
	"quire/backend/site"
	"quire/backend/store"
)

// Kind is the kind of folder an import recognised.
type Kind string

const (
	KindJekyll Kind = "jekyll" // _config.yml
	KindHugo   Kind = "hugo"   // hugo.toml/config.toml (or yaml, json), or a content folder
	KindFolder Kind = "folder" // any folder of Markdown files
)

// Site is a folder named to the import and what was recognised in it.
type Site struct {
	Root string `json:"root"`
	Kind Kind   `json:"kind"`
	// Config is the site's configuration file, if any.
	Config string `json:"config,omitempty"`
	// Settings are the site settings found in Config, by the key they are
	// stored under (SettingPrefix + key), and Stored those that were written.
	Settings map[string]string `json:"settings,omitempty"`
	Stored   []string          `json:"stored,omitempty"`
	// Warnings are settings that could not be read or stored.
	Warnings []string `json:"warnings,omitempty"`

	includes  shortcode.Includes // a Jekyll site's _includes/ files
	templates shortcode.Sources  // a Hugo site's layouts/shortcodes
	themes    []string           // a Hugo site's theme setting
}

// SettingPrefix and the keys below are those of backend/site (the export's
// settings): "site.title", "site.base-url" and so on.
const SettingPrefix = "site."

// candidate is a file found by a walk, with what its place says about it.
type candidate struct {
	path   string
	kind   Kind
	draft  bool   // in Jekyll's _drafts
	bundle bool   // a Hugo page bundle's index.md: the folder names the post
	skip   string // not a post: why
	err    error  // could not even be looked at
	assets []string
	root   string // the imported folder: images are only read from inside it
	// checker checks the post's shortcodes with its site's includes; nil:
	// the default checker.
	checker *render.Renderer
}

// collect lists the files to import from one argument, and the site it is.
func collect(path string) (*Site, []candidate, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, nil, describeErr(path, err)
	}
	if !fi.IsDir() {
		if !fi.Mode().IsRegular() {
			return nil, nil, fmt.Errorf("%s: not a regular file", path)
		}
		c := candidate{path: path, kind: KindFolder}
		// A file named on its own still follows its site's rules.
		if dir := filepath.Base(filepath.Dir(path)); dir == "_drafts" {
			c.kind, c.draft = KindJekyll, true
		} else if dir == "_posts" {
			c.kind = KindJekyll
		}
		// Its images are read from its folder, or a Jekyll site's root.
		c.root = filepath.Dir(path)
		if c.kind == KindJekyll {
			c.root = filepath.Dir(c.root)
		}
		return nil, []candidate{c}, nil
	}
	site := &Site{Root: path, Kind: KindFolder}
	for _, name := range []string{"_config.yml", "_config.yaml"} {
		if isFile(filepath.Join(path, name)) {
			site.Kind, site.Config = KindJekyll, filepath.Join(path, name)
			break
		}
	}
	if site.Kind == KindFolder {
		for _, name := range []string{"hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json", "config.toml", "config.yaml", "config.yml", "config.json"} {
			if isFile(filepath.Join(path, name)) && isDir(filepath.Join(path, "content")) {
				site.Kind, site.Config = KindHugo, filepath.Join(path, name)
				break
			}
		}
	}
	if site.Kind == KindFolder {
		// A folder with _posts but no _config.yml is taken as a plain
		// folder (every Markdown file a post), still with the _drafts and
		// file-name date rules; one with a content folder is a Hugo site.
		if isDir(filepath.Join(path, "content")) && !isDir(filepath.Join(path, "_posts")) {
			site.Kind = KindHugo
		}
	}
	if site.Config != "" {
		site.readConfig()
	}
	site.readSnippets()
	checker := checkerFor(site.includes, site.templates)
	walkRoot := path
	if site.Kind == KindHugo {
		walkRoot = filepath.Join(path, "content")
	}
	files, err := walk(walkRoot, func(p string, d fs.DirEntry) (candidate, bool) {
		return site.classify(p)
	})
	if err != nil {
		return nil, nil, err
	}
	for i := range files {
		files[i].root, files[i].checker = path, checker
	}
	return site, files, nil
}

func isFile(p string) bool { fi, err := os.Stat(p); return err == nil && fi.Mode().IsRegular() }
func isDir(p string) bool  { fi, err := os.Stat(p); return err == nil && fi.IsDir() }

// walk visits the files under root, skipping hidden folders and
// node_modules, and keeps those visit accepts. Symbolic links to files are
// followed; links to folders are not (so a link loop cannot trap the walk)
// and are reported as skipped; broken links and loops are reported as failed.
func walk(root string, visit func(p string, d fs.DirEntry) (candidate, bool)) ([]candidate, error) {
	var files []candidate
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == root {
				return err
			}
			files = append(files, candidate{path: p, err: describeErr(p, err)})
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		name := d.Name()
		if d.IsDir() {
			if p != root && (strings.HasPrefix(name, ".") || name == "node_modules") {
				return filepath.SkipDir
			}
			return nil
		}
		if strings.HasPrefix(name, ".") {
			return nil // editor swap files, .DS_Store, our own temporary files
		}
		if d.Type()&fs.ModeSymlink != 0 {
			if !isMarkdown(name) {
				return nil
			}
			fi, err := os.Stat(p)
			switch {
			case err != nil:
				files = append(files, candidate{path: p, err: describeErr(p, err)})
				return nil
			case fi.IsDir():
				files = append(files, candidate{path: p, skip: "a link to a folder (not followed)"})
				return nil
			case !fi.Mode().IsRegular():
				files = append(files, candidate{path: p, skip: "not a regular file"})
				return nil
			}
		} else if !d.Type().IsRegular() {
			return nil
		}
		if c, ok := visit(p, d); ok {
			files = append(files, c)
		}
		return nil
	})
	if err != nil {
		return nil, describeErr(root, err)
	}
	return files, nil
}

// classify says what a file under the site's root is, by the site's rules:
//
//   - Jekyll: posts are in _posts (at any depth, as Jekyll allows
//     category/_posts), drafts in _drafts; other Markdown files are pages
//     and are skipped; folders Jekyll itself does not publish (_site,
//     _layouts...) are left out.
//   - Hugo: every Markdown file under content is a page; _index.md files are
//     section lists and skipped; index.md is a page bundle whose folder names
//     the post and whose other files are its resources.
//   - A plain folder: every Markdown file is a post; those in a _drafts
//     folder are drafts.
//
// Hidden files and folders and node_modules are never posts.
func (s *Site) classify(p string) (candidate, bool) {
	name := filepath.Base(p)
	if !isMarkdown(name) || strings.HasPrefix(name, ".") {
		return candidate{}, false
	}
	rel, err := filepath.Rel(s.Root, p)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return candidate{}, false
	}
	parts := strings.Split(filepath.ToSlash(rel), "/")
	dirs := parts[:len(parts)-1]
	for _, d := range dirs {
		if strings.HasPrefix(d, ".") || d == "node_modules" {
			return candidate{}, false
		}
	}
	c := candidate{path: p, kind: s.Kind}
	switch s.Kind {
	case KindJekyll:
		for _, dir := range dirs {
			switch {
			case dir == "_posts":
				return c, true
			case dir == "_drafts":
				c.draft = true
				return c, true
			case dir == "_site" || dir == "vendor" || strings.HasPrefix(dir, "_"):
				return candidate{}, false
			}
		}
		c.skip = "a Jekyll page, not a post (posts are in _posts and _drafts)"
	case KindHugo:
		if len(dirs) == 0 || dirs[0] != "content" {
			return candidate{}, false
		}
		switch strings.TrimSuffix(name, filepath.Ext(name)) {
		case "_index":
			c.skip = "a Hugo section list page, not a post"
		case "index":
			c.bundle = true
			c.assets = bundleAssets(filepath.Dir(p))
		}
	default:
		for _, d := range dirs {
			if d == "_drafts" {
				c.draft = true
			}
		}
	}
	return c, true
}

// bundleAssets lists a page bundle's files other than Markdown.
func bundleAssets(dir string) []string {
	var out []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasPrefix(d.Name(), ".") || isMarkdown(p) {
			return nil
		}
		out = append(out, p)
		return nil
	})
	return out
}

// readConfig reads the settings the export uses from _config.yml or
// hugo.toml (or their YAML and JSON forms).
func (s *Site) readConfig() {
	src, err := os.ReadFile(s.Config)
	if err != nil {
		s.Warnings = append(s.Warnings, err.Error())
		return
	}
	cfg := map[string]any{}
	switch strings.ToLower(filepath.Ext(s.Config)) {
	case ".toml":
		err = toml.Unmarshal(src, &cfg)
	case ".json":
		err = json.Unmarshal(src, &cfg)
	default:
		err = yaml.Unmarshal(src, &cfg)
	}
	if err != nil {
		s.Warnings = append(s.Warnings, fmt.Sprintf("%s: %v", s.Config, err))
		return
	}
	// Hugo's keys are case-insensitive.
	get := func(m map[string]any, keys ...string) any {
		for _, k := range keys {
			for mk, v := range m {
				if strings.EqualFold(mk, k) {
					return v
				}
			}
		}
		return nil
	}
	str := func(v any) string {
		switch v := v.(type) {
		case string:
			return strings.TrimSpace(v)
		case int, int64, uint64, float64, bool:
			return fmt.Sprint(v)
		case map[string]any:
			if n, ok := v["name"].(string); ok { // author: {name: ...}
				return n
			}
		}
		return ""
	}
	sub := func(v any) map[string]any {
		m, _ := v.(map[string]any)
		return m
	}
	set := map[string]string{}
	put := func(key, v string) {
		if v != "" {
			set[key] = v
		}
	}
	put("title", str(get(cfg, "title")))
	put("description", str(get(cfg, "description")))
	put("author", str(get(cfg, "author")))
	switch s.Kind {
	case KindJekyll:
		base := str(get(cfg, "url"))
		if base != "" {
			base = strings.TrimRight(base, "/") + "/" + strings.Trim(str(get(cfg, "baseurl")), "/")
		}
		put("base-url", base)
		put("language", str(get(cfg, "lang", "locale")))
		put("posts-per-page", str(get(cfg, "paginate")))
		if p := str(get(cfg, "permalink")); p != "" {
			put("permalink", jekyllPermalink(p))
		}
	case KindHugo:
		params := sub(get(cfg, "params"))
		if set["description"] == "" {
			put("description", str(get(params, "description")))
		}
		if set["author"] == "" {
			put("author", str(get(params, "author")))
		}
		s.themes = themeNames(get(cfg, "theme"))
		put("base-url", str(get(cfg, "baseURL")))
		put("language", str(get(cfg, "languageCode", "defaultContentLanguage")))
		put("posts-per-page", str(get(sub(get(cfg, "pagination")), "pagerSize")))
		if set["posts-per-page"] == "" {
			put("posts-per-page", str(get(cfg, "paginate")))
		}
		if perm := sub(get(cfg, "permalinks")); perm != nil {
			if p := str(get(perm, "posts", "post")); p != "" {
				put("permalink", hugoPermalink(p))
			}
		}
	}
	// Each value is checked and normalised as backend/site does, so the
	// export reads back what was stored.
	keys := make([]string, 0, len(set))
	for k := range set {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		var tmp site.Settings
		if err := tmp.Set(k, set[k]); err != nil {
			s.Warnings = append(s.Warnings, fmt.Sprintf("%v; not imported", err))
			delete(set, k)
			continue
		}
		set[k], _ = tmp.Get(k)
	}
	s.Settings = map[string]string{}
	for k, v := range set {
		s.Settings[SettingPrefix+k] = v
	}
}

// jekyllPermalink turns a Jekyll permalink (a built-in style or a pattern)
// into Quire's tokens.
func jekyllPermalink(p string) string {
	switch p {
	case "date":
		p = "/:categories/:year/:month/:day/:title:output_ext"
	case "pretty":
		p = "/:categories/:year/:month/:day/:title/"
	case "none":
		p = "/:categories/:title:output_ext"
	}
	return strings.ReplaceAll(p, ":output_ext", ".html")
}

func hugoPermalink(p string) string {
	p = strings.NewReplacer(":filename", ":slug", ":contentbasename", ":slug", ":section", "posts").Replace(p)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	return p
}

// apply stores the site's settings. A setting the writer already set to
// something else in Quire is kept and reported.
func (s *Site) apply(ctx context.Context, st *store.Store) {
	keys := make([]string, 0, len(s.Settings))
	for k := range s.Settings {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		v := s.Settings[k]
		old, ok, err := st.GetSetting(ctx, k)
		if err != nil {
			s.Warnings = append(s.Warnings, err.Error())
			continue
		}
		if ok && old != "" && old != v {
			s.Warnings = append(s.Warnings, fmt.Sprintf("%s is already %q in Quire; kept it (the site says %q)", k, old, v))
			continue
		}
		if err := st.SetSetting(ctx, k, v); err != nil {
			s.Warnings = append(s.Warnings, err.Error())
			continue
		}
		s.Stored = append(s.Stored, k)
	}
}
