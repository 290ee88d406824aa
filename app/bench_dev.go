//go:build dev

package app

import (
	"context"
	"fmt"
	"os"
	"sync"

	"github.com/wailsapp/wails/v2/pkg/runtime"
)

// Bench is bound only in dev builds, for the benchmarks that run in the real
// window (e2e/bench/window-bench.mjs): a script given in QUIRE_BENCH_SCRIPT
// is run in the window once its page has loaded, and reports what it
// measured, one line per call, into QUIRE_BENCH_FILE. Production builds have
// neither (bench_nodev.go).
type Bench struct {
	mu sync.Mutex
}

// Report appends line to QUIRE_BENCH_FILE.
func (b *Bench) Report(line string) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	path := os.Getenv("QUIRE_BENCH_FILE")
	if path == "" {
		return fmt.Errorf("bench: QUIRE_BENCH_FILE not set")
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		return fmt.Errorf("bench: %w", err)
	}
	defer f.Close()
	_, err = fmt.Fprintln(f, line)
	return err
}

// domReady is OnDomReady: it runs the benchmark script, if one is given, in
// the window.
func domReady(ctx context.Context) {
	path := os.Getenv("QUIRE_BENCH_SCRIPT")
	if path == "" {
		return
	}
	js, err := os.ReadFile(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, "quire: bench script:", err)
		return
	}
	runtime.WindowExecJS(ctx, string(js))
}
