// Command realcorpus writes a corpus of blog posts from Markdown that others
// wrote and that is already on a development machine: the READMEs, guides and
// docs in frontend/node_modules and in the Go module cache. Generated posts
// (tools/corpus) flatter a renderer; real ones have every fence language,
// every odd heading and every long table that people really write.
//
//	go run ./tools/realcorpus -n 1000 -out DIR [-from DIR]... [-large FILE -large-size BYTES]
//
// Each file gets front matter of its own (any it had is dropped: Jekyll or
// Hugo keys of another site mean nothing here): a title from its first
// heading or its path, a slug, a date, a category for where it came from and
// a tag for its package. Files are taken once by content, in the order of
// their SHA-256, so that the same files on two machines give the same corpus,
// and a package with many versions in the cache is not over-represented
// in the first posts. Files that use Hugo shortcodes ({{< >}}), that are not
// UTF-8, or that are under 512 bytes or over 512 KB are left out.
package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ",") }
func (m *multiFlag) Set(s string) error { *m = append(*m, s); return nil }

func main() {
	var from multiFlag
	flag.Var(&from, "from", "folder to read Markdown from (repeatable; default: frontend/node_modules and the Go module cache)")
	n := flag.Int("n", 1000, "number of posts (fewer if the folders hold fewer files)")
	out := flag.String("out", "", "folder to write the posts into (created; must be empty or missing)")
	large := flag.String("large", "", "also write one large document without front matter, the posts' bodies one after another, to this file")
	largeSize := flag.Int("large-size", 15<<20, "size in bytes of the -large document")
	flag.Parse()
	if *out == "" && *large == "" {
		fmt.Fprintln(os.Stderr, "realcorpus: -out DIR or -large FILE is required")
		flag.Usage()
		os.Exit(2)
	}
	if len(from) == 0 {
		from = defaultSources()
	}
	docs, err := Collect(from)
	if err != nil {
		fmt.Fprintln(os.Stderr, "realcorpus:", err)
		os.Exit(1)
	}
	if len(docs) == 0 {
		fmt.Fprintf(os.Stderr, "realcorpus: no Markdown found in %s (run npm ci in frontend/, or go mod download)\n", strings.Join(from, ", "))
		os.Exit(3) // scripts/bench.sh notes it rather than failing
	}
	if *out != "" {
		written, err := WriteCorpus(*out, docs, *n)
		if err != nil {
			fmt.Fprintln(os.Stderr, "realcorpus:", err)
			os.Exit(1)
		}
		fmt.Fprintf(os.Stderr, "realcorpus: %d posts in %s (of %d documents found)\n", written, *out, len(docs))
	}
	if *large != "" {
		if err := os.WriteFile(*large, Large(docs, *largeSize), 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "realcorpus:", err)
			os.Exit(1)
		}
	}
}

// defaultSources are frontend/node_modules (from the repository's root) and
// the Go module cache, those of them that exist.
func defaultSources() []string {
	var dirs []string
	if fi, err := os.Stat(filepath.Join("frontend", "node_modules")); err == nil && fi.IsDir() {
		dirs = append(dirs, filepath.Join("frontend", "node_modules"))
	}
	if b, err := exec.Command("go", "env", "GOMODCACHE").Output(); err == nil {
		if d := strings.TrimSpace(string(b)); d != "" {
			dirs = append(dirs, d)
		}
	}
	return dirs
}

// Doc is one Markdown file found.
type Doc struct {
	Source string // "npm" or "go", from the folder it was found in
	Path   string // relative to that folder
	Body   []byte // without any front matter it had
	sum    [sha256.Size]byte
}

const (
	minBytes = 512
	maxBytes = 512 << 10
)

// Collect reads the Markdown files under dirs, once by content, in the order
// of their SHA-256.
func Collect(dirs []string) ([]Doc, error) {
	seen := map[[sha256.Size]byte]bool{}
	var docs []Doc
	for _, dir := range dirs {
		source := "go"
		if strings.Contains(dir, "node_modules") {
			source = "npm"
		}
		err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				if errors.Is(err, fs.ErrPermission) {
					return nil
				}
				return err
			}
			if d.IsDir() {
				// The module cache's download cache holds zips, not files.
				if path == filepath.Join(dir, "cache") && source == "go" {
					return filepath.SkipDir
				}
				return nil
			}
			ext := strings.ToLower(filepath.Ext(path))
			if ext != ".md" && ext != ".markdown" || !d.Type().IsRegular() {
				return nil
			}
			b, err := os.ReadFile(path)
			if err != nil {
				return fmt.Errorf("read %s: %w", path, err)
			}
			body := stripFrontMatter(b)
			if !usable(body) {
				return nil
			}
			sum := sha256.Sum256(body)
			if seen[sum] {
				return nil
			}
			seen[sum] = true
			rel, _ := filepath.Rel(dir, path)
			docs = append(docs, Doc{Source: source, Path: filepath.ToSlash(rel), Body: body, sum: sum})
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("walk %s: %w", dir, err)
		}
	}
	slices.SortFunc(docs, func(a, b Doc) int { return bytes.Compare(a.sum[:], b.sum[:]) })
	return docs, nil
}

func usable(b []byte) bool {
	return len(b) >= minBytes && len(b) <= maxBytes && utf8.Valid(b) &&
		bytes.IndexByte(b, 0) < 0 &&
		// Hugo would run them as shortcodes, and fail on ones it lacks.
		!bytes.Contains(b, []byte("{{<")) && !bytes.Contains(b, []byte("{{%"))
}

// stripFrontMatter drops a leading YAML (---) or TOML (+++) block and a byte
// order mark.
func stripFrontMatter(b []byte) []byte {
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	for _, fence := range []string{"---", "+++"} {
		if !bytes.HasPrefix(b, []byte(fence+"\n")) && !bytes.HasPrefix(b, []byte(fence+"\r\n")) {
			continue
		}
		rest := b[len(fence)+1:]
		for off := 0; off < len(rest); {
			nl := bytes.IndexByte(rest[off:], '\n')
			line := rest[off:]
			if nl >= 0 {
				line = rest[off : off+nl]
			}
			if string(bytes.TrimRight(line, "\r ")) == fence {
				if nl < 0 {
					return nil
				}
				return rest[off+nl+1:]
			}
			if nl < 0 {
				break
			}
			off += nl + 1
		}
		return b // no closing fence: not front matter
	}
	return b
}

// WriteCorpus writes the first n docs into dir as posts and returns how many
// it wrote.
func WriteCorpus(dir string, docs []Doc, n int) (int, error) {
	if n < 1 {
		return 0, fmt.Errorf("-n must be at least 1, not %d", n)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return 0, err
	}
	if ents, err := os.ReadDir(dir); err != nil {
		return 0, err
	} else if len(ents) > 0 {
		return 0, fmt.Errorf("%s is not empty", dir)
	}
	n = min(n, len(docs))
	for i, d := range docs[:n] {
		name, src := Post(i, d)
		if err := os.WriteFile(filepath.Join(dir, name+".md"), src, 0o644); err != nil {
			return i, err
		}
	}
	return n, nil
}

// base is the date of the first post; each later one is six hours earlier.
var base = time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)

// Post returns the i-th post's file name (without .md) and text.
func Post(i int, d Doc) (string, []byte) {
	slug := fmt.Sprintf("%04d-%s", i+1, slugify(strings.TrimSuffix(pkgPath(d.Path)+"-"+filepath.Base(d.Path), filepath.Ext(d.Path)), 60))
	title := firstHeading(d.Body)
	if title == "" {
		title = pkgPath(d.Path) + ": " + filepath.Base(d.Path)
	}
	var b bytes.Buffer
	b.WriteString("---\n")
	fmt.Fprintf(&b, "title: %s\n", quote(title))
	fmt.Fprintf(&b, "slug: %s\n", slug)
	fmt.Fprintf(&b, "date: %s\n", base.Add(-6*time.Hour*time.Duration(i)).Format(time.RFC3339))
	fmt.Fprintf(&b, "categories: [%s]\n", d.Source)
	if tag := slugify(pkgName(d.Path), 40); tag != "" {
		fmt.Fprintf(&b, "tags: [%s]\n", tag)
	}
	b.WriteString("---\n\n")
	b.Write(d.Body)
	if !bytes.HasSuffix(d.Body, []byte("\n")) {
		b.WriteByte('\n')
	}
	return slug, b.Bytes()
}

// pkgPath is the package a file belongs to: its path up to the last
// node_modules or module version (@v1.2.3) folder.
func pkgPath(p string) string {
	parts := strings.Split(p, "/")
	end := len(parts) - 1
	for i, part := range parts[:end] {
		if strings.Contains(part, "@v") {
			return strings.Join(parts[:i+1], "/")
		}
	}
	if end > 0 && strings.HasPrefix(parts[0], "@") && end > 1 {
		return parts[0] + "/" + parts[1]
	}
	if end > 0 {
		return parts[0]
	}
	return p
}

// pkgName is the last element of pkgPath without a version.
func pkgName(p string) string {
	parts := strings.Split(pkgPath(p), "/")
	for i := len(parts) - 1; i >= 0; i-- {
		name, _, _ := strings.Cut(parts[i], "@v")
		// github.com/godbus/dbus/v5: the name is dbus, not v5.
		if len(name) < 2 || name[0] != 'v' || strings.Trim(name[1:], "0123456789") != "" {
			return name
		}
	}
	return ""
}

// firstHeading is the text of the first ATX heading, without its markers,
// or "".
func firstHeading(b []byte) string {
	inFence := false
	for line := range bytes.Lines(b) {
		s := strings.TrimSpace(string(line))
		if strings.HasPrefix(s, "```") || strings.HasPrefix(s, "~~~") {
			inFence = !inFence
		}
		if inFence || !strings.HasPrefix(s, "#") {
			continue
		}
		t := strings.TrimLeft(s, "#")
		if len(s)-len(t) > 6 || t != "" && t[0] != ' ' && t[0] != '\t' {
			continue
		}
		t = strings.TrimSpace(strings.TrimRight(strings.TrimSpace(t), "#"))
		t = strings.NewReplacer("`", "", "*", "", "_", " ", "<", "", ">", "").Replace(t)
		if t = strings.Join(strings.Fields(t), " "); t != "" {
			if r := []rune(t); len(r) > 100 {
				t = string(r[:100])
			}
			return t
		}
	}
	return ""
}

// quote writes s as a YAML double-quoted scalar (JSON's escapes are YAML's).
func quote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func slugify(s string, max int) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
			continue
		}
		dash = true
	}
	out := b.String()
	if len(out) > max {
		out = strings.TrimRight(out[:max], "-")
	}
	return out
}

// Large is the docs' bodies one after another, as many times as it takes
// to reach size bytes: one long document of real Markdown.
func Large(docs []Doc, size int) []byte {
	var b bytes.Buffer
	b.Grow(size + maxBytes)
	for b.Len() < size && len(docs) > 0 {
		for _, d := range docs {
			if b.Len() >= size {
				break
			}
			b.Write(d.Body)
			b.WriteString("\n\n")
		}
	}
	return b.Bytes()
}
