package more

import "testing"

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
