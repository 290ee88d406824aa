package export

import (
	"strings"
	"testing"

	"quire/backend/post"
	"quire/backend/render"
)

func TestExcerpt(t *testing.T) {
	long := strings.Repeat("word ", 60)
	for _, tc := range []struct {
		name, summary, body, want string
	}{
		{"Summary", "  The front matter's\nsummary.  ", "# Intro\n\nBody text.\n", "The front matter's summary."},
		{"BeforeMore", "", "# Intro\n\nFirst *part*.\n\n<!--more-->\n\nThe rest.\n", "Intro\nFirst part."},
		{"MoreInFenceIsText", "", "Before.\n\n```html\n<!--more-->\n```\n\nAfter.\n", "Before.\nAfter."},
		{"HeadingsKeepTheirLine", "", "## Intro\n\nDatabases are *fast*, [mostly](https://x.example).\n", "Intro\nDatabases are fast, mostly."},
		{"NoRawMarkdown", "", "Run it:\n\n```go\nfunc main() { fmt.Println(\"hi\") }\n```\n\n| Tool | Use |\n|------|-----|\n| go | build |\n\n- one\n- **two**\n\n> quoted\n",
			"Run it:\none\ntwo\nquoted"},
		{"Entities", "", "Fish &amp; chips -- \"quoted\" <b>bold</b>\n", "Fish & chips – “quoted” bold"},
		{"ImageAlt", "", "![A red bicycle](media/abc.png) by the door.\n", "A red bicycle by the door."},
		{"FirstWords", "", long + "\n", strings.TrimSpace(strings.Repeat("word ", excerptWords)) + "…"},
		{"ReferenceLinkAtTheEnd", "", "See [the notes][n].\n\n" + long + "\n\n[n]: https://x.example\n", "See the notes.\n" + strings.TrimSpace(strings.Repeat("word ", excerptWords-3)) + "…"},
		{"WordAcrossTags", "", "in**cred**ible\n", "incredible"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// The same from a post's own render and from the one lists use
			// for posts whose page is not made (without highlighting).
			for _, noHighlight := range []bool{false, true} {
				r := render.New(render.Settings{Typographer: true, Once: true, NoHighlight: noHighlight})
				got, err := excerpt(r, &post.Post{Summary: tc.summary, Body: tc.body})
				if err != nil {
					t.Fatal(err)
				}
				if got != tc.want {
					t.Errorf("excerpt (NoHighlight %v):\n got %q\nwant %q", noHighlight, got, tc.want)
				}
			}
		})
	}
}
