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

// Byte classes, so that ASCII text is counted a word at a time with one
// table lookup a byte.
const (
	classSpace    = 1 << iota // ASCII white space
	classAlnum                // ASCII letter or digit
	classNonASCII             // the start or middle of a multi-byte character
)

var byteClass = func() (t [256]uint8) {
	for _, c := range " \t\n\r\v\f" {
		t[c] = classSpace
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = classAlnum
	}
	for c := 'a'; c <= 'z'; c++ {
		t[c], t[c-'a'+'A'] = classAlnum, classAlnum
	}
	for c := utf8.RuneSelf; c < 256; c++ {
		t[c] = classNonASCII
	}
	return t
}()

// addRune counts one character: the rule itself, which add applies a byte
// class at a time to ASCII.
func (w *wordCounter) addRune(r rune) {
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

func (w *wordCounter) add(b []byte) {
	for i := 0; i < len(b); {
		k := byteClass[b[i]]
		switch {
		case k&classSpace != 0:
			w.boundary()
			i++
		case k&classNonASCII != 0:
			r, size := utf8.DecodeRune(b[i:])
			i += size
			w.addRune(r)
		default:
			// The rest of an ASCII word.
			w.inWord = true
			var alnum uint8
			for ; i < len(b); i++ {
				k := byteClass[b[i]]
				if k&(classSpace|classNonASCII) != 0 {
					break
				}
				alnum |= k
			}
			if alnum != 0 {
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
