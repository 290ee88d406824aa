// Package fastparse holds stand-ins for parts of goldmark that cost far more
// than their work on ordinary prose, each deciding exactly as the part it
// stands in for and falling back to it wherever the shortcut does not apply,
// so that they build the same tree (up to where a run of text is cut into
// Text nodes) and write the same HTML byte for byte:
//
//   - the HTML block parser, without its regular expressions for lines a tag
//     name decides (about a tenth of the sample post's render went to three
//     <iframe> lines);
//   - the link reference transformer, only for paragraphs that start with '[';
//   - the linkify parser, which goldmark asks at every space whether a URL or
//     an e-mail address starts there (a fifth of the render, finding none);
//   - the typographer parser, not asked at commas, and without a
//     parser.Delimiter for each apostrophe and double quote;
//   - the HTML text writer, which writes text with nothing to escape in one
//     piece, and the GFM table cell renderer, without fmt.
//
// The differential tests render the CommonMark spec examples, goldmark's own
// test cases, Quire's golden inputs and generated Markdown with goldmark's
// parts and with these, and compare the HTML and the trees; FuzzSameHTML
// does the same on arbitrary input.
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
