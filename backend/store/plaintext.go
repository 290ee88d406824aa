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
)

// mdEmphasisChars are removed outright; a replacer is ten times faster than
// a regexp, and this runs on every save.
var mdEmphasisChars = strings.NewReplacer("*", "", "_", "", "`", "", "~", "")

// plainText strips the common Markdown and HTML syntax from a post body. It
// is for display in lists and search results, not a renderer: a rare
// construct may leave a character behind, never hide text. Each pattern runs
// only when its marker is present.
func plainText(md string) string {
	s := md
	if strings.Contains(s, "{{") || strings.Contains(s, "{%") {
		s = plainTags(s)
	}
	if strings.Contains(s, "```") || strings.Contains(s, "~~~") {
		s = mdFence.ReplaceAllString(s, "")
	}
	if strings.Contains(s, "](") {
		s = mdImage.ReplaceAllString(s, "$1")
		s = mdLink.ReplaceAllString(s, "$1")
	}
	if strings.Contains(s, "][") {
		s = mdRefLink.ReplaceAllString(s, "$1")
	}
	if strings.Contains(s, "<") {
		s = mdHTML.ReplaceAllString(s, " ")
	}
	if strings.ContainsAny(s, "-*_") && (strings.Contains(s, "---") || strings.Contains(s, "***") || strings.Contains(s, "___") ||
		strings.Contains(s, "- -") || strings.Contains(s, "* *")) {
		s = mdRule.ReplaceAllString(s, "")
	}
	if strings.ContainsAny(s, "#>-*+") || strings.Contains(s, ". ") || strings.Contains(s, ") ") {
		s = mdLineHead.ReplaceAllString(s, "")
	}
	return mdEmphasisChars.Replace(s)
}
