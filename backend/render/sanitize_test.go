package render

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"quire/backend/render/safeurl"
)

// hostile are payloads typed into a post. Each runs through the preview and
// the export; the preview must come out inert, and the export must keep the
// author's raw HTML as written while still dropping dangerous Markdown URLs.
var hostile = []struct {
	name string
	md   string
	// raw is true when md is author HTML the export must publish verbatim.
	raw bool
}{
	{"Script", "<script>alert(1)</script>", true},
	{"ScriptInline", "text <script>alert(1)</script> text", true},
	{"BridgeCall", "<script>window.webkit.messageHandlers.external.postMessage('{\"n\":1}')</script>", true},
	{"ImgOnerror", "<img src=x onerror=alert(1)>", true},
	{"SvgOnload", "<svg onload=alert(1)>", true},
	{"SvgXlink", `<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>`, true},
	{"SvgAnimate", `<svg><a><animate attributeName="href" values="javascript:alert(1)"/><text>x</text></a></svg>`, true},
	{"SvgScript", `<svg><script>alert(1)</script></svg>`, true},
	{"IframeSrcdoc", `<iframe srcdoc="<script>alert(1)</script>"></iframe>`, true},
	{"IframeJS", `<iframe src="javascript:alert(1)"></iframe>`, true},
	{"IframeEntityJS", `<iframe src="javascript&colon;alert(1)"></iframe>`, true},
	{"ObjectData", `<object data="javascript:alert(1)"></object>`, true},
	{"EmbedData", `<embed src="data:text/html,<script>alert(1)</script>">`, true},
	{"MarkdownJS", "[x](javascript:alert(1))", false},
	{"MarkdownEntity", "[x](javascript&colon;alert(1))", false},
	{"MarkdownNumeric", "[x](&#x6A;avascript:alert(1))", false},
	{"MarkdownTab", "[x](java&#9;script:alert(1))", false},
	{"MarkdownRef", "[x][r]\n\n[r]: JAVASCRIPT:alert(1)", false},
	{"MarkdownImage", "![x](data:text/html,<b>)", false},
	{"Autolink", "<javascript:alert(1)>", false},
	{"HTMLEntityHref", `<a href="javascript&colon;alert(1)">x</a>`, true},
	{"HTMLTabHref", `<a href="jav&#x09;ascript:alert(1)">x</a>`, true},
	{"HTMLSpaceHref", `<a href="  javascript:alert(1)">x</a>`, true},
	{"MetaRefresh", `<meta http-equiv="refresh" content="0;url=javascript:alert(1)">`, true},
	{"FormAction", `<form action=javascript:alert(1)><input type=submit></form>`, true},
	{"ButtonFormaction", `<button formaction=javascript:alert(1)>x</button>`, true},
	{"DetailsOntoggle", `<details open ontoggle=alert(1)><summary>s</summary></details>`, true},
	{"Base", `<base href="https://evil.example/">`, true},
	{"TargetTop", `<a target=_top href="https://example.com">x</a>`, true},
	{"BodyOnload", `<body onload=alert(1)>`, true},
	{"InputAutofocus", `<input autofocus onfocus=alert(1)>`, true},
	{"Srcset", `<img srcset="javascript:alert(1) 1x">`, true},
	{"Link", `<link rel=stylesheet href="javascript:alert(1)">`, true},
	{"Noscript", `<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>`, true},
	{"MathStyle", `<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>`, true},
	{"SvgStyle", `<svg><style><img src=x onerror=alert(1)></style></svg>`, true},
	{"Template", `<template><img src=x onerror=alert(1)></template>`, true},
	{"Textarea", "<textarea>\n\n<img src=x onerror=alert(1)>", false},
	{"UnclosedQuote", "<div title=\"\n\n[x](http://a/) onmouseover=alert(1) \"", false},
	{"FenceInfoHTML", "```\"><script>alert(1)</script>\ncode\n```", false},
	{"FenceInfoAttr", "```js\"onmouseover=\"alert(1)\ncode\n```", false},
}

func TestPreviewInert(t *testing.T) {
	preview := New(Settings{Preview: true})
	export := New(Settings{})
	for _, tt := range hostile {
		t.Run(tt.name, func(t *testing.T) {
			res, err := preview.RenderBody([]byte(tt.md), 1)
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range inertProblems(t, res.HTML) {
				t.Errorf("preview: %s\nin: %s", p, res.HTML)
			}
			// The preview's HTML must read the same when the browser parses it
			// again, or that parse could build elements the check never saw
			// (mutation XSS). Markdown-only output skips the sanitizer, so
			// it is compared after one pass.
			first := res.HTML
			if !tt.raw {
				if first, err = sanitizePreview(first); err != nil {
					t.Fatal(err)
				}
			}
			again, err := sanitizePreview(first)
			if err != nil {
				t.Fatal(err)
			}
			if again != first {
				t.Errorf("preview output changes on a second parse:\n%s\n%s", first, again)
			}

			exp, err := export.RenderBody([]byte(tt.md), 1)
			if err != nil {
				t.Fatal(err)
			}
			if tt.raw && !strings.Contains(exp.HTML, tt.md) {
				t.Errorf("export changed the author's HTML:\n%s", exp.HTML)
			}
			if !tt.raw {
				// Nothing the author wrote as raw HTML: every element is ours.
				for _, p := range inertProblems(t, exp.HTML) {
					t.Errorf("export: %s\nin: %s", p, exp.HTML)
				}
			}
		})
	}
}

// inertProblems lists what in s could run script or navigate the app.
func inertProblems(t *testing.T, s string) []string {
	t.Helper()
	var problems []string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch strings.ToLower(n.Data) {
			case "script", "iframe", "object", "embed", "base", "meta", "form", "link", "frame", "template", "animate", "set":
				problems = append(problems, "<"+n.Data+"> element")
			case "style":
				if n.Namespace != "" {
					problems = append(problems, "<style> in "+n.Namespace)
				}
			}
			for _, a := range n.Attr {
				k := strings.ToLower(a.Key)
				switch {
				case strings.HasPrefix(k, "on"):
					problems = append(problems, "event handler "+a.Key)
				case k == "srcdoc" || k == "target" || k == "formaction" || k == "action" || k == "http-equiv":
					problems = append(problems, "attribute "+a.Key)
				case urlAttr(a) && dangerousList(a.Val):
					problems = append(problems, "dangerous URL in "+a.Key+"="+a.Val)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	for _, n := range parseFragment(t, s) {
		walk(n)
	}
	return problems
}

func TestEmbedCard(t *testing.T) {
	tests := []struct {
		name, md string
		title    string // in the card
		href     string // the card's link; "" for none
	}{
		{"YouTube", `<iframe width="560" src="https://www.youtube.com/embed/abc" allowfullscreen></iframe>`, "www.youtube.com", "https://www.youtube.com/embed/abc"},
		{"Title", `<iframe title="My &lt;talk&gt;" src="https://player.vimeo.com/video/1"></iframe>`, "My &lt;talk&gt;", "https://player.vimeo.com/video/1"},
		{"ProtocolRelative", `<iframe src="//www.youtube.com/embed/x"></iframe>`, "www.youtube.com", "https://www.youtube.com/embed/x"},
		{"Srcdoc", `<iframe srcdoc="<p>hi</p>"></iframe>`, "Embedded frame", ""},
		{"JavaScript", `<iframe src=" javascript:alert(1)" title="t"></iframe>`, "t", ""},
		{"Inline", `Watch <iframe src="https://example.com/v"></iframe> now`, "example.com", "https://example.com/v"},
	}
	r := New(Settings{Preview: true})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := r.RenderBody([]byte(tt.md), 1)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(res.HTML, `<div class="embed-card"`) || strings.Contains(res.HTML, "<iframe") {
				t.Fatalf("no card:\n%s", res.HTML)
			}
			if !strings.Contains(res.HTML, `<strong class="embed-card-title">`+tt.title+`</strong>`) {
				t.Errorf("card title is not %q:\n%s", tt.title, res.HTML)
			}
			hasLink := strings.Contains(res.HTML, `<a class="embed-card-link" href="`+tt.href+`">`)
			if tt.href != "" && !hasLink || tt.href == "" && strings.Contains(res.HTML, "embed-card-link") {
				t.Errorf("card link is not %q:\n%s", tt.href, res.HTML)
			}
		})
	}
}

func TestPreviewKeepsHarmlessHTML(t *testing.T) {
	md := "<details>\n<summary>More</summary>\n\n*Markdown* inside.\n\n</details>\n\n<figure><img src=\"cat.png\" alt=\"cat\" style=\"width:50%\"><figcaption>A cat</figcaption></figure>\n\n<style>.x{color:red}</style>\n\n<kbd>Ctrl</kbd> <a href=\"https://example.com\" title=\"t\">link</a>\n"
	res, err := New(Settings{Preview: true}).RenderBody([]byte(md), 1)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`<details data-line="1">`, "<summary>More</summary>", `<p data-line="4"><em>Markdown</em> inside.</p>`, "</details>",
		`<img src="cat.png" alt="cat" style="width:50%"/>`, "<figcaption>A cat</figcaption>",
		`<style data-line="10">.x{color:red}</style>`, "<kbd>Ctrl</kbd>", `<a href="https://example.com" title="t">link</a>`,
	} {
		if !strings.Contains(res.HTML, want) {
			t.Errorf("preview lost %s:\n%s", want, res.HTML)
		}
	}
}

// urlAttr lists, independently of the sanitizer's own table, the attributes a
// browser follows or loads.
func urlAttr(a html.Attribute) bool {
	switch strings.ToLower(a.Key) {
	case "href", "src", "action", "formaction", "data", "srcset", "poster", "background", "xlink:href", "codebase", "cite":
		return true
	}
	return false
}

// dangerousList checks a URL, or each item of a srcset-style list.
func dangerousList(v string) bool {
	for _, item := range strings.Split(v, ",") {
		if f := strings.Fields(item); len(f) > 0 && safeurl.Dangerous(f[0]) {
			return true
		}
	}
	return safeurl.Dangerous(v)
}

// sanitizedWhole renders src as the preview does but sanitizes all of it in
// one piece, the simple way that sanitizeChunks must read the same as.
func sanitizedWhole(t testing.TB, s Settings, src []byte) string {
	t.Helper()
	s.Preview, s.SourceLines = false, true
	res, err := New(s).RenderBody(src, 1)
	if err != nil {
		t.Fatal(err)
	}
	out, err := sanitizePreview(res.HTML)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// normal puts HTML in one serialization, so that goldmark's markup and
// x/net/html's compare equal when they build the same tree.
func normal(t testing.TB, s string) string {
	t.Helper()
	out, err := sanitizePreview(s)
	if err != nil {
		t.Fatal(err)
	}
	if out, err = sanitizePreview(out); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestChunksMatchWhole: sanitizing block by block builds the same document as
// sanitizing the whole post, for every input in testdata and the payloads.
func TestChunksMatchWhole(t *testing.T) {
	inputs := map[string]string{
		"DetailsAroundMarkdown": "<details>\n<summary>More</summary>\n\n*Markdown* inside.\n\n</details>\n\nAfter.\n",
		"DivAroundList":         "<div class=\"note\">\n\n- a\n- b\n\n</div>\n\nAfter.\n",
		"UnclosedComment":       "<!-- hidden\n\nStill *hidden*.\n\n-->\n\nShown.\n",
		"UnclosedInline":        "Some <b>bold\n\nstill bold?\n",
		"Misnested":             "<b><i>x</b></i>\n\nnext\n",
		"TableAcrossBlocks":     "<table><tr><td>\n\n*cell*\n\n</td></tr></table>\n\nafter\n",
		"OpenTextarea":          "<textarea>\n\n# not a heading\n\n</textarea>\n\n# heading\n",
		"SVG":                   "<svg><path d=\"M0 0\"/></svg>\n\ntext\n",
		"Plaintext":             "<plaintext>\n\n# swallowed\n",
	}
	for _, h := range hostile {
		inputs["Hostile"+h.name] = h.md
	}
	for _, f := range goldenInputs(t) {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		inputs[filepath.Base(f)] = string(b)
	}
	s := Settings{Typographer: true, Preview: true}
	r := New(s)
	for name, src := range inputs {
		t.Run(name, func(t *testing.T) {
			res, err := r.RenderBody([]byte(src), 1)
			if err != nil {
				t.Fatal(err)
			}
			if got, want := normal(t, res.HTML), normal(t, sanitizedWhole(t, s, []byte(src))); got != want {
				t.Errorf("block-by-block preview differs from the whole:\n%s\n---\n%s", got, want)
			}
		})
	}
}
