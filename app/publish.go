package app

import (
	"bytes"
	"context"
	"errors"
	"strconv"
	"strings"
	"sync"
	"time"

	"quire/backend/publish"
	"quire/backend/store"
)

// Publish events.
const (
	// EventPublishProgress carries a PublishProgress while a publish runs.
	EventPublishProgress = "publish:progress"
	// EventPublishAuto carries an AutoPublish when the window published
	// due posts by itself.
	EventPublishAuto = "publish:auto"
)

// PublishProgress is a phase of a publish (schedule, export, commit, push),
// how far the export is, or a line of git push's own progress.
type PublishProgress struct {
	Phase string `json:"phase"`
	Done  int    `json:"done"`
	Total int    `json:"total"`
	Text  string `json:"text"`
}

// PublishReport is publish.Report as the window receives it.
type PublishReport struct {
	Dir       string             `json:"dir"`
	DryRun    bool               `json:"dryRun"`
	Published []publish.Post     `json:"published"`
	Export    ExportReport       `json:"export"`
	Written   int                `json:"written"`
	Removed   int                `json:"removed"`
	Git       *publish.GitReport `json:"git"`
}

// AutoPublish is what an automatic publish did: the posts that went live,
// and the error that stopped it, if any ("" when none).
type AutoPublish struct {
	Posts  []publish.Post `json:"posts"`
	Report *PublishReport `json:"report"`
	Error  string         `json:"error"`
}

// keyAutoPublish turns automatic publishing off ("false").
const keyAutoPublish = "publish.auto"

// autoEvery is how often the open window looks for due posts.
const autoEvery = 30 * time.Second

// Publish publishes due posts, exports the site into the hosting folder
// and commits and pushes it (backend/publish); while the window is open it
// does so by itself when a scheduled post's time comes.
type Publish struct {
	st     *store.Store
	events Emitter
	now    func() time.Time

	mu       sync.Mutex
	running  bool
	cancel   context.CancelFunc
	stop     context.CancelFunc
	lastFail string // the due posts an automatic publish failed on
}

// NewPublish returns the Publish service over st; progress goes to events.
func NewPublish(st *store.Store, events Emitter) *Publish {
	return &Publish{st: st, events: events, now: time.Now}
}

// ErrPublishRunning: a publish is already under way.
var ErrPublishRunning = errors.New("a publish is already running")

// Run publishes into the hosting folder of the output setting. force goes
// on in a folder that holds files and no manifest (a fresh clone; the
// window asks first). A cancelled publish returns an error saying what was
// kept.
func (p *Publish) Run(force bool) (PublishReport, error) {
	return p.run(publish.Options{Force: force})
}

// DryRun reports what Run would publish, write, remove and commit, and
// changes nothing.
func (p *Publish) DryRun() (PublishReport, error) {
	return p.run(publish.Options{DryRun: true})
}

func (p *Publish) run(opt publish.Options) (PublishReport, error) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	p.mu.Lock()
	if p.running {
		p.mu.Unlock()
		return PublishReport{}, ErrPublishRunning
	}
	p.running, p.cancel = true, cancel
	p.mu.Unlock()
	defer func() {
		p.mu.Lock()
		p.running, p.cancel = false, nil
		p.mu.Unlock()
	}()
	var mu sync.Mutex
	var last time.Time
	opt.Now = p.now
	opt.Progress = func(s publish.Step) {
		mu.Lock()
		defer mu.Unlock()
		if s.Phase == publish.PhaseExport {
			if s.Done > 1 && s.Done < s.Total && time.Since(last) < 50*time.Millisecond {
				return
			}
			last = time.Now()
		}
		p.events.Emit(EventPublishProgress, PublishProgress{Phase: s.Phase, Done: s.Done, Total: s.Total, Text: s.Text})
	}
	opt.GitProgress = &lineEmitter{emit: func(line string) {
		p.events.Emit(EventPublishProgress, PublishProgress{Phase: publish.PhasePush, Text: line})
	}}
	rep, err := publish.Run(ctx, p.st, opt)
	return newPublishReport(rep), err
}

func newPublishReport(r publish.Report) PublishReport {
	return PublishReport{Dir: r.Dir, DryRun: r.DryRun, Published: r.Published, Export: newExportReport(r.Export),
		Written: len(r.Written), Removed: len(r.Removed), Git: r.Git}
}

// Cancel stops the running publish: before its commit nothing is
// committed; during the push the push stops and the commit is kept.
func (p *Publish) Cancel() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.cancel != nil {
		p.cancel()
	}
}

// Output returns the hosting folder setting ("" when none is set).
func (p *Publish) Output() (string, error) {
	return publish.Output(context.Background(), p.st)
}

// SetOutput sets the hosting folder (an absolute path; "" clears it).
func (p *Publish) SetOutput(dir string) error {
	return publish.SetOutput(context.Background(), p.st, dir)
}

// Auto reports whether the open window publishes due posts by itself.
func (p *Publish) Auto() (bool, error) {
	v, ok, err := p.st.GetSetting(context.Background(), keyAutoPublish)
	if err != nil || !ok {
		return true, err
	}
	on, err := strconv.ParseBool(v)
	return on || err != nil, nil
}

// SetAuto turns automatic publishing on or off.
func (p *Publish) SetAuto(on bool) error {
	if err := p.st.SetSetting(context.Background(), keyAutoPublish, strconv.FormatBool(on)); err != nil {
		return err
	}
	if on {
		p.mu.Lock()
		p.lastFail = ""
		p.mu.Unlock()
	}
	return nil
}

// start looks for due posts now and then until close.
func (p *Publish) start(ctx context.Context) {
	ctx, stop := context.WithCancel(ctx)
	p.mu.Lock()
	p.stop = stop
	p.mu.Unlock()
	go func() {
		t := time.NewTicker(autoEvery)
		defer t.Stop()
		for {
			p.tick(ctx)
			select {
			case <-ctx.Done():
				return
			case <-t.C:
			}
		}
	}()
}

func (p *Publish) close() {
	p.mu.Lock()
	stop := p.stop
	p.mu.Unlock()
	if stop != nil {
		stop()
	}
	p.Cancel()
}

// tick publishes the due posts, if any and if automatic publishing is on:
// into the hosting folder when one is set (export, commit, push), else
// only their status. A failure is told once, not again every tick, until
// other posts fall due or the setting is turned on again.
func (p *Publish) tick(ctx context.Context) {
	if on, err := p.Auto(); err != nil || !on || ctx.Err() != nil {
		return
	}
	due, err := publish.Due(ctx, p.st, p.now())
	if err != nil || len(due) == 0 {
		return
	}
	var names []string
	for _, d := range due {
		names = append(names, d.Slug)
	}
	key := strings.Join(names, "\x00")
	p.mu.Lock()
	busy, failed := p.running, p.lastFail == key
	p.mu.Unlock()
	if busy || failed {
		return
	}
	out, err := p.Output()
	ev := AutoPublish{Posts: due}
	if err == nil && out == "" {
		ev.Posts, err = publish.PublishDue(ctx, p.st, p.now())
	} else if err == nil {
		var rep PublishReport
		rep, err = p.run(publish.Options{})
		ev.Report = &rep
		if errors.Is(err, ErrPublishRunning) {
			return
		}
	}
	if err != nil {
		ev.Error = err.Error()
		p.mu.Lock()
		p.lastFail = key
		p.mu.Unlock()
	}
	p.events.Emit(EventPublishAuto, ev)
}

// lineEmitter passes git's progress on line by line (its lines end in \r
// while a count goes up, \n when a step is done).
type lineEmitter struct {
	emit func(string)
	buf  bytes.Buffer
	last time.Time
}

func (w *lineEmitter) Write(b []byte) (int, error) {
	for _, c := range b {
		if c != '\r' && c != '\n' {
			w.buf.WriteByte(c)
			continue
		}
		line := strings.TrimSpace(w.buf.String())
		w.buf.Reset()
		// A count going up is shown at most every tenth of a second.
		if line == "" || (c == '\r' && time.Since(w.last) < 100*time.Millisecond) {
			continue
		}
		w.last = time.Now()
		w.emit(line)
	}
	return len(b), nil
}
