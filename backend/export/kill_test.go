package export

import (
	"bytes"
	"context"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"quire/backend/hosting"
	"quire/backend/post"
	"quire/backend/site"
	"quire/backend/store"
)

// killSite is site "A" (no drafts) or "B" (another title, drafts in): every
// page differs between the two and B has pages A lacks.
func killSite(variant string) (site.Settings, Options) {
	s := site.Default()
	s.BaseURL = "https://example.org/"
	s.Title = "Site " + variant
	return s, Options{Site: &s, Drafts: variant == "B", Now: clock, Force: true}
}

// TestKillChild is the exporting child of TestKillDuringExport.
func TestKillChild(t *testing.T) {
	db, dir, variant := os.Getenv("QUIRE_KILL_DB"), os.Getenv("QUIRE_KILL_DIR"), os.Getenv("QUIRE_KILL_VARIANT")
	if db == "" {
		t.Skip("run by TestKillDuringExport")
	}
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	_, opt := killSite(variant)
	if _, err := Export(context.Background(), st, dir, opt); err != nil {
		t.Fatal(err)
	}
}

// TestKillDuringExport kills an exporting process at random moments, many
// times, switching between two sites. After each kill, Recover (which every
// export runs first) must leave the folder equal to one of the two sites
// byte for byte, with the foreign files untouched.
func TestKillDuringExport(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	ctx := context.Background()
	tmp := t.TempDir()
	db := filepath.Join(tmp, "quire.db")
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for i := 0; i < 150; i++ {
		status := post.StatusPublished
		if i%5 == 0 {
			status = post.StatusDraft
		}
		body := fmt.Sprintf("# Post %d\n\nSome text with `code`.\n\n```go\nfunc f%d() int { return %d }\n```\n", i, i, i)
		if err := st.CreatePost(ctx, &post.Post{Slug: fmt.Sprintf("post-%d", i), Title: fmt.Sprintf("Post %d", i),
			Date: date(2015+i%8, 1+i%12, 1+i%28), Status: status, Tags: []string{fmt.Sprintf("t%d", i%7)}, Body: body}); err != nil {
			t.Fatal(err)
		}
	}
	refs := map[string]map[string][]byte{}
	for _, v := range []string{"A", "B"} {
		d := filepath.Join(tmp, "ref"+v)
		_, opt := killSite(v)
		if _, err := Export(ctx, st, d, opt); err != nil {
			t.Fatal(err)
		}
		refs[v] = siteFiles(t, d)
	}
	dir := filepath.Join(tmp, "host", "site")
	os.MkdirAll(filepath.Join(dir, ".git"), 0o755)
	foreign := map[string]string{".git/HEAD": "ref: refs/heads/main\n", "CNAME": "example.org\n", ".nojekyll": "", "README.md": "# mine\n"}
	for rel, c := range foreign {
		os.WriteFile(filepath.Join(dir, rel), []byte(c), 0o644)
	}
	_, opt := killSite("A")
	if _, err := Export(ctx, st, dir, opt); err != nil {
		t.Fatal(err)
	}
	// How long a whole export takes in a child, to spread the kills over.
	startChild := func(variant string) *exec.Cmd {
		cmd := exec.Command(os.Args[0], "-test.run=^TestKillChild$")
		cmd.Env = append(os.Environ(), "QUIRE_KILL_DB="+db, "QUIRE_KILL_DIR="+dir, "QUIRE_KILL_VARIANT="+variant)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		return cmd
	}
	t0 := time.Now()
	if err := startChild("B").Wait(); err != nil {
		t.Fatalf("child: %v", err)
	}
	full := time.Since(t0)
	state, completed := "B", 0
	rng := rand.New(rand.NewSource(1))
	counts := map[string]int{}
	for i := 0; i < 40; i++ {
		target := map[string]string{"A": "B", "B": "A"}[state]
		cmd := startChild(target)
		time.Sleep(time.Duration(rng.Int63n(int64(full))))
		cmd.Process.Signal(syscall.SIGKILL)
		if cmd.Wait() == nil {
			completed++
		}
		if err := hosting.Recover(dir); err != nil {
			t.Fatalf("kill %d: recover: %v", i, err)
		}
		got := siteFiles(t, dir)
		switch {
		case sameFiles(got, refs[state]):
			counts["old"]++
		case sameFiles(got, refs[target]):
			counts["new"]++
			state = target
		default:
			t.Fatalf("kill %d: the folder is neither the old nor the new site (%d files; A %d, B %d)", i, len(got), len(refs["A"]), len(refs["B"]))
		}
		for rel, c := range foreign {
			if b, err := os.ReadFile(filepath.Join(dir, rel)); err != nil || string(b) != c {
				t.Fatalf("kill %d: foreign %s: %q %v", i, rel, b, err)
			}
		}
		checkManifest(t, dir, got)
	}
	t.Logf("after kills: %d times the old site, %d times the new (%d exports finished before the kill); a full export takes %v", counts["old"], counts["new"], completed, full)
	if ents, _ := os.ReadDir(filepath.Dir(dir)); len(ents) != 1 {
		t.Errorf("stage or journal left beside the folder: %d entries", len(ents))
	}
}

// siteFiles is the folder without the manifest and the foreign files.
func siteFiles(t *testing.T, dir string) map[string][]byte {
	m := readTree(t, dir)
	for _, rel := range []string{hosting.ManifestName, ".git/HEAD", "CNAME", ".nojekyll", "README.md"} {
		delete(m, rel)
	}
	return m
}

func sameFiles(a, b map[string][]byte) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || !bytes.Equal(v, w) {
			return false
		}
	}
	return true
}

// checkManifest: the manifest lists exactly the site's files, with their hashes.
func checkManifest(t *testing.T, dir string, files map[string][]byte) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, hosting.ManifestName))
	if err != nil {
		t.Fatal(err)
	}
	listed, err := hosting.ManifestFiles(b)
	if err != nil {
		t.Fatal(err)
	}
	if len(listed) != len(files) {
		t.Fatalf("manifest lists %d files, the folder holds %d", len(listed), len(files))
	}
	for rel := range files {
		if _, ok := listed[rel]; !ok {
			t.Fatalf("manifest lacks %s", rel)
		}
	}
}
