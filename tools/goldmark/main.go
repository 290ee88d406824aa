// Command goldmark renders one Markdown file to HTML on standard output with
// stock goldmark and the extensions cmark-gfm is given in scripts/bench.sh
// (tables, strikethrough, autolinks, task lists; raw HTML kept), and nothing
// of Quire's. It is the floor the bench reads `quire render --no-highlight`
// against: what the parser Quire uses costs on its own.
//
//	go run ./tools/goldmark FILE
package main

import (
	"bufio"
	"fmt"
	"io"
	"os"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/renderer/html"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: goldmark FILE")
		os.Exit(2)
	}
	src, err := os.ReadFile(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, "goldmark:", err)
		os.Exit(1)
	}
	w := bufio.NewWriterSize(os.Stdout, 1<<16)
	if err := convert(src, w); err == nil {
		err = w.Flush()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "goldmark:", err)
		os.Exit(1)
	}
}

// convert is the whole of the tool: goldmark.New with GFM (tables,
// strikethrough, linkify, task lists) and raw HTML kept, as cmark-gfm is run
// with -e table -e strikethrough -e autolink -e tasklist --unsafe.
func convert(src []byte, w io.Writer) error {
	md := goldmark.New(goldmark.WithExtensions(extension.GFM), goldmark.WithRendererOptions(html.WithUnsafe()))
	return md.Convert(src, w)
}
