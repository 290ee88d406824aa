package post

import (
	"errors"
	"testing"
)

func TestFieldsMemo(t *testing.T) {
	m := newFieldsMemo(2)
	parses := 0
	parse := func(fs []field, err error) func() ([]field, error) {
		return func() ([]field, error) { parses++; return fs, err }
	}
	a := []field{{key: "title", value: "A", line: 2}}
	tests := []struct {
		name       string
		format     Format
		head       string
		parse      func() ([]field, error)
		wantKey    string
		wantErr    bool
		wantParses int
	}{
		{"first read parses", FormatYAML, "---\ntitle: A\n---\n", parse(a, nil), "title", false, 1},
		{"the same head again does not", FormatYAML, "---\ntitle: A\n---\n", parse(nil, errors.New("parsed again")), "title", false, 1},
		{"another format is another head", FormatTOML, "---\ntitle: A\n---\n", parse(a, nil), "title", false, 2},
		{"an error is returned", FormatYAML, "---\n: :\n---\n", parse(nil, errors.New("bad")), "", true, 3},
		{"and not kept", FormatYAML, "---\n: :\n---\n", parse(nil, errors.New("bad")), "", true, 4},
		{"past max a new generation starts", FormatJSON, "{}", parse(nil, nil), "", false, 5},
		{"the older one still answers", FormatYAML, "---\ntitle: A\n---\n", parse(nil, errors.New("parsed again")), "title", false, 5},
		{"filling the new generation", FormatYAML, "---\ntitle: B\n---\n", parse(nil, nil), "", false, 6},
		{"past max again drops the oldest", FormatYAML, "---\ntitle: C\n---\n", parse(nil, nil), "", false, 7},
		{"so the first head parses again", FormatYAML, "---\ntitle: A\n---\n", parse(a, nil), "title", false, 8},
	}
	for _, tt := range tests {
		got, err := m.get(tt.format, tt.head, tt.parse)
		if (err != nil) != tt.wantErr || parses != tt.wantParses {
			t.Fatalf("%s: err %v, %d parses; want error %v, %d parses", tt.name, err, parses, tt.wantErr, tt.wantParses)
		}
		var key string
		if len(got) > 0 {
			key = got[0].key
		}
		if key != tt.wantKey {
			t.Errorf("%s: fields %v, want the key %q", tt.name, got, tt.wantKey)
		}
	}
}
