package app

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"quire/backend/post"
)

var updateGolden = flag.Bool("update", false, "rewrite the golden files in testdata/editfield")

// TestEditFieldGolden edits one field of the front matter of posts written
// by hand (YAML with comments, quotes, a flow map and a multi-line string;
// TOML; JSON; the sample post) as the settings panel does, and compares the
// blocks with testdata/editfield/NAME.golden: each edit changes that key's
// lines alone, in the text's style; everything else stays byte for byte.
func TestEditFieldGolden(t *testing.T) {
	ps := NewPosts(mustOpen(t))
	edits := []struct {
		name string
		edit FieldEdit
	}{
		{"title", FieldEdit{Field: "title", Value: "New title"}},
		{"status", FieldEdit{Field: "status", Value: "draft"}},
		{"date", FieldEdit{Field: "date", Value: "2017-12-06T09:30"}},
		{"tags", FieldEdit{Field: "tags", List: []string{"a", "b"}}},
		{"categories", FieldEdit{Field: "categories", List: []string{"x", "y"}}},
		{"summary removed", FieldEdit{Field: "summary", Value: ""}},
		{"extra added", FieldEdit{Field: "extra", Key: "k", Value: "v"}},
	}
	for _, src := range []string{"frontmatter/yaml-styled.md", "frontmatter/toml-post.md", "frontmatter/json-post.md", "kubecon-2017-austin-summary.md"} {
		name := strings.TrimSuffix(filepath.Base(src), ".md")
		t.Run(name, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join("../testdata", src))
			if err != nil {
				t.Fatal(err)
			}
			p, _, err := post.ParseFile(src, b)
			if err != nil {
				t.Fatal(err)
			}
			head := p.Original.Head
			var got strings.Builder
			for _, e := range edits {
				out, err := ps.EditField(head, e.edit)
				if err != nil {
					t.Fatalf("%s: %v", e.name, err)
				}
				fmt.Fprintf(&got, "=== %s\n%s", e.name, out)
				// Read back, the edit says what the panel asked.
				f, err := ps.Fields(out, 0)
				if err != nil {
					t.Fatalf("%s: the result does not parse: %v", e.name, err)
				}
				if e.name == "title" && f.Values["title"] != "New title" || e.name == "categories" && strings.Join(f.Values["categories"].([]string), "|") != "x|y" {
					t.Errorf("%s: read back as %+v", e.name, f)
				}
			}
			golden := filepath.Join("testdata", "editfield", name+".golden")
			if *updateGolden {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, []byte(got.String()), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if got.String() != string(want) {
				t.Errorf("edits give\n%s\nwant (%s)\n%s", got.String(), golden, want)
			}
		})
	}
}
