package store

import (
	"regexp"
	"strings"
)

// Hugo shortcodes and Liquid tags as lists and snippets show them: a word
// for what an embed is, nothing for tags that only frame or link text.
var (
	hugoTag   = regexp.MustCompile(`\{\{[<%]\s*(/)?\s*([A-Za-z0-9_][A-Za-z0-9_./-]*)([^\n]*?)\s*/?\s*[>%]\}\}`)
	liquidTag = regexp.MustCompile(`\{%-?\s*([A-Za-z_]\w*)[^\n]*?-?%\}`)
	liquidOut = regexp.MustCompile(`\{\{-?\s*[A-Za-z_"'][^{}\n]*?-?\}\}`)
	tagArg    = regexp.MustCompile(`(\w+)=(?:"([^"]*)"|'([^']*)'|(\S+))`)
)

// hugoWords are the embeds a snippet names instead of showing their syntax.
var hugoWords = map[string]string{
	"youtube": "[video]", "vimeo": "[video]", "gist": "[gist]", "x": "[post on X]", "tweet": "[post on X]",
	"twitter": "[post on X]", "instagram": "[Instagram post]",
}

// hugoSilent are shortcodes that stand for a value or frame text: nothing.
var hugoSilent = map[string]bool{"highlight": true, "ref": true, "relref": true, "param": true, "comment": true, "details": true}

// plainTags replaces the shortcodes and tags in s with what a reader of a
// list wants to see: {{< youtube id >}} is "[video]", a figure its
// caption, a closer or {% raw %} nothing, and a site's own shortcode its
// name in brackets.
func plainTags(s string) string {
	if strings.Contains(s, "{{<") || strings.Contains(s, "{{%") {
		s = hugoTag.ReplaceAllStringFunc(s, plainHugo)
	}
	if strings.Contains(s, "{%") {
		s = liquidTag.ReplaceAllStringFunc(s, func(t string) string {
			if name := liquidTag.FindStringSubmatch(t)[1]; hugoWords[name] != "" {
				return " " + hugoWords[name] + " "
			}
			return " "
		})
	}
	if strings.Contains(s, "{{") {
		s = liquidOut.ReplaceAllString(s, "")
	}
	return s
}

func plainHugo(t string) string {
	m := hugoTag.FindStringSubmatch(t)
	name := strings.ToLower(m[2])
	switch {
	case m[1] != "" || hugoSilent[name]:
		return " "
	case hugoWords[name] != "":
		return " " + hugoWords[name] + " "
	case name == "figure":
		for _, key := range []string{"caption", "title", "alt"} {
			if v := argOf(m[3], key); v != "" {
				return " " + v + " "
			}
		}
		return " [image] "
	}
	return " [" + m[2] + "] "
}

// argOf is the value of key=value among a tag's arguments.
func argOf(args, key string) string {
	for _, a := range tagArg.FindAllStringSubmatch(args, -1) {
		if a[1] == key {
			return a[2] + a[3] + a[4]
		}
	}
	return ""
}
