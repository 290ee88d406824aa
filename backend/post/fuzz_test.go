package post_test

import (
	"testing"

	"quire/backend/post"
)

// FuzzParseFile feeds arbitrary files to the front-matter parser. Whatever it
// accepts it must be able to write back and read again to the same title and
// body, and writing that again must give the same file; nothing may panic. Seeds live in testdata/fuzz/FuzzParseFile.
func FuzzParseFile(f *testing.F) {
	f.Add([]byte("---\ntitle: x\ncategories: a, b\n---\nbody\n"))
	f.Add([]byte("+++\ntitle = 'x'\n[params]\na = 1\n+++\nbody"))
	f.Fuzz(func(t *testing.T, src []byte) {
		fm, _, body, line, err := post.SplitFrontMatter(src)
		if err == nil && (line < 1 || len(fm)+len(body) > len(src)) {
			t.Fatalf("SplitFrontMatter: bodyLine %d, %d+%d bytes of %d", line, len(fm), len(body), len(src))
		}
		p, _, err := post.ParseFile("fuzz.md", src)
		if err != nil {
			return
		}
		out, err := p.MarshalFile()
		if err != nil {
			t.Fatalf("MarshalFile of an accepted file: %v", err)
		}
		again, _, err := post.ParseFile("again.md", out)
		if err != nil {
			t.Fatalf("written file does not parse: %v\n%s", err, out)
		}
		if again.Title != p.Title || again.Body != p.Body || again.Slug != p.Slug {
			t.Fatalf("round trip changed title/slug/body: %q %q -> %q %q", p.Title, p.Body, again.Title, again.Body)
		}
		// Writing is stable: what Quire wrote, read and written again, is
		// the same file, so no value drifts over repeated saves.
		out2, err := again.MarshalFile()
		if err != nil {
			t.Fatal(err)
		}
		if string(out2) != string(out) {
			t.Fatalf("second write differs:\n%s\n---\n%s", out, out2)
		}
	})
}
