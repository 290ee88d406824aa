package shortcode

import "testing"

// mayHoldTag decides whether the document is walked for tags at all: a
// false "no" would leave a tag unrendered, so every way a tag can start is
// here, beside the braces of code that must not cost a walk.
func TestMayHoldTag(t *testing.T) {
	tests := []struct {
		name, src string
		want      bool
	}{
		{"empty", "", false},
		{"prose", "A post with no braces.\n", false},
		{"JSON in a fence", "```json\n{\"a\": {\"b\": 1}}\n```\n", false},
		{"spaced braces", "{ {x} }", false},
		{"Hugo", "{{< youtube id >}}", true},
		{"Hugo Markdown", "{{% note %}}", true},
		{"Liquid output", "{{ page.title }}", true},
		{"Liquid tag", "{% raw %}", true},
		{"encoded destination", "[a](%7B%7Bsite.baseurl%7D%7D/x)", true},
		{"encoded, lower case", "[a](%7b%7bsite.baseurl%7d%7d/x)", true},
		{"half encoded", "[a]({%7Bsite.baseurl}}/x)", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := mayHoldTag([]byte(tt.src)); got != tt.want {
				t.Errorf("mayHoldTag(%q) = %v, want %v", tt.src, got, tt.want)
			}
		})
	}
}
