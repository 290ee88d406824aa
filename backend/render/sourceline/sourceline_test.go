package sourceline

import "testing"

func TestTagNameEnd(t *testing.T) {
	tests := []struct {
		line string
		want int
	}{
		{"<div>", 4},
		{"<div class=x>", 4},
		{"<iframe\n", 7},
		{"   <p>", 5},
		{"<br/>", 3},
		{"<my-element>", 11},
		{"<h1>", 3},
		{"</div>", 0},
		{"<!-- c -->", 0},
		{"<?php", 0},
		{"<div", 0}, // the name runs to the end of the text: nowhere safe to add
		{"    <div>", 0},
		{"<1>", 0},
		{"", 0},
	}
	for _, tt := range tests {
		if got := tagNameEnd([]byte(tt.line)); got != tt.want {
			t.Errorf("tagNameEnd(%q) = %d, want %d", tt.line, got, tt.want)
		}
	}
}
