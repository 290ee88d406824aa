package media

import (
	"strings"
	"testing"
)

func TestCleanSVG(t *testing.T) {
	const ns = `xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"`
	for _, tc := range []struct{ name, in string }{
		{"Script", `<svg ` + ns + `><script>alert(1)</script><rect width="1" height="1"/></svg>`},
		{"ScriptCDATA", `<svg ` + ns + `><script type="text/javascript"><![CDATA[alert(1)]]></script><rect width="1"/></svg>`},
		{"PrefixedScript", `<s:svg xmlns:s="http://www.w3.org/2000/svg"><s:script>alert(1)</s:script><s:rect width="1"/></s:svg>`},
		{"OnLoad", `<svg ` + ns + ` onload="alert(1)"><rect width="1" ONCLICK="alert(1)"/></svg>`},
		{"JavascriptLink", `<svg ` + ns + `><a xlink:href=" java&#x09;script:alert(1)"><rect width="1"/></a><a href="javascript:alert(1)">x</a></svg>`},
		{"AnimateHref", `<svg ` + ns + `><a><animate attributeName="href" to="javascript:alert(1)"/><rect width="1"/></a><set attributeName="onmouseover" to="alert(1)"/></svg>`},
		{"ForeignObject", `<svg ` + ns + `><foreignObject><body xmlns="http://www.w3.org/1999/xhtml"><img src="x" onerror="alert(1)"/><script>alert(1)</script></body></foreignObject><rect width="1"/></svg>`},
		{"Stylesheet", `<?xml version="1.0"?><?xml-stylesheet href="javascript:alert(1)"?><svg ` + ns + `><rect width="1"/></svg>`},
		{"Entities", `<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x "javascript:alert(1)">]><svg ` + ns + `><rect width="1"/></svg>`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, n, err := CleanSVG([]byte(tc.in))
			if err != nil {
				t.Fatal(err)
			}
			low := strings.ToLower(string(out))
			for _, bad := range []string{"script", "alert", "onload", "onclick", "onerror", "foreignobject", "<!doctype"} {
				if strings.Contains(low, bad) {
					t.Errorf("%q left in %s", bad, out)
				}
			}
			if !strings.Contains(low, "rect") {
				t.Errorf("the drawing is gone: %s", out)
			}
			if tc.name != "Entities" && n == 0 {
				t.Errorf("nothing reported removed")
			}
			if info, err := Sniff(out); err != nil || info.MIME != "image/svg+xml" {
				t.Errorf("the result is not an SVG: %v %s", err, out)
			}
		})
	}
	// A clean drawing keeps everything it draws with.
	in := `<?xml version="1.0" encoding="UTF-8"?><svg ` + ns + ` width="10" height="5"><defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient></defs><rect width="10" height="5" fill="url(#g)"/><a xlink:href="https://example.org/?a=1&amp;b=&quot;2&quot;"><text x="1" y="4">A &lt; B</text></a><use xlink:href="#g"/></svg>`
	out, n, err := CleanSVG([]byte(in))
	if err != nil || n != 0 {
		t.Fatalf("clean SVG: %d removed, %v", n, err)
	}
	for _, want := range []string{`<?xml version="1.0" encoding="UTF-8"?>`, `xmlns:xlink="http://www.w3.org/1999/xlink"`, `xlink:href="https://example.org/?a=1&amp;b=&#34;2&#34;"`, `A &lt; B`, `fill="url(#g)"`, `<use xlink:href="#g"></use>`} {
		if !strings.Contains(string(out), want) {
			t.Errorf("lacks %s:\n%s", want, out)
		}
	}
	if info, err := Sniff(out); err != nil || info.Width != 10 || info.Height != 5 {
		t.Errorf("sniff: %+v %v", info, err)
	}
}
