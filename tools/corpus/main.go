// Command corpus writes a reproducible corpus of Markdown blog posts for the
// benchmarks (scripts/bench.sh): front matter with a title, slug, date,
// categories, tags and a summary (some posts are drafts), and bodies with
// headings, paragraphs with inline markup and links, images, lists, task
// lists, fenced code, tables and quotes. The sample post (the project's
// testdata/kubecon-2017-austin-summary.md, read from -sample) is one of them.
//
//	go run ./tools/corpus -n 1000 -seed 1 -out DIR [-large FILE -large-size BYTES] [-sample FILE]
//
// The same flags always give the same bytes: one seeded generator, fixed
// dates, no maps iterated, nothing read from the clock or the machine.
package main

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// SampleName is the file name of the sample post in every corpus.
const SampleName = "kubecon-2017-austin-summary.md"

func main() {
	n := flag.Int("n", 1000, "number of posts (the sample post is one of them)")
	seed := flag.Uint64("seed", 1, "random seed: the same seed gives the same bytes")
	out := flag.String("out", "", "folder to write the posts into (created; must be empty or missing)")
	large := flag.String("large", "", "also write one large post without front matter to this file")
	largeSize := flag.Int("large-size", 1<<20, "size in bytes of the -large post")
	samplePath := flag.String("sample", filepath.Join("testdata", SampleName), "the sample post to include (run from the repository's root, or name it)")
	flag.Parse()
	if *out == "" && *large == "" {
		fmt.Fprintln(os.Stderr, "corpus: -out DIR or -large FILE is required")
		flag.Usage()
		os.Exit(2)
	}
	if *out != "" {
		sample, err := os.ReadFile(*samplePath)
		if err != nil {
			fmt.Fprintln(os.Stderr, "corpus: the sample post:", err)
			os.Exit(1)
		}
		if err := WriteCorpus(*out, *n, *seed, sample); err != nil {
			fmt.Fprintln(os.Stderr, "corpus:", err)
			os.Exit(1)
		}
	}
	if *large != "" {
		if err := os.WriteFile(*large, Large(*largeSize, *seed), 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "corpus:", err)
			os.Exit(1)
		}
	}
}

// WriteCorpus writes n posts into dir, the sample post (its text given) among them.
func WriteCorpus(dir string, n int, seed uint64, sample []byte) error {
	if n < 1 {
		return fmt.Errorf("-n must be at least 1, not %d", n)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if ents, err := os.ReadDir(dir); err != nil {
		return err
	} else if len(ents) > 0 {
		return fmt.Errorf("%s is not empty", dir)
	}
	if err := os.WriteFile(filepath.Join(dir, SampleName), sample, 0o644); err != nil {
		return err
	}
	g := newGen(seed)
	for i := 1; i < n; i++ {
		name, src := g.post(i)
		if err := os.WriteFile(filepath.Join(dir, name), src, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// Large returns one post body of about size bytes (cut at a block boundary,
// at least one block), with no front matter, so a Markdown-only renderer and
// Quire read the same text.
func Large(size int, seed uint64) []byte {
	g := newGen(seed ^ 0x9e3779b97f4a7c15)
	var b strings.Builder
	b.WriteString("# A long post\n\n")
	for part := 1; b.Len() < size; part++ {
		fmt.Fprintf(&b, "## Part %d: %s\n\n", part, g.title())
		g.body(&b, 4+g.r.IntN(6))
	}
	return []byte(b.String())
}

type gen struct{ r *rand.Rand }

func newGen(seed uint64) *gen { return &gen{rand.New(rand.NewPCG(seed, 0x51a7e))} }

var (
	words = strings.Fields(`the a of to and in is it that for on with as this was are be by at from or
	an have not but we you they which one all their there been when more can what so if about into than
	them some would only other time just like also how then its our after first two new way because most
	over these may where much very through back even still well should here those work use used make
	build run fast slow small large simple clear better every each same different real file files
	post posts page pages site blog write writing read reader draft theme layout template markdown
	server client request response cache memory disk network cluster node pod container image service
	deploy release version config test tests benchmark query index table column row database store
	search editor preview export import folder path link links code function method type value error
	morning evening week year trip city river mountain coffee garden kitchen book notes talk keynote
	conference speaker audience question answer idea plan change problem solution reason result`)
	titleWords = strings.Fields(`Notes Thoughts Lessons Building Running Debugging Writing Reading
	Kubernetes Containers Go Rust SQLite Markdown Hugo Static Sites Offline Editors Caching Indexes
	Benchmarks Travel Austin Lisbon Coffee Gardening Weekly Review Migrating Scaling Testing Deploying
	Shipping Profiling Refactoring Learning Teaching Small Large Fast Slow Quiet Practical Honest`)
	categories = strings.Fields(`engineering kubernetes golang databases writing travel cooking
	tools conferences web security devops photography books`)
	tags = strings.Fields(`go rust sqlite postgres k8s docker helm hugo jekyll markdown css html
	javascript typescript linux debian performance testing ci release notes howto review talk
	austin berlin lisbon tokyo coffee bread garden camera film reading`)
	langs = []string{"go", "bash", "yaml", "javascript", "python", "sql", ""}
	hosts = []string{"example.com", "go.dev", "kubernetes.io", "sqlite.org", "developer.mozilla.org", "github.com"}
)

func (g *gen) pick(s []string) string { return s[g.r.IntN(len(s))] }

func (g *gen) title() string {
	n := 2 + g.r.IntN(5)
	w := make([]string, n)
	for i := range w {
		w[i] = g.pick(titleWords)
	}
	return strings.Join(w, " ")
}

// sentence writes a sentence with inline markup now and then.
func (g *gen) sentence(b *strings.Builder) {
	n := 6 + g.r.IntN(16)
	for i := 0; i < n; i++ {
		w := g.pick(words)
		if i == 0 {
			w = strings.ToUpper(w[:1]) + w[1:]
		}
		if i > 0 {
			b.WriteByte(' ')
		}
		switch k := g.r.IntN(60); {
		case k == 0:
			fmt.Fprintf(b, "*%s*", w)
		case k == 1:
			fmt.Fprintf(b, "**%s**", w)
		case k == 2:
			fmt.Fprintf(b, "`%s()`", w)
		case k == 3:
			fmt.Fprintf(b, "[%s %s](https://%s/%s/%s)", w, g.pick(words), g.pick(hosts), g.pick(words), g.pick(words))
		case k == 4:
			fmt.Fprintf(b, "~~%s~~", w)
		case k == 5 && i > 0:
			fmt.Fprintf(b, "%s,", w)
		default:
			b.WriteString(w)
		}
	}
	if g.r.IntN(40) == 0 {
		fmt.Fprintf(b, " (see https://%s/%s)", g.pick(hosts), g.pick(words))
	}
	b.WriteString(".")
}

func (g *gen) paragraph(b *strings.Builder) {
	n := 2 + g.r.IntN(5)
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteByte(' ')
		}
		g.sentence(b)
	}
	b.WriteString("\n\n")
}

func (g *gen) list(b *strings.Builder) {
	n := 3 + g.r.IntN(5)
	kind := g.r.IntN(3) // 0 bullets, 1 numbered, 2 tasks
	for i := 0; i < n; i++ {
		switch kind {
		case 0:
			b.WriteString("- ")
		case 1:
			fmt.Fprintf(b, "%d. ", i+1)
		case 2:
			if g.r.IntN(2) == 0 {
				b.WriteString("- [x] ")
			} else {
				b.WriteString("- [ ] ")
			}
		}
		g.sentence(b)
		b.WriteByte('\n')
		if kind == 0 && g.r.IntN(4) == 0 {
			for j := 0; j < 1+g.r.IntN(3); j++ {
				b.WriteString("  - ")
				g.sentence(b)
				b.WriteByte('\n')
			}
		}
	}
	b.WriteByte('\n')
}

func (g *gen) code(b *strings.Builder) {
	lang := g.pick(langs)
	fmt.Fprintf(b, "```%s\n", lang)
	n := 3 + g.r.IntN(15)
	for i := 0; i < n; i++ {
		a, c := g.pick(words), g.pick(words)
		switch lang {
		case "go":
			fmt.Fprintf(b, "\tif err := %s.%s(ctx, %q); err != nil {\n\t\treturn fmt.Errorf(\"%s: %%w\", err)\n\t}\n", a, strings.ToUpper(c[:1])+c[1:], g.pick(words), a)
		case "bash":
			fmt.Fprintf(b, "%s --%s=%d ./%s | grep -v '%s'\n", a, c, g.r.IntN(100), g.pick(words), g.pick(words))
		case "yaml":
			fmt.Fprintf(b, "%s:\n  %s: %d\n  enabled: %v\n", a, c, g.r.IntN(1000), g.r.IntN(2) == 0)
		case "javascript":
			fmt.Fprintf(b, "const %s = await %s(%q, { %s: %d }) // <%s>\n", a, c, g.pick(words), g.pick(words), g.r.IntN(50), g.pick(words))
		case "python":
			fmt.Fprintf(b, "def %s_%d(%s):\n    return [%s for x in range(%d) if x > 2]\n", a, i, c, c, g.r.IntN(99))
		case "sql":
			fmt.Fprintf(b, "SELECT %s, count(*) FROM %s WHERE %s > %d GROUP BY 1;\n", a, c, g.pick(words), g.r.IntN(1000))
		default:
			fmt.Fprintf(b, "%s %s %s & %s < %d\n", a, c, g.pick(words), g.pick(words), g.r.IntN(10))
		}
	}
	b.WriteString("```\n\n")
}

func (g *gen) table(b *strings.Builder) {
	cols := 3 + g.r.IntN(3)
	rows := 3 + g.r.IntN(6)
	for c := 0; c < cols; c++ {
		fmt.Fprintf(b, "| %s ", strings.ToUpper(g.pick(words)[:1])+g.pick(words)[1:])
	}
	b.WriteString("|\n")
	for c := 0; c < cols; c++ {
		if c == 0 {
			b.WriteString("|:---")
		} else {
			b.WriteString("|---:")
		}
	}
	b.WriteString("|\n")
	for r := 0; r < rows; r++ {
		for c := 0; c < cols; c++ {
			if c == 0 {
				fmt.Fprintf(b, "| %s %s ", g.pick(words), g.pick(words))
			} else {
				fmt.Fprintf(b, "| %d.%d ", g.r.IntN(1000), g.r.IntN(10))
			}
		}
		b.WriteString("|\n")
	}
	b.WriteByte('\n')
}

func (g *gen) image(b *strings.Builder) {
	w := g.pick(words)
	fmt.Fprintf(b, "![A %s %s](/images/%s-%d.jpg \"%s\")\n\n", w, g.pick(words), w, g.r.IntN(1000), g.title())
}

func (g *gen) quote(b *strings.Builder) {
	b.WriteString("> ")
	g.sentence(b)
	b.WriteString("\n>\n> ")
	g.sentence(b)
	b.WriteString("\n\n")
}

// body writes blocks sections, each a heading and a few blocks.
func (g *gen) body(b *strings.Builder, sections int) {
	g.paragraph(b)
	for s := 0; s < sections; s++ {
		level := "##"
		if s > 0 && g.r.IntN(3) == 0 {
			level = "###"
		}
		fmt.Fprintf(b, "%s %s\n\n", level, g.title())
		for k := 0; k < 1+g.r.IntN(3); k++ {
			switch g.r.IntN(10) {
			case 0, 1:
				g.list(b)
			case 2, 3:
				g.code(b)
			case 4:
				g.table(b)
			case 5:
				g.image(b)
			case 6:
				g.quote(b)
			default:
				g.paragraph(b)
			}
		}
		g.paragraph(b)
	}
}

var epoch = time.Date(2012, 1, 1, 8, 0, 0, 0, time.UTC)

// post returns the file name and text of post number i (1-based; 0 is the sample).
func (g *gen) post(i int) (string, []byte) {
	title := g.title()
	slug := fmt.Sprintf("%s-%d", strings.ToLower(strings.ReplaceAll(title, " ", "-")), i)
	// Nine hours apart from 2012 on (10,000 posts reach 2022): all in the past.
	date := epoch.Add(time.Duration(i)*9*time.Hour + time.Duration(g.r.IntN(3600))*time.Second)
	var b strings.Builder
	b.WriteString("---\n")
	fmt.Fprintf(&b, "title: %q\n", title)
	fmt.Fprintf(&b, "slug: %s\n", slug)
	fmt.Fprintf(&b, "date: %s\n", date.Format(time.RFC3339))
	if g.r.IntN(10) == 0 {
		b.WriteString("draft: true\n")
	}
	b.WriteString("categories:\n")
	for _, c := range g.distinct(categories, 1+g.r.IntN(2)) {
		fmt.Fprintf(&b, "  - %s\n", c)
	}
	fmt.Fprintf(&b, "tags: [%s]\n", strings.Join(g.distinct(tags, 1+g.r.IntN(4)), ", "))
	var sum strings.Builder
	g.sentence(&sum)
	fmt.Fprintf(&b, "summary: %q\n", stripMarkup(sum.String()))
	b.WriteString("---\n\n")
	g.body(&b, 2+g.r.IntN(6))
	return fmt.Sprintf("%05d-%s.md", i, slug), []byte(b.String())
}

// distinct picks k different entries of s, in the order picked.
func (g *gen) distinct(s []string, k int) []string {
	out := make([]string, 0, k)
	for len(out) < k {
		v := g.pick(s)
		dup := false
		for _, o := range out {
			dup = dup || o == v
		}
		if !dup {
			out = append(out, v)
		}
	}
	return out
}

func stripMarkup(s string) string {
	return strings.NewReplacer("*", "", "`", "", "~", "", "[", "", "]", "").Replace(s)
}
