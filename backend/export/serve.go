package export

import (
	"net"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"quire/backend/hosting"
	"strings"
	"sync"
	"time"
)

// Handler serves an exported site from its hosting folder under basePath
// ("/" or "/blog/"), for a look in a browser ("Open site"). It serves only
// the files the manifest lists, as Quire placed them: no dotfiles (.git/,
// the manifest), no foreign files, nothing through or at a link. It answers
// only requests addressed to 127.0.0.1 or localhost, so a page on another
// site cannot reach it by pointing a name of its own at 127.0.0.1 (DNS
// rebinding).
func Handler(dir, basePath string) http.Handler {
	return &siteHandler{dir: dir, base: basePath}
}

type siteHandler struct {
	dir, base string

	mu    sync.Mutex
	stamp time.Time // the manifest's mtime when files was read
	size  int64
	files map[string]bool
}

// localHost: the request's Host names the loopback by an address or by
// localhost.
func localHost(host string) bool {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.ToLower(host), ".")
	return host == "localhost" || host == "127.0.0.1" || host == "::1" || host == "[::1]"
}

func (h *siteHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !localHost(r.Host) {
		http.Error(w, "this server answers only to 127.0.0.1 and localhost", http.StatusMisdirectedRequest)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	files := h.manifest()
	p := r.URL.Path
	if !strings.HasPrefix(p, h.base) {
		h.notFound(w, r, files)
		return
	}
	rel := strings.TrimPrefix(p, h.base)
	if rel == "" || strings.HasSuffix(rel, "/") {
		rel += "index.html"
	} else if !files[rel] && files[rel+"/index.html"] {
		http.Redirect(w, r, p+"/", http.StatusMovedPermanently)
		return
	}
	if !h.serveFile(w, r, files, rel, http.StatusOK) {
		h.notFound(w, r, files)
	}
}

func (h *siteHandler) notFound(w http.ResponseWriter, r *http.Request, files map[string]bool) {
	if !h.serveFile(w, r, files, "404.html", http.StatusNotFound) {
		http.NotFound(w, r)
	}
}

// serveFile serves rel if the manifest lists it and it is a plain file
// reached through plain folders.
func (h *siteHandler) serveFile(w http.ResponseWriter, r *http.Request, files map[string]bool, rel string, code int) bool {
	if !files[rel] || hosting.CheckPath(rel) != nil || rel == hosting.ManifestName || hosting.ThroughLink(h.dir, rel) {
		return false
	}
	name := filepath.Join(h.dir, filepath.FromSlash(rel))
	fi, err := os.Lstat(name)
	if err != nil || !fi.Mode().IsRegular() {
		return false
	}
	f, err := os.Open(name)
	if err != nil {
		return false
	}
	defer f.Close()
	w.Header().Set("X-Content-Type-Options", "nosniff")
	if code != http.StatusOK {
		if ct := mimeOf(rel); ct != "" {
			w.Header().Set("Content-Type", ct)
		}
		w.WriteHeader(code)
		if r.Method != http.MethodHead {
			f.WriteTo(w)
		}
		return true
	}
	http.ServeContent(w, r, path.Base(rel), fi.ModTime(), f)
	return true
}

func mimeOf(rel string) string {
	if strings.HasSuffix(rel, ".html") {
		return "text/html; charset=utf-8"
	}
	return ""
}

// manifest is the set of files the manifest lists, read again when the
// manifest changes (an export while the site is open).
func (h *siteHandler) manifest() map[string]bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	name := filepath.Join(h.dir, hosting.ManifestName)
	fi, err := os.Lstat(name)
	if err != nil || !fi.Mode().IsRegular() {
		return nil
	}
	if h.files != nil && fi.ModTime().Equal(h.stamp) && fi.Size() == h.size {
		return h.files
	}
	b, err := os.ReadFile(name)
	if err != nil {
		return nil
	}
	listed, err := hosting.ManifestFiles(b)
	if err != nil {
		return nil
	}
	files := make(map[string]bool, len(listed))
	for rel := range listed {
		files[rel] = true
	}
	h.files, h.stamp, h.size = files, fi.ModTime(), fi.Size()
	return files
}
