package mdtext

import "testing"

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
