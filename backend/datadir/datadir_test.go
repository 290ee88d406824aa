package datadir

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

func TestDefaultDBFollowsXDG(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("XDG rules apply on Linux")
	}
	tests := []struct {
		name string
		xdg  string
		home string
		want string
	}{
		{"XDGSet", "/xdg", "/home/a", "/xdg/quire/quire.db"},
		{"XDGUnset", "", "/home/a", "/home/a/.local/share/quire/quire.db"},
		{"XDGRelativeIgnored", "rel", "/home/a", "/home/a/.local/share/quire/quire.db"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			xdg := tt.xdg
			if filepath.IsAbs(xdg) {
				xdg = filepath.Join(root, xdg)
			}
			t.Setenv("XDG_DATA_HOME", xdg)
			t.Setenv("HOME", filepath.Join(root, tt.home))
			got, err := DefaultDB()
			if err != nil {
				t.Fatal(err)
			}
			if want := filepath.Join(root, tt.want); got != want {
				t.Fatalf("DefaultDB() = %q, want %q", got, want)
			}
			fi, err := os.Stat(filepath.Dir(got))
			if err != nil || !fi.IsDir() {
				t.Fatalf("data directory not created: %v", err)
			}
		})
	}
}
