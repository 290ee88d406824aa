package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestAppBeside(t *testing.T) {
	bin := t.TempDir()
	quire := filepath.Join(bin, "quire")
	for _, f := range []string{quire, filepath.Join(bin, appName)} {
		if err := os.WriteFile(f, []byte("#!/bin/sh\n"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	lonely := filepath.Join(t.TempDir(), "quire")
	if err := os.WriteFile(lonely, []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(t.TempDir(), "quire")
	if err := os.Symlink(quire, link); err != nil {
		t.Fatal(err)
	}
	want := filepath.Join(bin, appName)
	if real, err := filepath.EvalSymlinks(want); err == nil {
		want = real
	}
	for _, tc := range []struct {
		name, self, want, err string
	}{
		{"beside", quire, want, ""},
		{"through a link", link, want, ""},
		{"missing", lonely, "", "quire-app is not beside " + lonely},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := appBeside(tc.self)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("appBeside(%s) = %q, %v; want an error with %q", tc.self, got, err, tc.err)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Fatalf("appBeside(%s) = %q, %v; want %q", tc.self, got, err, tc.want)
			}
		})
	}
}
