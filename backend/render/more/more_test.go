package more

import (
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

func TestIsDivider(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"<!--more-->", true},
		{"<!--more-->\n", true},
		{"<!-- more -->", true},
		{"<!--MORE-->", true},
		{"  <!--more-->  ", true},
		{"<!--more--> and text", false},
		{"<!--moreover-->", false},
		{"<!---->", false},
		{"<!--", false},
		{"more", false},
	}
	for _, tt := range tests {
		if got := IsDivider([]byte(tt.in)); got != tt.want {
			t.Errorf("IsDivider(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

// TestDividerFound: the search that lets most posts skip the walk still
// finds every divider IsDivider takes, however it is spaced: a Marker is
// made exactly where a top-level HTML block is a divider.
func TestDividerFound(t *testing.T) {
	tests := []struct {
		name, src string
		gate      bool // what mayHoldDivider says: true lets the walk look
		want      bool // a divider
	}{
		{"none", "# Title\n\nText.\n", false, false},
		{"other comments", "<!-- toc -->\n\nText <!-- more or less -->.\n\n<!--moreover-->\n", false, false},
		{"inline", "Text <!--more--> in a paragraph.\n", true, false},
		{"plain", "Intro.\n\n<!--more-->\n\nRest.\n", true, true},
		{"spaced, upper case", "Intro.\n\n<!--  MORE\t-->\n\nRest.\n", true, true},
		// Not a divider: goldmark keeps a comment's closing line apart from
		// its Lines (HTMLBlock.ClosureLine), which IsDivider is given.
		{"over lines", "Intro.\n\n<!--\nmore\n-->\n\nRest.\n", true, false},
		{"no-break space", "Intro.\n\n<!--\u00a0more\u00a0-->\n\nRest.\n", true, true},
		{"after another comment", "<!-- a -->\n\nIntro.\n\n<!-- more -->\n", true, true},
	}
	plain := goldmark.New()
	withMore := goldmark.New(goldmark.WithExtensions(New()))
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := []byte(tt.src)
			if got := mayHoldDivider(src); got != tt.gate {
				t.Errorf("mayHoldDivider = %v, want %v", got, tt.gate)
			}
			divider := false // what IsDivider makes of the blocks, walked
			doc := plain.Parser().Parse(text.NewReader(src))
			for c := doc.FirstChild(); c != nil; c = c.NextSibling() {
				if h, ok := c.(*ast.HTMLBlock); ok {
					var b []byte
					for i := 0; i < h.Lines().Len(); i++ {
						seg := h.Lines().At(i)
						b = append(b, seg.Value(src)...)
					}
					divider = divider || IsDivider(b)
				}
			}
			if divider != tt.want {
				t.Fatalf("the case is wrong: IsDivider on its blocks = %v", divider)
			}
			marker := false
			doc = withMore.Parser().Parse(text.NewReader(src))
			for c := doc.FirstChild(); c != nil; c = c.NextSibling() {
				marker = marker || c.Kind() == Kind
			}
			if marker != tt.want {
				t.Errorf("a Marker made = %v, want %v", marker, tt.want)
			}
		})
	}
}
