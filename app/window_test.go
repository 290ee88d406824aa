package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestOpenURLRefusesWhatIsNotAWebAddress(t *testing.T) {
	w := NewWindow(nil, time.Now())
	for _, address := range []string{"", "file:///etc/passwd", "javascript:alert(1)", "http://", "/tmp/site"} {
		if err := w.OpenURL(address); err == nil || !strings.Contains(err.Error(), "not an http or https address") {
			t.Errorf("OpenURL(%q) = %v, want an error naming the address", address, err)
		}
	}
}

// TestOpenURLSaysWhenNoBrowserOpened runs OpenURL against a PATH with a
// real xdg-open script (which records what it was asked to open) and
// against one with no browser command at all.
func TestOpenURLSaysWhenNoBrowserOpened(t *testing.T) {
	w := NewWindow(nil, time.Now())
	const site = "http://127.0.0.1:8080/blog/"

	bin := t.TempDir()
	got := filepath.Join(t.TempDir(), "opened")
	script := "#!/bin/sh\nprintf '%s' \"$1\" > " + got + "\n"
	if err := os.WriteFile(filepath.Join(bin, "xdg-open"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", bin)
	if err := w.OpenURL(site); err != nil {
		t.Fatalf("OpenURL with xdg-open on PATH: %v", err)
	}
	if b, err := os.ReadFile(got); err != nil || string(b) != site {
		t.Fatalf("xdg-open was given %q (%v), want %q", b, err, site)
	}

	t.Setenv("PATH", t.TempDir())
	err := w.OpenURL(site)
	if err == nil || !strings.Contains(err.Error(), "no browser opened "+site) {
		t.Fatalf("OpenURL with no browser command = %v, want an error saying no browser opened it", err)
	}
}
