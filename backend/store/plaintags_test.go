package store

import (
	"context"
	"testing"

	"quire/backend/post"
)

// A post imported from Hugo or Jekyll shows its text in the library, not
// the syntax of its shortcodes and tags.
func TestListSnippetOfShortcodes(t *testing.T) {
	s, _ := MustOpen(t)
	MustCreate(t, s, &post.Post{Title: "Hugo", Body: "Intro {{< youtube w7Ft2ymGmfc >}}\n\n" +
		"{{< figure src=\"/cat.png\" caption=\"The cat\" >}}\n\n{{< highlight go >}}\nx := 1\n{{< /highlight >}}\n\n" +
		"See [the other post]({{< ref \"other.md\" >}}). {{% notice %}}Mind it{{% /notice %}}"})
	MustCreate(t, s, &post.Post{Title: "Jekyll", Body: "{% include note.html text=\"Ruby 3\" %}\n\nRead [first]({% post_url 2020-01-01-first %}) " +
		"at {{ site.baseurl }}/x.\n\n{% highlight ruby %}\nputs 1\n{% endhighlight %}"})
	res, err := s.ListPosts(context.Background(), ListOptions{Sort: "title"})
	if err != nil || len(res.Posts) != 2 {
		t.Fatal(res, err)
	}
	want := map[string]string{
		"Hugo":   "Intro [video] The cat x := 1 See the other post. [notice] Mind it",
		"Jekyll": "Read first at /x. puts 1",
	}
	for _, p := range res.Posts {
		if p.Snippet != want[p.Title] {
			t.Errorf("%s: snippet %q, want %q", p.Title, p.Snippet, want[p.Title])
		}
	}
}
