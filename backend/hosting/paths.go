package hosting

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"quire/backend/post"
)

// CheckPath is the guard every path passes before anything is written: a
// relative, slash-separated path of plain names, so nothing can land outside
// the folder or on a name some system refuses or treats specially.
func CheckPath(rel string) error {
	bad := func(why string) error { return fmt.Errorf("export path %q %s: %w", rel, why, post.ErrInvalid) }
	if rel == "" || !utf8.ValidString(rel) {
		return bad("is empty or not UTF-8")
	}
	if strings.HasPrefix(rel, "/") || strings.Contains(rel, `\`) || strings.Contains(rel, ":") {
		return bad("is absolute or has a backslash or colon")
	}
	for _, seg := range strings.Split(rel, "/") {
		switch {
		case seg == "" || seg == "." || seg == "..":
			return bad("has an empty, . or .. element")
		case len(seg) > 255:
			return bad("has an element longer than 255 bytes")
		case strings.HasPrefix(seg, ".") && seg != ManifestName:
			return bad("has an element starting with a dot")
		case strings.HasSuffix(seg, ".") || strings.HasSuffix(seg, " "):
			return bad("has an element ending in a dot or space")
		case strings.ContainsAny(seg, `*?"<>|#%`):
			return bad(`has one of * ? " < > | # %`)
		case reservedName(seg):
			return bad("has a device name on Windows")
		}
		for _, r := range seg {
			if unicode.IsControl(r) || r == utf8.RuneError || unicode.Is(unicode.Bidi_Control, r) {
				return bad("has a control character")
			}
		}
	}
	return nil
}

func reservedName(seg string) bool {
	base, _, _ := strings.Cut(strings.ToLower(seg), ".")
	base = strings.TrimRight(base, " ")
	switch base {
	case "con", "prn", "aux", "nul":
		return true
	}
	return len(base) == 4 && (strings.HasPrefix(base, "com") || strings.HasPrefix(base, "lpt")) && base[3] >= '1' && base[3] <= '9'
}

// FoldPath is the key under which two paths are the same file on a
// case-insensitive or normalising file system (macOS, Windows).
func FoldPath(rel string) string {
	return strings.ToLower(norm.NFC.String(rel))
}

// ThroughLink: a folder on rel's path inside dir is not a real folder (a
// link, or gone), so rel is not the file Quire placed there, whatever the
// path leads to now. rel itself may be a link: removing it removes the link.
func ThroughLink(dir, rel string) bool {
	for d := path.Dir(rel); d != "."; d = path.Dir(d) {
		fi, err := os.Lstat(filepath.Join(dir, filepath.FromSlash(d)))
		if err != nil || !fi.IsDir() {
			return true
		}
	}
	return false
}

// within joins a checked relative path to dir.
func within(dir, rel string) (string, error) {
	if err := CheckPath(rel); err != nil {
		return "", err
	}
	return filepath.Join(dir, filepath.FromSlash(rel)), nil
}
