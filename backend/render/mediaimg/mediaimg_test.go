package mediaimg

import "testing"

const cat = "0123456789abcdef.png"

func look(name string) (Image, bool) {
	switch name {
	case cat:
		return Image{Src: "/blog/media/" + name, Width: 1600, Height: 900,
			Srcset: "/blog/media/0123456789abcdef-640w.png 640w, /blog/media/0123456789abcdef.png 1600w", Sizes: "(max-width: 42rem) 100vw, 42rem", Lazy: true}, true
	case "aaaaaaaaaaaaaaaa.svg":
		return Image{Src: "/media/" + name}, true
	}
	return Image{}, false
}

func TestRewrite(t *testing.T) {
	for _, tt := range []struct{ name, in, want string }{
		{"Goldmark",
			`<p><img src="media/0123456789abcdef.png" alt="A cat"></p>`,
			`<p><img src="/blog/media/0123456789abcdef.png" alt="A cat" width="1600" height="900" srcset="/blog/media/0123456789abcdef-640w.png 640w, /blog/media/0123456789abcdef.png 1600w" sizes="(max-width: 42rem) 100vw, 42rem" loading="lazy" decoding="async"></p>`},
		{"XHTMLAndTitle",
			`<img src="./media/aaaaaaaaaaaaaaaa.svg" alt="logo" title="Our &quot;logo&quot;" />`,
			`<img src="/media/aaaaaaaaaaaaaaaa.svg" alt="logo" title="Our &quot;logo&quot;" />`},
		{"RawHTMLKeepsAuthorSize",
			`<IMG width=300 SRC='media/0123456789abcdef.png'>`,
			`<IMG width=300 SRC='/blog/media/0123456789abcdef.png' srcset="/blog/media/0123456789abcdef-640w.png 640w, /blog/media/0123456789abcdef.png 1600w" sizes="(max-width: 42rem) 100vw, 42rem" loading="lazy" decoding="async">`},
		{"UnquotedSrc",
			`<img src=media/aaaaaaaaaaaaaaaa.svg>`,
			`<img src="/media/aaaaaaaaaaaaaaaa.svg">`},
		{"UnknownNameLeftAlone",
			`<img src="media/ffffffffffffffff.png" alt="x">`,
			`<img src="media/ffffffffffffffff.png" alt="x">`},
		{"NotMediaLeftAlone",
			`<img src="https://example.org/media/0123456789abcdef.png"><img src="../media/0123456789abcdef.png"><a href="media/0123456789abcdef.png">link</a>`,
			`<img src="https://example.org/media/0123456789abcdef.png"><img src="../media/0123456789abcdef.png"><a href="media/0123456789abcdef.png">link</a>`},
		{"TextMentioningMedia",
			`<p>see media/0123456789abcdef.png and <code>&lt;img src="media/0123456789abcdef.png"&gt;</code></p>`,
			`<p>see media/0123456789abcdef.png and <code>&lt;img src="media/0123456789abcdef.png"&gt;</code></p>`},
		{"QuotedGreaterThan",
			`<img alt="a > b" src="media/aaaaaaaaaaaaaaaa.svg"> after`,
			`<img alt="a > b" src="/media/aaaaaaaaaaaaaaaa.svg"> after`},
		{"Unclosed", `<img src="media/0123456789abcdef.png"`, `<img src="media/0123456789abcdef.png"`},
		{"Imgur", `<imgur src="media/0123456789abcdef.png">`, `<imgur src="media/0123456789abcdef.png">`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := Rewrite(tt.in, look); got != tt.want {
				t.Errorf("Rewrite\n got %s\nwant %s", got, tt.want)
			}
		})
	}
}

func TestName(t *testing.T) {
	for src, want := range map[string]string{
		"media/" + cat:        cat,
		"./media/" + cat:      cat,
		"/media/" + cat:       "",
		"media/" + cat + "?x": "",
		"media/cat.png":       "",
	} {
		if got, _ := Name(src); got != want {
			t.Errorf("Name(%q) = %q, want %q", src, got, want)
		}
	}
}
