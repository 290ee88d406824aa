package app

import (
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestServeOnlyTheSite: "Open site" serves the files of the exported site
// and nothing else in its folder (dotfiles, foreign files, links out), and
// only to requests addressed to the loopback by name or address.
func TestServeOnlyTheSite(t *testing.T) {
	st := mustOpen(t)
	e := NewExport(st, &progressRecorder{})
	defer e.Close()
	addPosts(t, e, 3)
	root := t.TempDir()
	dir := filepath.Join(root, "site")
	if _, err := e.Run(dir, false, ""); err != nil {
		t.Fatal(err)
	}
	secret := filepath.Join(root, "secret.txt")
	write := func(name, data string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(secret, "SECRET")
	write(filepath.Join(root, "elsewhere", "index.html"), "SECRET")
	write(filepath.Join(dir, ".git", "config"), "SECRET")
	write(filepath.Join(dir, "foreign.html"), "SECRET")
	// A page of the site replaced by a link out, and a folder of the
	// site replaced by a link to a folder out.
	os.Remove(filepath.Join(dir, "robots.txt"))
	if err := os.Symlink(secret, filepath.Join(dir, "robots.txt")); err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(filepath.Join(dir, "archive")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(root, "elsewhere"), filepath.Join(dir, "archive")); err != nil {
		t.Fatal(err)
	}
	url, err := e.Serve(dir)
	if err != nil {
		t.Fatal(err)
	}
	get := func(path, host string) (int, string) {
		t.Helper()
		req, err := http.NewRequest("GET", url+path, nil)
		if err != nil {
			t.Fatal(err)
		}
		if host != "" {
			req.Host = host
		}
		resp, err := http.DefaultTransport.RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	if code, body := get("", ""); code != 200 || !strings.Contains(body, "<html") {
		t.Errorf("home page: %d", code)
	}
	if code, _ := get("css/quire.css", "localhost"); code != 200 {
		t.Errorf("stylesheet by localhost: %d", code)
	}
	for _, p := range []string{".quire-manifest.json", ".git/config", ".git/", "foreign.html", "robots.txt", "archive/", "archive/index.html", "../secret.txt", "%2e%2e/secret.txt"} {
		code, body := get(p, "")
		if code == 200 || strings.Contains(body, "SECRET") || strings.Contains(body, `"sha256"`) {
			t.Errorf("%s: served (%d)", p, code)
		}
	}
	for _, host := range []string{"evil.example", "evil.example:80", "127.0.0.1.nip.io"} {
		if code, body := get("", host); code == 200 || strings.Contains(body, "<html") {
			t.Errorf("Host %s: %d, want refused", host, code)
		}
	}
}
