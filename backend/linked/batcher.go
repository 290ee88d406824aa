package linked

import (
	"errors"
	"path/filepath"
	"time"

	"github.com/fsnotify/fsnotify"
)

// fileBatch is the file events of one interval: each path once, however
// many events it had (an editor's save is a write, a rename and a chmod;
// a git checkout is hundreds of files).
type fileBatch struct {
	paths    map[string]bool
	overflow bool // the kernel's queue overflowed: events were lost, compare everything
}

func (b fileBatch) empty() bool { return len(b.paths) == 0 && !b.overflow }

// batcher collects a watcher's events and hands them over as one batch per
// tick, as Hugo's watcher/batcher does. While the last batch is still being
// handled, new events collect into the next, so a slow sync never makes the
// watcher's queue overflow. It reads channels rather than a watcher, so its
// tests feed it events directly.
type batcher struct {
	batches chan fileBatch // one per tick that saw events
	errors  chan error     // the watcher's errors other than an overflow
	done    chan struct{}
}

// newBatcher starts collecting events and errors until both channels close
// or stop is called. tick is when a batch is handed over.
func newBatcher(events <-chan fsnotify.Event, errs <-chan error, tick <-chan time.Time) *batcher {
	b := &batcher{batches: make(chan fileBatch), errors: make(chan error, 16), done: make(chan struct{})}
	go b.run(events, errs, tick)
	return b
}

func (b *batcher) stop() { close(b.done) }

func (b *batcher) run(events <-chan fsnotify.Event, errs <-chan error, tick <-chan time.Time) {
	next := fileBatch{paths: map[string]bool{}}
	var out chan fileBatch // b.batches once a tick found next not empty
	for events != nil || errs != nil {
		select {
		case <-b.done:
			return
		case ev, ok := <-events:
			if !ok {
				events = nil
				continue
			}
			next.paths[filepath.Clean(ev.Name)] = true
		case err, ok := <-errs:
			if !ok {
				errs = nil
				continue
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				next.overflow = true
				continue
			}
			select {
			case b.errors <- err:
			default: // errors are reported, not queued without end
			}
		case <-tick:
			if !next.empty() {
				out = b.batches
			}
		case out <- next:
			next, out = fileBatch{paths: map[string]bool{}}, nil
		}
	}
}
