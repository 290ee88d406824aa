// Package fastparse holds stand-ins for parts of goldmark's parser that cost
// far more than their work on ordinary prose, each deciding exactly as the
// part it stands in for and falling back to it wherever the shortcut does not
// apply, so the tree they build renders to the same HTML byte for byte.
//
// On the 7.8 KB sample post goldmark spent about a tenth of the render in the
// HTML block parser's regular expressions (three <iframe> lines), and the
// linkify parser, which is asked at every space whether a URL or an e-mail
// address starts there, cost another fifth while finding none.
//
// The differential tests render the CommonMark spec examples, the golden
// inputs and generated Markdown with goldmark's parts and with these, and
// compare the HTML; FuzzSameHTML does the same on arbitrary input.
package fastparse

import (
	"fmt"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/util"
)

// NewParser returns goldmark's default parser with the stand-ins for its
// HTML block parser and link reference paragraph transformer. Extensions add
// to it as they do to goldmark's.
func NewParser() parser.Parser {
	return parser.NewParser(
		parser.WithBlockParsers(replace(parser.DefaultBlockParsers(), parser.NewHTMLBlockParser(), NewHTMLBlockParser())...),
		parser.WithInlineParsers(parser.DefaultInlineParsers()...),
		parser.WithParagraphTransformers(replace(parser.DefaultParagraphTransformers(),
			parser.LinkReferenceParagraphTransformer, LinkReferenceParagraphTransformer())...),
	)
}

// replace puts new in the place (and at the priority) of old, which must be
// in list: goldmark's defaults are singletons, so they compare equal.
func replace(list []util.PrioritizedValue, old, new any) []util.PrioritizedValue {
	for i, v := range list {
		if v.Value == old {
			list[i].Value = new
			return list
		}
	}
	panic(fmt.Sprintf("fastparse: %T is not among goldmark's defaults", old))
}

// WithParser is goldmark.WithParser(NewParser()), for goldmark.New.
func WithParser() goldmark.Option { return goldmark.WithParser(NewParser()) }
