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

// ASCII byte classes, so that the common case is a table lookup.
const (
	asciiOther = iota
	asciiSpace
	asciiAlnum
)

var asciiClass = func() (t [utf8.RuneSelf]uint8) {
	for _, c := range " \t\n\r\v\f" {
		t[c] = asciiSpace
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = asciiAlnum
	}
	for c := 'a'; c <= 'z'; c++ {
		t[c], t[c-'a'+'A'] = asciiAlnum, asciiAlnum
	}
	return t
}()

func (w *wordCounter) add(b []byte) {
	for i := 0; i < len(b); {
		if c := b[i]; c < utf8.RuneSelf {
			i++
			switch asciiClass[c] {
			case asciiSpace:
				w.boundary()
			case asciiAlnum:
				w.inWord, w.counts = true, true
			default:
				w.inWord = true
			}
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		i += size
		switch {
		case unicode.IsSpace(r):
			w.boundary()
		case r >= 0x2E80 && (unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r)):
			w.boundary()
			w.n++
		default:
			w.inWord = true
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
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
