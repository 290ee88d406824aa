package hosting

import (
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// TestApplyMovesNewFolders: files whose folders the site does not have are
// placed by moving the highest missing folder whole; a journal interrupted
// after some moves, or a folder made meanwhile, still ends with every file
// in place and nothing else touched.
func TestApplyMovesNewFolders(t *testing.T) {
	files := map[string]string{
		"index.html":             "home",
		"posts/a/index.html":     "a",
		"posts/b/index.html":     "b",
		"posts/b/img/x.png":      "x",
		"tags/go/index.html":     "go",
		"tags/go/page/2/index.h": "go2",
	}
	for _, tc := range []struct {
		name   string
		before func(t *testing.T, dir, stage string) // what happened before apply
		keep   map[string]string                     // files in dir that must stay as they are
	}{
		{"fresh", func(*testing.T, string, string) {}, nil},
		{"interrupted after moving posts", func(t *testing.T, dir, stage string) {
			mustRename(t, filepath.Join(stage, "site", "posts"), filepath.Join(dir, "posts"))
		}, nil},
		{"interrupted inside a folder", func(t *testing.T, dir, stage string) {
			os.MkdirAll(filepath.Join(dir, "tags", "go"), 0o755)
			mustRename(t, filepath.Join(stage, "site", "tags", "go", "index.html"), filepath.Join(dir, "tags", "go", "index.html"))
		}, nil},
		{"folder made meanwhile", func(t *testing.T, dir, stage string) {
			os.MkdirAll(filepath.Join(dir, "posts", "b"), 0o755)
			os.WriteFile(filepath.Join(dir, "posts", "b", "notes.txt"), []byte("mine"), 0o644)
		}, map[string]string{"posts/b/notes.txt": "mine"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := t.TempDir()
			dir := filepath.Join(root, "site")
			os.MkdirAll(dir, 0o755)
			stage, jpath := siblings(dir)
			j := journal{Stage: stage}
			for rel, c := range files {
				if _, err := stageFile(filepath.Join(stage, filepath.FromSlash(stageSite+rel)), []byte(c)); err != nil {
					t.Fatal(err)
				}
				j.Place = append(j.Place, placement{Staged: stageSite + rel, Path: rel})
			}
			os.WriteFile(filepath.Join(stage, "manifest"), []byte("{}"), 0o644)
			j.Place = append(j.Place, placement{Staged: "manifest", Path: ManifestName})
			tc.before(t, dir, stage)
			b, _ := json.Marshal(j)
			os.WriteFile(jpath, b, 0o644)
			if err := Recover(dir); err != nil {
				t.Fatal(err)
			}
			got := readTree(t, dir)
			want := map[string]string{ManifestName: "{}"}
			for rel, c := range files {
				want[rel] = c
			}
			for rel, c := range tc.keep {
				want[rel] = c
			}
			if len(got) != len(want) {
				t.Errorf("%d files in the folder, want %d: %v", len(got), len(want), names(got))
			}
			for rel, c := range want {
				if string(got[rel]) != c {
					t.Errorf("%s = %q, want %q", rel, got[rel], c)
				}
			}
			for _, p := range []string{stage, jpath} {
				if _, err := os.Lstat(p); !os.IsNotExist(err) {
					t.Errorf("%s is still there", p)
				}
			}
		})
	}
}

func mustRename(t *testing.T, from, to string) {
	t.Helper()
	if err := os.Rename(from, to); err != nil {
		t.Fatal(err)
	}
}

func names(m map[string][]byte) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// readTree reads every file under dir, by slash path.
func readTree(t testing.TB, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}
