package safeurl

import "testing"

func TestDangerous(t *testing.T) {
	tests := []struct {
		name string
		url  string
		want bool
	}{
		{"JavaScript", "javascript:alert(1)", true},
		{"MixedCase", "JaVaScRiPt:alert(1)", true},
		{"LeadingSpace", "  javascript:alert(1)", true},
		{"LeadingControl", "\x01\x1fjavascript:alert(1)", true},
		{"TabInside", "java\tscript:alert(1)", true},
		{"NewlineInside", "java\nscript:alert(1)", true},
		{"CRInside", "javas\rcript:alert(1)", true},
		{"VBScript", "vbscript:msgbox(1)", true},
		{"DataHTML", "data:text/html;base64,PHNjcmlwdD4=", true},
		{"DataSVG", "data:image/svg+xml,<svg onload=alert(1)>", true},
		{"DataNoType", "data:,hello", true},
		{"DataUpper", "DATA:TEXT/HTML,x", true},
		{"DataPNG", "data:image/png;base64,iVBORw0KGgo=", false},
		{"DataGIF", "data:image/gif;base64,R0lGOD", false},
		{"DataJPEG", "data:image/jpeg,xyz", false},
		{"DataWebPUpper", "data:IMAGE/WEBP;base64,UklGR", false},
		{"DataPNGLookalike", "data:image/pngx;base64,x", true},
		{"DataTabbed", "da\tta:image/png;base64,x", false},
		{"HTTPS", "https://example.com/javascript:x", false},
		{"Relative", "/javascript:alert(1)", false},
		{"DotRelative", "./javascript:alert(1)", false},
		{"Fragment", "#javascript:alert(1)", false},
		{"Query", "?javascript:alert(1)", false},
		{"PercentColon", "javascript%3Aalert(1)", false},
		{"Mailto", "mailto:a@example.com", false},
		{"Empty", "", false},
		{"NoColon", "javascript", false},
		{"SchemeOnly", "javascript:", true},
		{"LongScheme", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa:x", false},
		{"NonASCIIBefore", "jävascript:alert(1)", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Dangerous(tt.url); got != tt.want {
				t.Errorf("Dangerous(%q) = %v, want %v", tt.url, got, tt.want)
			}
		})
	}
}
