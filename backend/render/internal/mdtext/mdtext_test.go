package mdtext

import (
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"
)

func TestLineIndex(t *testing.T) {
	src := []byte("ab\n\ncd\nlast")
	ix := NewLineIndex(src)
	tests := []struct{ pos, want int }{
		{-1, 1}, {0, 1}, {2, 1}, {3, 2}, {4, 3}, {6, 3}, {7, 4}, {10, 4}, {100, 4},
	}
	for _, tt := range tests {
		if got := ix.Line(tt.pos); got != tt.want {
			t.Errorf("Line(%d) = %d, want %d", tt.pos, got, tt.want)
		}
	}
}

// TestWalkBlocks checks that WalkBlocks, which does not look inside leaf
// blocks, meets every block a full walk meets, in the same order.
func TestWalkBlocks(t *testing.T) {
	src := []byte("# H\n\npara *em* [l](u)\n\n> q\n> # qh\n>\n> - a\n>   - b\n\n- [ ] t\n- x\n\n  y\n\n" +
		"| a | b |\n|:--|--:|\n| 1 | 2 |\n\nTerm\n: def\n\n  ## in def\n\nx[^1]\n\n[^1]: note\n\n    ## n\n\n" +
		"```go\ncode\n```\n\n<div>\nraw\n</div>\n\n***\n\nSetext\n===\n")
	md := goldmark.New(goldmark.WithExtensions(extension.GFM, extension.Footnote, extension.DefinitionList))
	doc := md.Parser().Parse(text.NewReader(src))
	var want, got []ast.Node
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering && n.Type() != ast.TypeInline {
			want = append(want, n)
		}
		return ast.WalkContinue, nil
	})
	WalkBlocks(doc, func(n ast.Node) { got = append(got, n) })
	if len(got) != len(want) {
		t.Fatalf("%d blocks, a full walk meets %d", len(got), len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("block %d is %s, a full walk meets %s", i, got[i].Kind(), want[i].Kind())
		}
	}
	if len(want) < 30 {
		t.Errorf("only %d blocks: the document lost its variety", len(want))
	}
}
