package linked

import (
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/fsnotify/fsnotify"
)

// The batcher is fed through its channels: each send below returns only
// once the batcher has taken it, so what a batch holds is certain.
func TestBatcher(t *testing.T) {
	events := make(chan fsnotify.Event)
	errs := make(chan error)
	tick := make(chan time.Time)
	b := newBatcher(events, errs, tick)
	defer b.stop()
	send := func(names ...string) {
		for _, n := range names {
			events <- fsnotify.Event{Name: n, Op: fsnotify.Write}
		}
	}
	next := func() fileBatch {
		t.Helper()
		select {
		case fb := <-b.batches:
			return fb
		case <-time.After(10 * time.Second):
			t.Fatal("no batch after a tick with events")
			return fileBatch{}
		}
	}
	none := func(when string) {
		t.Helper()
		tick <- time.Now() // taken only after the batcher handled what came before
		select {
		case fb := <-b.batches:
			t.Errorf("%s: a batch %v", when, fb)
		default:
		}
	}
	set := func(paths ...string) map[string]bool {
		m := map[string]bool{}
		for _, p := range paths {
			m[p] = true
		}
		return m
	}

	none("a tick with no events")

	// An editor's save: several events for one path, and a path to clean.
	send("/site/a.md", "/site/a.md", "/site/./b.md", "/site/a.md")
	select {
	case fb := <-b.batches:
		t.Fatalf("a batch before the tick: %v", fb)
	default:
	}
	tick <- time.Now()
	if fb := next(); !reflect.DeepEqual(fb.paths, set("/site/a.md", "/site/b.md")) || fb.overflow {
		t.Errorf("first batch = %v, want a.md and b.md once each", fb)
	}
	none("a tick after the batch was taken")

	// The sync is busy with a batch: events go on collecting into it.
	send("/site/c.md")
	tick <- time.Now()
	send("/site/d.md", "/site/c.md")
	tick <- time.Now()
	if fb := next(); !reflect.DeepEqual(fb.paths, set("/site/c.md", "/site/d.md")) {
		t.Errorf("batch while busy = %v, want c.md and d.md", fb.paths)
	}

	// A lost queue is a batch of its own kind; other errors are passed on.
	errs <- fsnotify.ErrEventOverflow
	errs <- errors.New("watch: too many open files")
	tick <- time.Now()
	if fb := next(); !fb.overflow || len(fb.paths) != 0 {
		t.Errorf("after an overflow: %+v, want an overflow batch", fb)
	}
	select {
	case err := <-b.errors:
		if err.Error() != "watch: too many open files" {
			t.Errorf("error passed on = %v", err)
		}
	default:
		t.Error("the watcher's error was not passed on")
	}
}
