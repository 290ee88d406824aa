package hosting

import (
	"fmt"
	"quire/backend/post"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
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
