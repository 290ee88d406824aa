package render

import (
	"math/rand/v2"
	"testing"
	"unicode/utf8"
)

// referenceCount is wordCounter.add a rune at a time, as it was first
// written: the byte-class one must count the same.
type referenceCount struct{ wordCounter }

func (w *referenceCount) add(b []byte) {
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		b = b[size:]
		w.addRune(r)
	}
}

func TestWordCounterMatchesReference(t *testing.T) {
	parts := []string{"a", "Z", "9", " ", "\t", "\n", "\u00a0", "\u2003", "-", "'", "é", "ß", "日", "の", "カ", "😀",
		"\xff", "\xe6\x97", "word", "x-y", "—", ".", "\v", "\x85"}
	rng := rand.New(rand.NewPCG(7, 7))
	for i := 0; i < 20000; i++ {
		var got wordCounter
		var want referenceCount
		for j := rng.IntN(12); j >= 0; j-- {
			var b []byte
			for k := rng.IntN(8); k >= 0; k-- {
				b = append(b, parts[rng.IntN(len(parts))]...)
			}
			got.add(b)
			want.add(b)
			if rng.IntN(4) == 0 {
				got.punct()
				want.punct()
			}
			if rng.IntN(4) == 0 {
				got.boundary()
				want.boundary()
			}
		}
		got.boundary()
		want.boundary()
		if got.n != want.n {
			t.Fatalf("case %d: %d words, the rune-by-rune count is %d", i, got.n, want.n)
		}
	}
}
