package store

import (
	"regexp"
	"strings"
)

// Markdown syntax that lists and snippets leave out, so the library shows
// "Notes from the keynote" rather than "## Notes from the *keynote*".
var (
	mdFence    = regexp.MustCompile("(?m)^[ \t]*(```|~~~).*$")
	mdImage    = regexp.MustCompile(`!\[([^\]]*)\]\([^)]*\)`)
	mdLink     = regexp.MustCompile(`\[([^\]]*)\]\([^)]*\)`)
	mdRefLink  = regexp.MustCompile(`\[([^\]]*)\]\[[^\]]*\]`)
	mdHTML     = regexp.MustCompile(`</?[a-zA-Z][^>\n]*>|<!--[\s\S]*?-->`)
	mdLineHead = regexp.MustCompile(`(?m)^[ \t]*(#{1,6}[ \t]+|>[ \t]?|[-*+][ \t]+|\d+[.)][ \t]+)+`)
	mdRule     = regexp.MustCompile(`(?m)^[ \t]*([-*_][ \t]*){3,}$`)
	mdEmphasis = regexp.MustCompile("[*_`~]{1,3}")
)

// plainText strips the common Markdown and HTML syntax from a post body. It
// is for display in lists and search results, not a renderer: a rare
// construct may leave a character behind, never hide text.
func plainText(md string) string {
	if !strings.ContainsAny(md, "#*_`~[]<>!-+|1234567890") {
		return md
	}
	s := mdFence.ReplaceAllString(md, "")
	s = mdImage.ReplaceAllString(s, "$1")
	s = mdLink.ReplaceAllString(s, "$1")
	s = mdRefLink.ReplaceAllString(s, "$1")
	s = mdHTML.ReplaceAllString(s, " ")
	s = mdRule.ReplaceAllString(s, "")
	s = mdLineHead.ReplaceAllString(s, "")
	s = mdEmphasis.ReplaceAllString(s, "")
	return s
}
