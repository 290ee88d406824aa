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
	if err := run(os.Args[1], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "goldmark:", err)
		os.Exit(1)
	}
}

// run renders the file at path to out. A failed write is an error, so that
// the bench never times a render whose output went nowhere.
func run(path string, out io.Writer) error {
	src, err := os.ReadFile(path)
	if err != nil {
		return err // *PathError names the file
	}
	w := bufio.NewWriterSize(out, 1<<16)
	if err := convert(src, w); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := w.Flush(); err != nil {
		return fmt.Errorf("%s: write: %w", path, err)
	}
	return nil
}

// convert is the render itself: goldmark.New with GFM (tables,
// strikethrough, linkify, task lists) and raw HTML kept, as cmark-gfm is run
// with -e table -e strikethrough -e autolink -e tasklist --unsafe.
func convert(src []byte, w io.Writer) error {
	md := goldmark.New(goldmark.WithExtensions(extension.GFM), goldmark.WithRendererOptions(html.WithUnsafe()))
	return md.Convert(src, w)
}
