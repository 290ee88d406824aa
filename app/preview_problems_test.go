package app

import "testing"

// The preview names what will not render, with the line of the editor's
// text (front matter included), for its problems list.
func TestPreviewProblems(t *testing.T) {
	p := NewPreview()
	res, err := p.Render("---\ntitle: T\n---\nfine\n\n{{< mysterious >}}\n")
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Problems) != 1 || res.Problems[0].Line != 6 || res.Problems[0].Message != "unknown shortcode 'mysterious'" {
		t.Errorf("problems %+v", res.Problems)
	}
	res, err = p.Render("fine\n")
	if err != nil {
		t.Fatal(err)
	}
	if res.Problems == nil || len(res.Problems) != 0 {
		t.Errorf("problems %#v, want an empty list", res.Problems)
	}
}
