// Package publish makes the site go live: scheduled posts whose date has
// come become published, the site is exported into the hosting folder (with
// the export's own code: stage, journal, manifest and foreign-file rules),
// and, when that folder is in a git work tree, the files Quire wrote or
// removed are committed and pushed to the branch's upstream with the system
// git and the user's own credentials.
//
// What is staged comes from the export's manifest, by name: never the whole
// work tree. Nothing here forces a push. A failure leaves everything as a
// person can pick it up: the export is whole, a commit that could not be
// pushed stays and the next publish pushes it, and a publish stopped before
// its commit unstages what it staged.
package publish

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"quire/backend/export"
	"quire/backend/hosting"
	"quire/backend/post"
	"quire/backend/site"
	"quire/backend/store"
	"quire/backend/theme"
)

// Kind says what went wrong, for a caller that acts on it.
type Kind string

const (
	KindNoFolder      Kind = "no-folder"      // no hosting folder given or set
	KindDetached      Kind = "detached-head"  // HEAD is on no branch
	KindInProgress    Kind = "in-progress"    // a merge, rebase, cherry-pick or revert is unfinished
	KindNoUpstream    Kind = "no-upstream"    // the branch has nowhere to push to
	KindForeignStaged Kind = "foreign-staged" // the index holds changes Quire did not make
	KindExport        Kind = "export"         // posts or files failed to export
	KindCommit        Kind = "commit"         // git commit failed
	KindRemoteAhead   Kind = "remote-ahead"   // the remote has commits we don't
	KindAuth          Kind = "auth"           // the remote refused the credentials
	KindUnreachable   Kind = "unreachable"    // the remote could not be reached
	KindPush          Kind = "push"           // another push failure
	KindCancelled     Kind = "cancelled"      // stopped by the user
)

// Error is a publish that stopped: what happened (Msg) and what to do (Hint).
type Error struct {
	Kind Kind
	Dir  string
	Msg  string
	Hint string
	Err  error
}

func (e *Error) Error() string {
	if e.Hint == "" {
		return e.Msg
	}
	return e.Msg + ": " + e.Hint
}

func (e *Error) Unwrap() error { return e.Err }

// The phases of a publish, in order, as Progress reports them.
const (
	PhaseSchedule = "schedule" // scheduled posts become published
	PhaseExport   = "export"
	PhaseCommit   = "commit"
	PhasePush     = "push"
)

// Step is a progress report: the phase, and for the export how far it is.
type Step struct {
	Phase string `json:"phase"`
	Done  int    `json:"done"`
	Total int    `json:"total"`
	Text  string `json:"text,omitempty"`
}

// Options change one publish.
type Options struct {
	// Dir is the hosting folder; "" is the output setting (see Output).
	Dir string
	// Message replaces the commit message Quire writes.
	Message string
	// DryRun reports what would be published, written, removed and
	// committed, and changes nothing.
	DryRun bool
	// NoPush commits but does not push.
	NoPush bool
	// Force exports into a folder that holds files and no manifest (as
	// `quire export --force`): a fresh clone of the site's repository.
	Force bool
	// Theme is the theme; nil is the default one.
	Theme *theme.Theme
	// Now is the clock; nil is time.Now.
	Now func() time.Time
	// Progress, if set, is told of each phase and of the export's items.
	Progress func(Step)
	// GitProgress, if set, receives git push's own progress output.
	GitProgress io.Writer
	// Interactive lets git ask for a password on the terminal; otherwise
	// a push that needs one fails at once instead of hanging.
	Interactive bool
}

// Post is a post named in a report.
type Post struct {
	Slug  string `json:"slug"`
	Title string `json:"title"`
	// Path is its page in the hosting folder.
	Path string `json:"path,omitempty"`
}

// GitReport is what a publish did (or would do) in the git work tree.
type GitReport struct {
	Branch   string `json:"branch"`
	Upstream string `json:"upstream,omitempty"`
	// The posts whose pages the commit adds, changes or removes.
	Added   []Post `json:"added"`
	Changed []Post `json:"changed"`
	Removed []Post `json:"removed"`
	// Files is the number of files in the commit.
	Files   int    `json:"files"`
	Message string `json:"message,omitempty"`
	Commit  string `json:"commit,omitempty"`
	// Pushed is the number of commits pushed; Unpushed those left to push.
	Pushed   int `json:"pushed"`
	Unpushed int `json:"unpushed"`
	// NothingChanged: no commit was needed and nothing was pushed.
	NothingChanged bool `json:"nothingChanged"`
}

// Report is what a publish did (or, in a dry run, would do).
type Report struct {
	Dir    string `json:"dir"`
	DryRun bool   `json:"dryRun"`
	// Published are the scheduled posts that became published.
	Published []Post        `json:"published"`
	Export    export.Report `json:"export"`
	// Written and Removed are the files of the hosting folder the export
	// wrote (new or changed) and removed.
	Written []string `json:"written"`
	Removed []string `json:"removed"`
	// Git is nil when the hosting folder is not in a git work tree.
	Git *GitReport `json:"git,omitempty"`
}

// plan is what Run works out before it changes anything.
type plan struct {
	opt      Options
	now      time.Time
	dir      string
	repo     *repo // nil: not a git work tree
	branch   branchState
	head     map[string]string // HEAD's manifest: path -> SHA-256
	due      []*post.Post
	settings site.Settings
}

// Run publishes the site of st. See the package comment.
func Run(ctx context.Context, st *store.Store, opt Options) (Report, error) {
	rep := Report{DryRun: opt.DryRun, Published: []Post{}, Written: []string{}, Removed: []string{}}
	pl, err := prepare(ctx, st, opt)
	rep.Dir = pl.dir
	if err != nil {
		return rep, err
	}
	for _, p := range pl.due {
		rep.Published = append(rep.Published, Post{Slug: p.Slug, Title: p.Title})
	}
	if opt.DryRun {
		return dryRun(ctx, st, pl, rep)
	}
	pl.step(Step{Phase: PhaseSchedule, Total: len(pl.due)})
	if err := publishDue(ctx, st, pl.due); err != nil {
		return rep, err
	}
	before := diskManifest(pl.dir)
	exp, err := export.Export(ctx, st, pl.dir, pl.exportOptions())
	rep.Export = exp
	if err != nil {
		if ctx.Err() != nil {
			return rep, cancelled(pl.dir, "the export was stopped; the hosting folder is as it was", err)
		}
		return rep, err
	}
	after := diskManifest(pl.dir)
	rep.Written, rep.Removed = fileChanges(before, after, pl.dir)
	fillPaths(ctx, st, pl, rep.Published)
	if len(exp.Failed) > 0 {
		return rep, &Error{Kind: KindExport, Dir: pl.dir,
			Msg:  fmt.Sprintf("%d of the site's files could not be exported, so nothing was committed", len(exp.Failed)),
			Hint: "fix them (see above), then publish again"}
	}
	if pl.repo == nil {
		return rep, nil
	}
	gr, err := pl.commitAndPush(ctx, st, before, after)
	rep.Git = gr
	return rep, err
}

// prepare resolves the folder, checks the git work tree and finds the due
// posts: everything that can refuse a publish does so before anything
// changes.
func prepare(ctx context.Context, st *store.Store, opt Options) (*plan, error) {
	pl := &plan{opt: opt, now: time.Now()}
	if opt.Now != nil {
		pl.now = opt.Now()
	}
	dir := opt.Dir
	if dir == "" {
		var err error
		if dir, err = Output(ctx, st); err != nil {
			return pl, err
		}
		if dir == "" {
			return pl, &Error{Kind: KindNoFolder, Msg: "no hosting folder",
				Hint: "give one with --out DIR, or set it once with quire site output DIR"}
		}
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return pl, err
	}
	pl.dir = abs
	if pl.settings, err = site.Load(ctx, st); err != nil {
		return pl, err
	}
	if pl.repo, err = openRepo(ctx, abs, opt.Interactive, !opt.DryRun); err != nil {
		return pl, err
	}
	if pl.repo != nil {
		if pl.branch, err = pl.repo.check(ctx, !opt.NoPush); err != nil {
			return pl, err
		}
		pl.head = pl.repo.headManifest(ctx)
		if err := pl.checkIndex(ctx); err != nil {
			return pl, err
		}
	}
	if !opt.DryRun {
		// The export's own refusals of the folder (one it did not write,
		// another export running) come before any post changes status.
		pub, err := hosting.Open(abs, opt.Force)
		if err != nil {
			return pl, err
		}
		pub.Abort()
	}
	pl.due, err = duePosts(ctx, st, pl.now)
	return pl, err
}

func (pl *plan) step(s Step) {
	if pl.opt.Progress != nil {
		pl.opt.Progress(s)
	}
}

func (pl *plan) exportOptions() export.Options {
	o := export.Options{Force: pl.opt.Force, Theme: pl.opt.Theme, Now: pl.opt.Now}
	o.Progress = func(done, total int) { pl.step(Step{Phase: PhaseExport, Done: done, Total: total}) }
	return o
}

func cancelled(dir, msg string, err error) error {
	return &Error{Kind: KindCancelled, Dir: dir, Msg: msg, Err: err}
}

// checkIndex refuses an index holding staged changes to files that are not
// Quire's: a commit of Quire's would carry them along. Quire's own files
// staged by a publish that was killed are fine: they are staged again.
func (pl *plan) checkIndex(ctx context.Context) error {
	staged, err := pl.repo.staged(ctx)
	if err != nil {
		return err
	}
	ours := map[string]bool{pl.repo.prefix + hosting.ManifestName: true}
	for rel := range pl.head {
		ours[pl.repo.prefix+rel] = true
	}
	for rel := range diskManifest(pl.dir) {
		ours[pl.repo.prefix+rel] = true
	}
	var foreign []string
	for _, p := range staged {
		if !ours[p] {
			foreign = append(foreign, p)
		}
	}
	if len(foreign) == 0 {
		return nil
	}
	names := foreign
	if len(names) > 3 {
		names = append(names[:3:3], fmt.Sprintf("and %d more", len(foreign)-3))
	}
	return &Error{Kind: KindForeignStaged, Dir: pl.dir,
		Msg:  "the git work tree has staged changes Quire did not make (" + strings.Join(names, ", ") + ")",
		Hint: "commit them or unstage them (git restore --staged PATH) in " + pl.repo.top + ", then publish again"}
}

// duePosts are the scheduled posts whose date has come. Only those are
// listed (To): the window asks every half minute, and a blog may hold
// thousands of posts scheduled for later.
func duePosts(ctx context.Context, st *store.Store, now time.Time) ([]*post.Post, error) {
	l, err := st.ListPosts(ctx, store.ListOptions{Status: post.StatusScheduled, To: now.Truncate(time.Second).Add(time.Second),
		Limit: 1 << 30, Sort: store.SortDate, Reverse: true, NoMatch: true})
	if err != nil {
		return nil, fmt.Errorf("publish: list scheduled posts: %w", err)
	}
	var due []*post.Post
	for _, s := range l.Posts {
		if s.Date.IsZero() || s.Date.After(now) {
			continue
		}
		p, err := st.GetPost(ctx, s.ID)
		if err != nil {
			return nil, fmt.Errorf("publish: read post %q: %w", s.Slug, err)
		}
		if p.Status == post.StatusScheduled {
			due = append(due, p)
		}
	}
	return due, nil
}

// publishDue makes each due post published, as a revision of its own.
func publishDue(ctx context.Context, st *store.Store, due []*post.Post) error {
	for _, p := range due {
		if err := ctx.Err(); err != nil {
			return cancelled("", "publish stopped before the export; the posts made published so far stay published", err)
		}
		p.Status = post.StatusPublished
		if err := st.SavePost(ctx, p, store.KindPublish); err != nil {
			return fmt.Errorf("publish post %q: %w", p.Slug, err)
		}
	}
	return nil
}

// diskManifest is the manifest in dir (path -> SHA-256); empty without one.
func diskManifest(dir string) map[string]string {
	b, err := os.ReadFile(filepath.Join(dir, hosting.ManifestName))
	if err != nil {
		return map[string]string{}
	}
	m, err := hosting.ManifestFiles(b)
	if err != nil {
		return map[string]string{}
	}
	return m
}

// headManifest is the manifest HEAD holds; empty without one.
func (r *repo) headManifest(ctx context.Context) map[string]string {
	b, ok := r.show(ctx, hosting.ManifestName)
	if !ok {
		return map[string]string{}
	}
	m, err := hosting.ManifestFiles(b)
	if err != nil {
		return map[string]string{}
	}
	return m
}

// fileChanges lists the files an export wrote (new or with new content)
// and removed, from the manifests before and after it.
func fileChanges(before, after map[string]string, dir string) (written, removed []string) {
	written, removed = []string{}, []string{}
	for rel, sum := range after {
		if before[rel] != sum {
			written = append(written, rel)
		}
	}
	for rel := range before {
		if _, ok := after[rel]; !ok && !exists(dir, rel) {
			removed = append(removed, rel)
		}
	}
	sort.Strings(written)
	sort.Strings(removed)
	return written, removed
}

func exists(dir, rel string) bool {
	_, err := os.Lstat(filepath.Join(dir, filepath.FromSlash(rel)))
	return err == nil
}

// fillPaths sets the page of each published post.
func fillPaths(ctx context.Context, st *store.Store, pl *plan, posts []Post) {
	if len(posts) == 0 {
		return
	}
	pages, err := postPages(ctx, st, pl.settings)
	if err != nil {
		return
	}
	bySlug := map[string]string{}
	for path, p := range pages {
		bySlug[p.Slug] = path
	}
	for i := range posts {
		posts[i].Path = bySlug[posts[i].Slug]
	}
}

// postPages maps the page path of every post (drafts and the trash
// included, so a page taken down is named too) to the post.
func postPages(ctx context.Context, st *store.Store, set site.Settings) (map[string]Post, error) {
	pages := map[string]Post{}
	for _, list := range []func(context.Context, store.ListOptions) (store.ListResult, error){st.ListTrash, st.ListPosts} {
		l, err := list(ctx, store.ListOptions{Limit: 1 << 30, Sort: store.SortDate})
		if err != nil {
			return nil, err
		}
		for _, s := range l.Posts {
			path := export.PostFile(set, s)
			title := s.Title
			if title == "" {
				title = s.Slug
			}
			pages[path] = Post{Slug: s.Slug, Title: title, Path: path}
		}
	}
	return pages, nil
}

// commitAndPush stages what the export wrote and removed, commits it and
// pushes the branch (with any commit an earlier publish could not push).
func (pl *plan) commitAndPush(ctx context.Context, st *store.Store, before, after map[string]string) (*GitReport, error) {
	r, bs := pl.repo, pl.branch
	gr := &GitReport{Branch: bs.branch, Upstream: bs.upstream, Added: []Post{}, Changed: []Post{}, Removed: []Post{}}
	pages, err := postPages(ctx, st, pl.settings)
	if err != nil {
		return gr, err
	}
	gr.Added, gr.Changed, gr.Removed = postChanges(pl.head, after, pages)
	present := []string{hosting.ManifestName}
	var gone []string
	for rel := range after {
		if exists(pl.dir, rel) {
			present = append(present, rel)
		} else {
			gone = append(gone, rel) // removed by hand since
		}
	}
	for _, m := range []map[string]string{pl.head, before} {
		for rel := range m {
			if _, ok := after[rel]; !ok && !exists(pl.dir, rel) {
				gone = append(gone, rel)
			}
		}
	}
	sort.Strings(present)
	sort.Strings(gone)
	gone = dedupe(gone)
	if err := ctx.Err(); err != nil {
		return gr, cancelled(pl.dir, "publish stopped before the commit; the site is exported and nothing was committed", err)
	}
	pl.step(Step{Phase: PhaseCommit})
	undo := func() { r.unstage(context.Background(), bs, append(present, gone...)) }
	if err := r.stage(ctx, present, gone); err != nil {
		undo()
		return gr, fmt.Errorf("publish: stage the site's files in %s: %w", pl.dir, err)
	}
	staged, err := r.staged(ctx)
	if err != nil {
		undo()
		return gr, err
	}
	gr.Files = len(staged)
	if len(staged) > 0 {
		if err := ctx.Err(); err != nil {
			undo()
			return gr, cancelled(pl.dir, "publish stopped before the commit; the site is exported and nothing was committed", err)
		}
		gr.Message = pl.opt.Message
		if strings.TrimSpace(gr.Message) == "" {
			gr.Message = commitMessage(gr)
		}
		// Not cancellable: git writes the commit whole or not at all, and
		// stopping it between the two would leave the index staged.
		hash, err := r.commit(context.Background(), gr.Message)
		if err != nil {
			undo()
			return gr, err
		}
		gr.Commit = hash
	}
	n := r.ahead(ctx, bs)
	if pl.opt.NoPush || n == 0 {
		gr.Unpushed = n
		gr.NothingChanged = len(staged) == 0 && n == 0
		return gr, nil
	}
	pl.step(Step{Phase: PhasePush, Text: fmt.Sprintf("pushing %s to %s", bs.branch, bs.upstream)})
	if err := r.push(ctx, bs, pl.opt.GitProgress); err != nil {
		gr.Unpushed = n
		return gr, err
	}
	gr.Pushed = n
	return gr, nil
}

func dedupe(sorted []string) []string {
	out := sorted[:0]
	for i, s := range sorted {
		if i == 0 || s != sorted[i-1] {
			out = append(out, s)
		}
	}
	return out
}

// postChanges names the posts whose pages differ between the manifest HEAD
// holds (what the host has) and the new one. A post whose page moved (a new
// date or permalink) is changed, not removed and added.
func postChanges(old, cur map[string]string, pages map[string]Post) (added, changed, removed []Post) {
	added, changed, removed = []Post{}, []Post{}, []Post{}
	for rel, sum := range cur {
		p, ok := pages[rel]
		if !ok {
			continue
		}
		switch prev, had := old[rel]; {
		case !had:
			added = append(added, p)
		case prev != sum:
			changed = append(changed, p)
		}
	}
	addedSlug := map[string]int{}
	for i, p := range added {
		addedSlug[p.Slug] = i
	}
	moved := map[int]bool{}
	for rel := range old {
		if _, ok := cur[rel]; ok {
			continue
		}
		p, ok := pages[rel]
		if !ok {
			continue
		}
		if i, ok := addedSlug[p.Slug]; ok {
			moved[i] = true
			changed = append(changed, added[i])
			continue
		}
		removed = append(removed, p)
	}
	kept := added[:0]
	for i, p := range added {
		if !moved[i] {
			kept = append(kept, p)
		}
	}
	added = kept
	for _, l := range [][]Post{added, changed, removed} {
		sort.Slice(l, func(a, b int) bool { return l[a].Path < l[b].Path })
	}
	return added, changed, removed
}

// commitMessage is the message of a publish's commit: a subject counting
// the posts, then the posts by name and page.
func commitMessage(gr *GitReport) string {
	var parts []string
	count := func(n int, what string) {
		if n == 0 {
			return
		}
		noun := "posts"
		if n == 1 {
			noun = "post"
		}
		parts = append(parts, fmt.Sprintf("%d %s %s", n, noun, what))
	}
	count(len(gr.Added), "added")
	count(len(gr.Changed), "changed")
	count(len(gr.Removed), "removed")
	var b strings.Builder
	if len(parts) == 0 {
		fmt.Fprintf(&b, "Publish: update the site (%d files)\n", gr.Files)
	} else {
		fmt.Fprintf(&b, "Publish: %s\n", strings.Join(parts, ", "))
	}
	for _, sec := range []struct {
		name  string
		posts []Post
	}{{"Added", gr.Added}, {"Changed", gr.Changed}, {"Removed", gr.Removed}} {
		if len(sec.posts) == 0 {
			continue
		}
		fmt.Fprintf(&b, "\n%s:\n", sec.name)
		for _, p := range sec.posts {
			fmt.Fprintf(&b, "- %s (%s)\n", p.Title, p.Path)
		}
	}
	fmt.Fprintf(&b, "\nWritten by quire publish; %d files.\n", gr.Files)
	return b.String()
}

// IsCancelled reports whether err is a publish stopped by the user.
func IsCancelled(err error) bool {
	var e *Error
	return (errors.As(err, &e) && e.Kind == KindCancelled) || errors.Is(err, context.Canceled)
}

// Due lists the scheduled posts whose date has come by now.
func Due(ctx context.Context, st *store.Store, now time.Time) ([]Post, error) {
	due, err := duePosts(ctx, st, now)
	l := make([]Post, 0, len(due))
	for _, p := range due {
		l = append(l, Post{Slug: p.Slug, Title: p.Title})
	}
	return l, err
}

// PublishDue makes the scheduled posts whose date has come published (a
// revision each) without exporting: for a database with no hosting folder.
func PublishDue(ctx context.Context, st *store.Store, now time.Time) ([]Post, error) {
	due, err := duePosts(ctx, st, now)
	if err != nil {
		return nil, err
	}
	if err := publishDue(ctx, st, due); err != nil {
		return nil, err
	}
	l := make([]Post, 0, len(due))
	for _, p := range due {
		l = append(l, Post{Slug: p.Slug, Title: p.Title})
	}
	return l, nil
}
