package export

import (
	"context"
	"sync"
	"sync/atomic"

	"golang.org/x/sync/errgroup"

	"quire/backend/hosting"
	"quire/backend/post"
	"quire/backend/render"
	"quire/backend/store"
	"quire/backend/theme"
)

// exporter is what one export's pages are made with.
type exporter struct {
	ctx    context.Context
	st     *store.Store
	si     siteInfo
	th     *theme.Theme
	common pageCommon
	r      *render.Renderer
	plain  *render.Renderer // r without highlighting, for excerpts (excerptOf)
	ix     linkIndex
	pub    *hosting.Publisher

	mu   sync.Mutex // guards rep's lists and feed while pages are made
	rep  *Report
	feed []feedEntry // by place in the feeds, filled as post pages are made

	// readMu: the workers read their posts one at a time. A read is short
	// next to a render, and one at a time they share one database
	// connection (and its page cache) instead of each filling one of its own.
	readMu sync.Mutex
}

func (x *exporter) load(id int64) (*post.Post, error) {
	x.readMu.Lock()
	defer x.readMu.Unlock()
	return x.st.GetPost(x.ctx, id)
}

// excerptOf is what lists show of a post, rendered for it only when its own
// page was not (lazyExcerpt).
func (x *exporter) excerptOf(j *postJob) string {
	return j.excerpt.get(func() (*post.Post, *render.Result, error) {
		p, err := x.load(j.sum.ID)
		if err != nil {
			return nil, nil, err
		}
		// An excerpt leaves code out, so highlighting it would be waste:
		// after one edit, the lists re-render the excerpts of posts whose
		// pages stay as they are, and chroma was most of that work.
		res, err := x.plain.RenderBody([]byte(p.Body), 1)
		return p, res, err
	})
}

// placer hands made pages to the publisher on two goroutines while the
// workers make more: the disk and the CPUs work at once, and at most
// cap(items) pages wait in memory.
type placer struct {
	items chan hosting.Item
	wg    sync.WaitGroup
	once  sync.Once
}

func newPlacer(pub *hosting.Publisher, workers int, placed func()) *placer {
	p := &placer{items: make(chan hosting.Item, 4*workers)}
	for range 2 {
		p.wg.Add(1)
		go func() {
			defer p.wg.Done()
			for it := range p.items {
				pub.Put(it)
				placed()
			}
		}()
	}
	return p
}

func (p *placer) send(it hosting.Item) { p.items <- it }

// close waits until every page sent is placed; it may be called again.
func (p *placer) close() {
	p.once.Do(func() {
		close(p.items)
		p.wg.Wait()
	})
}

// progress counts pages done against the plan's total.
type progress struct {
	done  atomic.Int64
	total int
	fn    func(done, total int)
}

func (p *progress) step() {
	n := p.done.Add(1)
	if p.fn != nil {
		p.fn(int(n), p.total)
	}
}

// runPages makes pages on workers goroutines and sends them to pl: a page
// placed with its key and untouched since is kept as it is. A post page that
// fails is recorded and its old page kept; any other failure stops the run.
func (x *exporter) runPages(pages []page, workers int, pl *placer, prog *progress) error {
	g, ctx := errgroup.WithContext(x.ctx)
	g.SetLimit(workers)
	for _, pg := range pages {
		if ctx.Err() != nil {
			break
		}
		g.Go(func() error {
			if err := ctx.Err(); err != nil {
				return err
			}
			if pg.key != "" && x.pub.Fresh(pg.path, pg.key) {
				pl.send(hosting.Item{TargetPath: pg.path, Source: pg.source, Key: pg.key, Keep: true})
				return nil
			}
			b, err := pg.make()
			if err != nil && pg.job != nil {
				x.mu.Lock()
				x.rep.Failed = append(x.rep.Failed, hosting.Failure{Path: pg.path, Source: pg.source, Err: err.Error()})
				x.mu.Unlock()
				x.pub.KeepOld(pg.path, pg.source)
				prog.step()
				return nil
			}
			if err != nil {
				return err
			}
			pl.send(hosting.Item{TargetPath: pg.path, Content: b, Source: pg.source, Key: pg.key})
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return err
	}
	return x.ctx.Err()
}
