package app

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"time"

	"quire/backend/export"
	"quire/backend/site"
	"quire/backend/store"
	"quire/backend/theme"
)

// Export events.
const (
	// EventExportProgress carries an ExportProgress while an export runs.
	EventExportProgress = "export:progress"
)

// ExportProgress is how far an export is.
type ExportProgress struct {
	Done  int `json:"done"`
	Total int `json:"total"`
}

// Export exports the site into a hosting folder and serves it for a look.
type Export struct {
	st     *store.Store
	events Emitter

	mu      sync.Mutex
	cancel  context.CancelFunc
	running bool
	srv     *http.Server
	srvDir  string
	srvURL  string
}

// NewExport returns the Export service over st; progress goes to events.
func NewExport(st *store.Store, events Emitter) *Export {
	return &Export{st: st, events: events}
}

// ErrExportRunning: an export is already under way.
var ErrExportRunning = errors.New("an export is already running")

// Run exports the site into outDir with the stored site settings. force
// goes on in a folder that holds files and no manifest (the window asks
// first; hosting.ErrForeignFolder says so). themeDir, when not empty, is a
// theme folder laid over the default theme. The report lists what was
// written, unchanged, removed and failed; a cancelled export leaves the
// folder as it was and returns context.Canceled.
func (e *Export) Run(outDir string, force bool, themeDir string) (ExportReport, error) {
	r, err := e.run(outDir, force, themeDir)
	return newExportReport(r), err
}

func (e *Export) run(outDir string, force bool, themeDir string) (export.Report, error) {
	if outDir == "" {
		return export.Report{}, fmt.Errorf("export: no folder chosen")
	}
	ctx, cancel := context.WithCancel(context.Background())
	e.mu.Lock()
	if e.running {
		e.mu.Unlock()
		cancel()
		return export.Report{}, ErrExportRunning
	}
	e.running, e.cancel = true, cancel
	e.mu.Unlock()
	defer func() {
		e.mu.Lock()
		e.running, e.cancel = false, nil
		e.mu.Unlock()
		cancel()
	}()
	opt := export.Options{Force: force}
	if themeDir != "" {
		th, err := theme.OverDir(themeDir)
		if err != nil {
			return export.Report{}, fmt.Errorf("theme %s: %w", themeDir, err)
		}
		opt.Theme = th
	}
	var mu sync.Mutex
	var last time.Time
	opt.Progress = func(done, total int) {
		mu.Lock()
		defer mu.Unlock()
		if done < total && time.Since(last) < 50*time.Millisecond {
			return
		}
		last = time.Now()
		e.events.Emit(EventExportProgress, ExportProgress{Done: done, Total: total})
	}
	return export.Export(ctx, e.st, outDir, opt)
}

// Cancel stops the running export, if any.
func (e *Export) Cancel() {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.cancel != nil {
		e.cancel()
	}
}

// Settings returns the site settings.
func (e *Export) Settings() (site.Settings, error) {
	return site.Load(context.Background(), e.st)
}

// SaveSettings checks and stores the site settings.
func (e *Export) SaveSettings(s site.Settings) error {
	return site.Save(context.Background(), e.st, s)
}

// Serve serves dir on 127.0.0.1 (under the base URL's path, so the site's
// links work) and returns the URL of its home page, for "Open site". Serving
// another folder stops the previous server.
func (e *Export) Serve(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	if fi, err := os.Stat(abs); err != nil || !fi.IsDir() {
		return "", fmt.Errorf("serve %s: not a folder", dir)
	}
	s, err := e.Settings()
	if err != nil {
		return "", err
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.srv != nil && e.srvDir == abs {
		return e.srvURL, nil
	}
	e.stopLocked()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	base := s.BasePath()
	e.srv = &http.Server{Handler: export.Handler(abs, base), ReadHeaderTimeout: 10 * time.Second}
	e.srvDir, e.srvURL = abs, "http://"+ln.Addr().String()+base
	go e.srv.Serve(ln)
	return e.srvURL, nil
}

// Close stops the server started by Serve and cancels a running export.
func (e *Export) Close() {
	e.Cancel()
	e.mu.Lock()
	defer e.mu.Unlock()
	e.stopLocked()
}

func (e *Export) stopLocked() {
	if e.srv != nil {
		e.srv.Close()
		e.srv = nil
	}
}
