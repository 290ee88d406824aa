package main

import (
	"errors"
	"os"
	"os/exec"
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

// TestMain lets a test run this program's main in a child process.
func TestMain(m *testing.M) {
	if os.Getenv("QUIRE_TEST_RUN_MAIN") == "1" {
		main()
		return
	}
	os.Exit(m.Run())
}

func TestNoDisplay(t *testing.T) {
	cmd := exec.Command(os.Args[0], "--db", filepath.Join(t.TempDir(), "quire.db"))
	cmd.Env = []string{"QUIRE_TEST_RUN_MAIN=1", "HOME=" + t.TempDir(), "PATH=" + os.Getenv("PATH")}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 1 {
		t.Fatalf("quire without a display: %v, want exit status 1; stderr:\n%s", err, stderr.String())
	}
	got := stderr.String()
	if strings.Count(got, "\n") != 1 || !strings.Contains(got, "needs a graphical session") || !strings.Contains(got, "quire help") {
		t.Fatalf("stderr is not the one line naming the missing display:\n%s", got)
	}
}
