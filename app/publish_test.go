package app

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"quire/backend/post"
	"quire/internal/gittest"
)

type eventLog struct {
	mu   sync.Mutex
	auto []AutoPublish
	prog []PublishProgress
}

func (l *eventLog) Emit(name string, data ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	switch name {
	case EventPublishAuto:
		l.auto = append(l.auto, data[0].(AutoPublish))
	case EventPublishProgress:
		l.prog = append(l.prog, data[0].(PublishProgress))
	}
}

// The window's Publish: the folder from the output setting, progress as
// events (git's own included), then the automatic publish of a post whose
// time came, told once.
func TestPublishFromTheWindow(t *testing.T) {
	gittest.Isolate(t)
	remote, site := gittest.Remote(t)

	st := mustOpen(t)
	now := time.Date(2026, 12, 5, 12, 0, 0, 0, time.UTC)
	ctx := context.Background()
	for _, p := range []*post.Post{
		{Slug: "hello", Title: "Hello", Status: post.StatusPublished, Date: now.Add(-time.Hour), Body: "hi\n"},
		{Slug: "soon", Title: "Soon", Status: post.StatusScheduled, Date: now.Add(time.Hour), Body: "later\n"},
	} {
		if err := st.CreatePost(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	log := &eventLog{}
	pub := NewPublish(st, log)
	pub.now = func() time.Time { return now }

	if _, err := pub.Run(false); err == nil || !strings.Contains(err.Error(), "no hosting folder") {
		t.Fatalf("publish without a folder: %v", err)
	}
	if err := pub.SetOutput(site); err != nil {
		t.Fatal(err)
	}
	if _, err := pub.Run(false); err == nil || !strings.Contains(err.Error(), "holds files Quire did not write") {
		t.Fatalf("publish into a clone without force: %v", err)
	}
	rep, err := pub.Run(true)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Git == nil || rep.Git.Pushed != 1 || gittest.Run(t, remote, "rev-parse", "main") != rep.Git.Commit {
		t.Fatalf("report = %+v", rep.Git)
	}
	phases := map[string]bool{}
	for _, p := range log.prog {
		phases[p.Phase] = true
	}
	if !phases["export"] || !phases["commit"] || !phases["push"] {
		t.Errorf("progress phases = %v", phases)
	}

	// Nothing due: the tick does nothing.
	pub.tick(ctx)
	if len(log.auto) != 0 {
		t.Fatalf("auto events with nothing due: %+v", log.auto)
	}
	// Its time comes: published, exported, committed and pushed, and said.
	now = now.Add(2 * time.Hour)
	pub.tick(ctx)
	if len(log.auto) != 1 || log.auto[0].Error != "" || len(log.auto[0].Posts) != 1 || log.auto[0].Posts[0].Slug != "soon" {
		t.Fatalf("auto events = %+v", log.auto)
	}
	if msg := gittest.Run(t, remote, "log", "-1", "--format=%B", "main"); !strings.Contains(msg, "- Soon (") {
		t.Errorf("auto publish commit:\n%s", msg)
	}

	// Turned off, a due post waits.
	if err := pub.SetAuto(false); err != nil {
		t.Fatal(err)
	}
	if err := st.CreatePost(ctx, &post.Post{Slug: "next", Title: "Next", Status: post.StatusScheduled, Date: now.Add(-time.Minute), Body: "x\n"}); err != nil {
		t.Fatal(err)
	}
	pub.tick(ctx)
	if on, _ := pub.Auto(); on || len(log.auto) != 1 {
		t.Errorf("auto publish ran while off: %+v", log.auto)
	}
	// On again, with the folder on a detached HEAD: the failure is told once.
	gittest.Run(t, site, "switch", "-q", "--detach")
	pub.SetAuto(true)
	pub.tick(ctx)
	pub.tick(ctx)
	if len(log.auto) != 2 || !strings.Contains(log.auto[1].Error, "detached HEAD") {
		t.Errorf("auto events = %+v", log.auto)
	}
}
