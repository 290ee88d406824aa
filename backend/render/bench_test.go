package render

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/renderer/html"

	"quire/backend/post"
	"quire/backend/render/highlight"
)

// The targets (issue 16): the sample post under 350 µs; the post of 60
// fences in languages chroma does not know within 1.5x of its NoHighlight
// twin. Compare runs with benchstat; nothing here asserts on time.
//
//	go test -tags sqlite_fts5 -run '^$' -bench . -benchmem ./backend/render/

func BenchmarkRenderSeed(b *testing.B) {
	benchRender(b, Settings{Typographer: true}, mustRead(b, samplePath))
}

func BenchmarkRenderSeedPreview(b *testing.B) {
	benchRender(b, Settings{Typographer: true, Preview: true}, mustRead(b, samplePath))
}

func BenchmarkRender1MB(b *testing.B) {
	benchRender(b, Settings{Typographer: true}, bigPost(1<<20))
}

// BenchmarkRender1MBCold is the first render of a post: the shared cache of
// highlighted code emptied each time (the others measure re-renders, as the
// preview does on every keystroke).
func BenchmarkRender1MBCold(b *testing.B) {
	src := bigPost(1 << 20)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		highlight.ForgetCache()
		if _, err := New(Settings{Typographer: true}).Render(src); err != nil {
			b.Fatal(err)
		}
	}
}

// unknownFences is a post of 60 fences in languages chroma does not know
// ("example", "{note}", "mermaid"...), as tool documentation has them.
const unknownFences = "testdata/bench/unknown-fences.md"

// BenchmarkRenderUnknownFences and its NoHighlight twin: with highlighting,
// such fences are to cost next to nothing (a remembered miss each).
func BenchmarkRenderUnknownFences(b *testing.B) {
	benchRender(b, Settings{Typographer: true}, mustRead(b, unknownFences))
}

func BenchmarkRenderUnknownFencesNoHighlight(b *testing.B) {
	benchRender(b, Settings{Typographer: true, NoHighlight: true}, mustRead(b, unknownFences))
}

// BenchmarkRender200KBPreview is the backend's share of the 200 KB
// keystroke-to-preview target (150 ms at p95 in the browser).
func BenchmarkRender200KBPreview(b *testing.B) {
	benchRender(b, Settings{Typographer: true, Preview: true}, bigPost(200<<10))
}

func BenchmarkRender1MBPreview(b *testing.B) {
	benchRender(b, Settings{Typographer: true, Preview: true}, bigPost(1<<20))
}

func benchRender(b *testing.B, s Settings, src []byte) {
	r := New(s)
	if _, err := r.Render(src); err != nil { // also builds goldmark's lazy state
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	b.ResetTimer()
	cpu := processCPU()
	for b.Loop() {
		if _, err := r.Render(src); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, cpu)
}

// reportCPU adds cpu-ns/op, the process's CPU time per operation since
// start: on a machine shared with other work, ns/op counts the time spent
// waiting for a core, which CPU time does not.
func reportCPU(b *testing.B, start int64) {
	b.ReportMetric(float64(processCPU()-start)/float64(b.N), "cpu-ns/op")
}

func mustRead(b *testing.B, path string) []byte {
	src, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	return src
}

// bigPost builds a post of about size bytes from varied Markdown, the same
// every time (fixed seed): prose with inline markup, headings, lists, task
// lists, quotes, tables, highlighted code, footnotes and the odd embed.
func bigPost(size int) []byte {
	rng := rand.New(rand.NewPCG(4, 2026))
	words := strings.Fields("the quick brown fox jumps over a lazy dog while kubernetes schedules pods " +
		"across nodes and the service mesh routes traffic through sidecars with retries timeouts " +
		"and circuit breakers so that writers can publish posts offline without a server")
	sentence := func() string {
		n := 8 + rng.IntN(14)
		var s strings.Builder
		for i := 0; i < n; i++ {
			if i > 0 {
				s.WriteByte(' ')
			}
			w := words[rng.IntN(len(words))]
			switch rng.IntN(30) {
			case 0:
				w = "*" + w + "*"
			case 1:
				w = "**" + w + "**"
			case 2:
				w = "`" + w + "`"
			case 3:
				w = "[" + w + "](https://example.com/" + w + ")"
			case 4:
				w = "\"" + w + "\""
			}
			s.WriteString(w)
		}
		return strings.ToUpper(s.String()[:1]) + s.String()[1:] + "."
	}
	var b strings.Builder
	b.WriteString("---\ntitle: \"A long post\"\ndate: 2024-01-02\ntags: [bench]\n---\n\n")
	for i := 0; b.Len() < size; i++ {
		switch i % 12 {
		case 0:
			fmt.Fprintf(&b, "## Section %d\n\n", i/12)
		case 1, 2, 4, 7, 9:
			for j := 0; j < 3+rng.IntN(4); j++ {
				b.WriteString(sentence())
				b.WriteByte(' ')
			}
			b.WriteString("\n\n")
		case 3:
			for j := 0; j < 4; j++ {
				fmt.Fprintf(&b, "- %s\n", sentence())
			}
			b.WriteString("- [x] done\n- [ ] to do\n\n")
		case 5:
			fmt.Fprintf(&b, "> %s\n>\n> %s\n\n", sentence(), sentence())
		case 6:
			b.WriteString("| Name | Value | Note |\n|:-----|------:|------|\n")
			for j := 0; j < 5; j++ {
				fmt.Fprintf(&b, "| %s | %d | %s |\n", words[rng.IntN(len(words))], rng.IntN(1000), words[rng.IntN(len(words))])
			}
			b.WriteString("\n")
		case 8:
			if i%24 == 8 {
				fmt.Fprintf(&b, "```go\nfunc handler%d(w http.ResponseWriter, r *http.Request) {\n\tif err := render(w, r); err != nil {\n\t\thttp.Error(w, err.Error(), %d)\n\t}\n}\n```\n\n", i, 500+i)
			} else {
				fmt.Fprintf(&b, "```python\ndef fib%d(n):\n    a, b = 0, %d\n    for _ in range(n):\n        a, b = b, a + b\n    return a\n```\n\n", i, i)
			}
		case 10:
			fmt.Fprintf(&b, "A note[^n%d] on this.\n\n[^n%d]: %s\n\n", i, i, sentence())
		case 11:
			if i%48 == 11 {
				fmt.Fprintf(&b, "<iframe width=\"560\" height=\"315\" src=\"https://www.youtube.com/embed/v%d\" allowfullscreen></iframe>\n\n", i)
			} else {
				b.WriteString("1. one\n2. two\n   1. nested\n\n---\n\n")
			}
		}
	}
	return []byte(b.String())
}

// BenchmarkGoldmarkBaseline is plain goldmark with the same extensions but
// no highlighting and no Quire passes, for reading the figures above against
// (the machine's load moves them all).
func BenchmarkGoldmarkBaseline(b *testing.B) {
	benchGoldmark(b, mustRead(b, samplePath))
}

func BenchmarkGoldmarkBaseline1MB(b *testing.B) {
	benchGoldmark(b, bigPost(1<<20))
}

func benchGoldmark(b *testing.B, src []byte) {
	md := goldmark.New(goldmark.WithExtensions(extension.GFM, extension.Footnote, extension.DefinitionList, extension.Typographer),
		goldmark.WithRendererOptions(html.WithUnsafe()))
	var buf bytes.Buffer
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	cpu := processCPU()
	for b.Loop() {
		buf.Reset()
		if err := md.Convert(src, &buf); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, cpu)
}

// BenchmarkShortcodeProblems* are what an import adds per post to say
// which shortcodes will not render: nothing for a post without "{{" or
// "{%" (the sample post), a parse without HTML for one with a tag.
func BenchmarkShortcodeProblemsSeed(b *testing.B) {
	benchProblems(b, mustRead(b, samplePath))
}

func BenchmarkShortcodeProblemsSeedTagged(b *testing.B) {
	benchProblems(b, append(mustRead(b, samplePath), "\n{{< youtube w7Ft2ymGmfc >}}\n"...))
}

func benchProblems(b *testing.B, src []byte) {
	r := New(Settings{NoHighlight: true, Once: true})
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		r.ShortcodeProblems(nil, src, 1)
	}
}

// BenchmarkGuardInputSeed is guardInput alone on the sample post's body:
// what the guards against goldmark's quadratic inputs cost a real post.
func BenchmarkGuardInputSeed(b *testing.B) {
	_, _, body, _, _ := post.SplitFrontMatter(mustRead(b, samplePath))
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		guardInput(body, 1)
	}
}

// BenchmarkFrontMatterSeedPreview is a preview render of the sample post's
// front matter alone, as the preview repeats it on every keystroke.
func BenchmarkFrontMatterSeedPreview(b *testing.B) {
	src := mustRead(b, samplePath)
	_, _, body, _, _ := post.SplitFrontMatter(src)
	benchRender(b, Settings{Typographer: true, Preview: true}, src[:len(src)-len(body)])
}
