package atomicfile

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestWrite(t *testing.T) {
	tests := []struct {
		name     string
		existing []byte // nil: no file before
		oldPerm  os.FileMode
		perm     os.FileMode
		wantPerm os.FileMode
	}{
		{"new file gets perm", nil, 0, 0o640, 0o640},
		{"replaced file keeps its perm", []byte("old"), 0o600, 0o644, 0o600},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "post.md")
			if tt.existing != nil {
				if err := os.WriteFile(path, tt.existing, tt.oldPerm); err != nil {
					t.Fatal(err)
				}
			}
			if err := Write(path, []byte("new"), tt.perm); err != nil {
				t.Fatal(err)
			}
			got, err := os.ReadFile(path)
			if err != nil || string(got) != "new" {
				t.Fatalf("content %q, %v; want \"new\"", got, err)
			}
			fi, err := os.Stat(path)
			if err != nil {
				t.Fatal(err)
			}
			if fi.Mode().Perm() != tt.wantPerm {
				t.Errorf("perm %v, want %v", fi.Mode().Perm(), tt.wantPerm)
			}
			entries, _ := os.ReadDir(dir)
			if len(entries) != 1 {
				t.Errorf("folder holds %d entries, want only the file (no temporary left)", len(entries))
			}
		})
	}
}

func TestWriteMissingFolder(t *testing.T) {
	path := filepath.Join(t.TempDir(), "missing", "post.md")
	if err := Write(path, []byte("x"), 0o644); err == nil {
		t.Fatal("Write into a missing folder succeeded")
	}
	if _, err := os.Stat(filepath.Dir(path)); !os.IsNotExist(err) {
		t.Errorf("the missing folder was created (%v)", err)
	}
}

// TestRemoveLeftovers: the temporary files of Writes cut short go; the file
// itself and other files stay.
func TestRemoveLeftovers(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "journal")
	for _, name := range []string{".journal.quire-1.tmp", ".journal.quire-22.tmp", ".other.quire-1.tmp", "journal"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := RemoveLeftovers(path); err != nil {
		t.Fatal(err)
	}
	ents, _ := os.ReadDir(dir)
	var left []string
	for _, e := range ents {
		left = append(left, e.Name())
	}
	if want := []string{".other.quire-1.tmp", "journal"}; !slices.Equal(left, want) {
		t.Errorf("left %v, want %v", left, want)
	}
}
