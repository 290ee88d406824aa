//go:build dev

package app

import (
	"fmt"
	"os"
	"sync"
	"time"
)

// Canary is bound only in dev builds, which the end-to-end tests drive. No
// page content may ever reach a bound Go method; the preview security tests
// put payloads into posts that try to call Canary.Trip (through window.go,
// window.parent, window.top or WebKit's message handlers) and then check
// that it was never called. Trip records each call in QUIRE_CANARY_FILE.
type Canary struct {
	mu sync.Mutex
}

// Trip records that page content reached a bound Go method.
func (c *Canary) Trip(from string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	path := os.Getenv("QUIRE_CANARY_FILE")
	if path == "" {
		return fmt.Errorf("canary tripped from %q (QUIRE_CANARY_FILE not set)", from)
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		return fmt.Errorf("canary: %w", err)
	}
	defer f.Close()
	_, err = fmt.Fprintf(f, "%s %s\n", time.Now().UTC().Format(time.RFC3339Nano), from)
	return err
}

// DevBindings are the objects dev builds bind in addition to the services:
// the security canary and the benchmark reporter (bench_dev.go).
func DevBindings() []any { return []any{&Canary{}, &Bench{}} }
