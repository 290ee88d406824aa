package importer

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"quire/backend/store"
)

// A file that is found by the walk and gone when it is read is reported, and
// the others are imported.
func TestFileVanishesMidImport(t *testing.T) {
	st, err := store.Open(filepath.Join(t.TempDir(), "quire.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	dir := t.TempDir()
	for _, n := range []string{"a.md", "gone.md", "b.md"} {
		if err := os.WriteFile(filepath.Join(dir, n), []byte("# "+n+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	_, files, err := collect(dir)
	if err != nil || len(files) != 3 {
		t.Fatalf("collect: %v %v", files, err)
	}
	if err := os.Remove(filepath.Join(dir, "gone.md")); err != nil {
		t.Fatal(err)
	}
	rep := &Report{}
	if err := importCandidates(context.Background(), st, files, Options{}, rep); err != nil {
		t.Fatal(err)
	}
	for _, r := range rep.Results {
		want := Imported
		if strings.HasSuffix(r.Path, "gone.md") {
			want = Failed
			if !strings.Contains(r.Error, "removed during the import") {
				t.Errorf("message: %q", r.Error)
			}
		}
		if r.Outcome != want {
			t.Errorf("%s: %s, want %s", r.Path, r.Outcome, want)
		}
	}
}
