package render

import (
	"unicode"
	"unicode/utf8"
)

// wordCounter counts words across the text nodes of a block. A word is a run
// of non-space characters holding at least one letter or digit, so "foo**bar**"
// (two text nodes) is one word and a lone "-" is none. Han, Hiragana and
// Katakana are written without spaces; each of their characters counts as a
// word, which matches how reading speed is measured for those scripts.
type wordCounter struct {
	n      int
	inWord bool // inside a run of non-space characters
	counts bool // the current run has a letter or digit
}

func (w *wordCounter) add(b []byte) {
	for len(b) > 0 {
		r, size := rune(b[0]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRune(b)
		}
		b = b[size:]
		switch {
		case r < utf8.RuneSelf && (r == ' ' || r == '\t' || r == '\n' || r == '\r'), r >= utf8.RuneSelf && unicode.IsSpace(r):
			w.boundary()
		case r >= 0x2E80 && (unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r)):
			w.boundary()
			w.n++
		default:
			w.inWord = true
			if !w.counts && (r < utf8.RuneSelf && ('a' <= r|0x20 && r|0x20 <= 'z' || '0' <= r && r <= '9') || r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r))) {
				w.counts = true
			}
		}
	}
}

// punct continues the current run without adding a letter.
func (w *wordCounter) punct() { w.inWord = true }

func (w *wordCounter) boundary() {
	if w.inWord && w.counts {
		w.n++
	}
	w.inWord, w.counts = false, false
}
