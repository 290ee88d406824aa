package store

import (
	"strings"
	"testing"
)

func TestPlainText(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"Plain", "Just words.", "Just words."},
		{"Heading", "## Keynote Summaries\n\nText", "Keynote Summaries Text"},
		{"Emphasis", "Some *text* and __bold__ and `code`.", "Some text and bold and code."},
		{"Link", "See [the site](https://example.com) now", "See the site now"},
		{"Image", "![a cat](cat.png) sat", "a cat sat"},
		{"HTML", `<iframe width="560" src="x"></iframe> after`, "after"},
		{"Lists", "- one\n* two\n1. three\n> quoted", "one two three quoted"},
		{"Fence", "```go\nx := 1\n```\nafter", "x := 1 after"},
		{"Rule", "above\n\n---\n\nbelow", "above below"},
		{"KeepsHyphens", "well-known k8s 2017-12-06", "well-known k8s 2017-12-06"},
		{"HugoEmbed", "Watch {{< youtube w7Ft2ymGmfc >}} now", "Watch [video] now"},
		{"HugoFigure", `{{< figure src="/a.png" caption="The cat, asleep" >}} more`, "The cat, asleep more"},
		{"HugoFigureBare", `{{< figure src="/a.png" >}}`, "[image]"},
		{"HugoPair", "{{< highlight go >}}\nx := 1\n{{< /highlight >}}\nafter", "x := 1 after"},
		{"HugoRefLink", `See [the other post]({{< ref "other.md" >}}) too`, "See the other post too"},
		{"HugoMarkdownForm", "{{% notice warning %}}Careful{{% /notice %}}", "[notice] Careful"},
		{"HugoSelfClosed", "{{< gist spf13 7896402 />}}", "[gist]"},
		{"LiquidInclude", "{% include note.html text=\"x\" %} Then {% raw %}{{ kept }}{% endraw %}.", "Then ."},
		{"LiquidHighlight", "{% highlight ruby linenos %}\nputs 1\n{% endhighlight %}", "puts 1"},
		{"LiquidLink", "[First]({% post_url 2020-01-01-first-post %}) and {{ site.baseurl }}/x", "First and /x"},
		{"GoTemplateText", "Write {{ .Title }} in the template", "Write {{ .Title }} in the template"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := strings.Join(strings.Fields(plainText(tt.in)), " ")
			if got != tt.want {
				t.Errorf("plainText(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
