package importer

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"unicode/utf8"
)

// bounds are how much of a site's folder of snippets an import keeps.
type bounds struct{ file, count, total int }

// smallFiles reads the small text files of a site folder (_includes,
// layouts/shortcodes) by their name under it, with slashes, for which want
// is true. Nothing outside the folder is read: links are refused (a site
// from git may carry a link to anywhere on the disk), so are files past
// the bounds. label is the folder as the warnings name it.
func smallFiles(dir, label string, want func(name string) bool, b bounds) (map[string]string, []string) {
	fi, err := os.Lstat(dir)
	if err != nil || !fi.IsDir() {
		if err == nil && fi.Mode()&fs.ModeSymlink != 0 {
			return nil, []string{label + " is a link; its files are not imported"}
		}
		return nil, nil
	}
	out := map[string]string{}
	var warns []string
	total := 0
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			warns = append(warns, fmt.Sprintf("%s: %v", label, err))
			return nil
		}
		if d.IsDir() {
			return nil
		}
		rel, _ := filepath.Rel(dir, p)
		name := filepath.ToSlash(rel)
		if !want(name) {
			return nil
		}
		if len(out) >= b.count {
			warns = append(warns, fmt.Sprintf("%s/%s: more than %d files; the rest are not imported", label, name, b.count))
			return fs.SkipAll
		}
		s, warn := readSmall(p, d, label+"/"+name, b, total)
		if warn != "" {
			warns = append(warns, warn)
			return nil
		}
		total += len(s)
		out[name] = s
		return nil
	})
	if err != nil {
		warns = append(warns, fmt.Sprintf("%s: %v", label, err))
	}
	return out, warns
}

// readSmall reads one file for smallFiles, or says why not.
func readSmall(p string, d fs.DirEntry, label string, b bounds, total int) (string, string) {
	if !d.Type().IsRegular() {
		return "", fmt.Sprintf("%s is not a regular file (a link?); not imported", label)
	}
	info, err := d.Info()
	if err != nil {
		return "", fmt.Sprintf("%s: %v", label, err)
	}
	if info.Size() > int64(b.file) || total+int(info.Size()) > b.total {
		return "", fmt.Sprintf("%s is larger than Quire keeps (%d KB a file, %d MB in all); not imported", label, b.file>>10, b.total>>20)
	}
	data, err := os.ReadFile(p)
	if err != nil {
		return "", fmt.Sprintf("%s: %v", label, err)
	}
	if !utf8.Valid(data) {
		return "", fmt.Sprintf("%s is not text (UTF-8); not imported", label)
	}
	return string(data), ""
}
