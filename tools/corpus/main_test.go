package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"quire/backend/post"
)

// readAll returns the files of dir (names sorted by ReadDir) and their bytes.
func readAll(t *testing.T, dir string) (names []string, data [][]byte) {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, e.Name())
		data = append(data, b)
	}
	return names, data
}

func TestSameSeedSameBytes(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	if err := WriteCorpus(a, 60, 7, sampleText(t)); err != nil {
		t.Fatal(err)
	}
	if err := WriteCorpus(b, 60, 7, sampleText(t)); err != nil {
		t.Fatal(err)
	}
	na, da := readAll(t, a)
	nb, db := readAll(t, b)
	if len(na) != 60 || len(nb) != 60 {
		t.Fatalf("got %d and %d files, want 60", len(na), len(nb))
	}
	for i := range na {
		if na[i] != nb[i] || !bytes.Equal(da[i], db[i]) {
			t.Fatalf("file %d differs: %s vs %s", i, na[i], nb[i])
		}
	}
	if !bytes.Equal(Large(50_000, 7), Large(50_000, 7)) {
		t.Fatal("Large(50000, 7) differs between two calls")
	}
}

func TestOtherSeedOtherPosts(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	if err := WriteCorpus(a, 5, 1, sampleText(t)); err != nil {
		t.Fatal(err)
	}
	if err := WriteCorpus(b, 5, 2, sampleText(t)); err != nil {
		t.Fatal(err)
	}
	_, da := readAll(t, a)
	_, db := readAll(t, b)
	same := 0
	for i := range da {
		if bytes.Equal(da[i], db[i]) {
			same++
		}
	}
	if same != 1 { // only the sample post
		t.Fatalf("%d of 5 files are the same with seeds 1 and 2, want 1 (the sample)", same)
	}
}

// Every post parses as Quire reads it, slugs are unique, and the corpus has
// what the benchmark claims: drafts, tables, code, task lists, images.
func TestPostsParse(t *testing.T) {
	dir := t.TempDir()
	if err := WriteCorpus(dir, 200, 1, sampleText(t)); err != nil {
		t.Fatal(err)
	}
	names, data := readAll(t, dir)
	slugs := map[string]bool{}
	drafts := 0
	var all bytes.Buffer
	for i, name := range names {
		p, _, err := post.ParseFile(name, data[i])
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if p.Title == "" || len(p.Categories) == 0 || (len(p.Tags) == 0 && name != SampleName) {
			t.Errorf("%s: title %q, categories %v, tags %v", name, p.Title, p.Categories, p.Tags)
		}
		if slugs[p.Slug] {
			t.Errorf("%s: slug %q used twice", name, p.Slug)
		}
		slugs[p.Slug] = true
		if p.Status == post.StatusDraft {
			drafts++
		}
		all.Write(data[i])
	}
	sample, err := os.ReadFile(filepath.Join(dir, SampleName))
	if err != nil || !bytes.Contains(sample, []byte("KubeCon 2017 Austin Summary")) {
		t.Fatalf("the sample post is missing: %v", err)
	}
	if drafts == 0 || drafts > 50 {
		t.Errorf("%d drafts of 200", drafts)
	}
	for _, want := range []string{"\n## ", "\n### ", "\n- [x] ", "\n1. ", "\n```go\n", "|---:", "![", "\n> ", "~~", "](https://"} {
		if !bytes.Contains(all.Bytes(), []byte(want)) {
			t.Errorf("no %q in the corpus", want)
		}
	}
	if size := all.Len() / len(names); size < 2000 || size > 20000 {
		t.Errorf("mean post size %d bytes", size)
	}
}

func TestLargeSize(t *testing.T) {
	b := Large(1<<20, 1)
	if len(b) < 1<<20 || len(b) > 1<<20+64<<10 {
		t.Fatalf("Large(1 MiB) is %d bytes", len(b))
	}
	if bytes.HasPrefix(b, []byte("---")) {
		t.Fatal("the large post has front matter")
	}
}

// corpusHash pins the bytes of a small corpus, so a change to the generator
// (which makes figures of earlier runs incomparable) is a deliberate one:
// update the hash, and say so in the commit.
const corpusHash = "9f69dcee2d90821409a8702d376e344ead4f4fba2de88e9619a049999d4cfb76"

func TestCorpusPinned(t *testing.T) {
	dir := t.TempDir()
	if err := WriteCorpus(dir, 30, 1, sampleText(t)); err != nil {
		t.Fatal(err)
	}
	names, data := readAll(t, dir)
	h := sha256.New()
	for i := range names {
		fmt.Fprintf(h, "%s %d\n", names[i], len(data[i]))
		h.Write(data[i])
	}
	h.Write(Large(100_000, 1))
	if got := hex.EncodeToString(h.Sum(nil)); got != corpusHash {
		t.Fatalf("the corpus for seed 1 changed: hash %s, want %s", got, corpusHash)
	}
}

// sampleText reads the project's sample post, as bench.sh's -sample default does.
func sampleText(t *testing.T) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "testdata", SampleName))
	if err != nil {
		t.Fatal(err)
	}
	return b
}
