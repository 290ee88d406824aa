package publish

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"quire/backend/hosting"
	"quire/backend/post"
	"quire/backend/store"
	"quire/internal/gittest"
)

// now is the tests' clock: one scheduled post is due, one is not.
var now = time.Date(2026, 12, 5, 12, 0, 0, 0, time.UTC)

func clock() time.Time { return now }

// hostingRepo makes a bare repository as the remote (reached by a file:// URL)
// holding a README, and a clone of it as the hosting folder.
func hostingRepo(t *testing.T) (remote, site string) {
	t.Helper()
	gittest.Isolate(t)
	root := t.TempDir()
	remote = filepath.Join(root, "remote.git")
	gittest.Run(t, root, "init", "-q", "--bare", "-b", "main", remote)
	seed := filepath.Join(root, "seed")
	gittest.Run(t, root, "clone", "-q", "file://"+remote, seed)
	if err := os.WriteFile(filepath.Join(seed, "README.md"), []byte("# my site\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	gittest.Run(t, seed, "add", "README.md")
	gittest.Run(t, seed, "commit", "-q", "-m", "README")
	gittest.Run(t, seed, "push", "-q", "origin", "main")
	site = filepath.Join(root, "site")
	gittest.Run(t, root, "clone", "-q", "file://"+remote, site)
	return remote, site
}

func mustStore(t *testing.T) *store.Store {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "quire.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func mustCreate(t *testing.T, st *store.Store, slug, title string, status post.Status, date time.Time) *post.Post {
	t.Helper()
	p := &post.Post{Slug: slug, Title: title, Status: status, Date: date, Body: "# " + title + "\n\nSome text.\n"}
	if err := st.CreatePost(context.Background(), p); err != nil {
		t.Fatal(err)
	}
	return p
}

// blog is a store with a published post, a scheduled post that is due
// and one that is not.
func blog(t *testing.T) *store.Store {
	st := mustStore(t)
	mustCreate(t, st, "hello", "Hello world", post.StatusPublished, now.Add(-48*time.Hour))
	mustCreate(t, st, "due", "Due today", post.StatusScheduled, now.Add(-time.Hour))
	mustCreate(t, st, "later", "Not yet", post.StatusScheduled, now.Add(24*time.Hour))
	return st
}

func run(t *testing.T, st *store.Store, opt Options) (Report, error) {
	t.Helper()
	if opt.Now == nil {
		opt.Now = clock
	}
	return Run(context.Background(), st, opt)
}

func mustRun(t *testing.T, st *store.Store, opt Options) Report {
	t.Helper()
	rep, err := run(t, st, opt)
	if err != nil {
		t.Fatalf("publish: %v", err)
	}
	return rep
}

func wantKind(t *testing.T, err error, kind Kind, says ...string) *Error {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) || e.Kind != kind {
		t.Fatalf("error = %v, want kind %s", err, kind)
	}
	for _, s := range says {
		if !strings.Contains(err.Error(), s) {
			t.Errorf("error %q does not say %q", err, s)
		}
	}
	return e
}

func status(t *testing.T, st *store.Store, slug string) post.Status {
	t.Helper()
	p, err := st.GetPostBySlug(context.Background(), slug)
	if err != nil {
		t.Fatal(err)
	}
	return p.Status
}

func TestPublishCommitsAndPushes(t *testing.T) {
	remote, site := hostingRepo(t)
	st := blog(t)
	rep := mustRun(t, st, Options{Dir: site, Force: true})

	if got := status(t, st, "due"); got != post.StatusPublished {
		t.Errorf("due post is %s, want published", got)
	}
	if got := status(t, st, "later"); got != post.StatusScheduled {
		t.Errorf("future post is %s, want scheduled", got)
	}
	p, _ := st.GetPostBySlug(context.Background(), "due")
	revs, err := st.Revisions(context.Background(), p.ID)
	if err != nil || revs[0].Kind != store.KindPublish {
		t.Errorf("newest revision of the due post = %+v, %v; want a publish revision", revs, err)
	}
	if len(rep.Published) != 1 || rep.Published[0].Slug != "due" || rep.Published[0].Path == "" {
		t.Errorf("published = %+v", rep.Published)
	}
	g := rep.Git
	if g == nil || g.Commit == "" || g.Pushed != 1 || g.Unpushed != 0 {
		t.Fatalf("git report = %+v", g)
	}
	if len(g.Added) != 2 {
		t.Errorf("added = %+v, want hello and due", g.Added)
	}
	if got := gittest.Run(t, remote, "rev-parse", "main"); got != g.Commit {
		t.Errorf("remote main = %s, want the publish commit %s", got, g.Commit)
	}
	msg := gittest.Run(t, remote, "log", "-1", "--format=%B", "main")
	for _, want := range []string{"Publish: 2 posts added", "- Due today (", "- Hello world ("} {
		if !strings.Contains(msg, want) {
			t.Errorf("commit message lacks %q:\n%s", want, msg)
		}
	}
	if strings.Contains(msg, "Not yet") {
		t.Errorf("commit message names the future post:\n%s", msg)
	}
	files := gittest.Run(t, remote, "show", "--format=", "--name-only", "main")
	if strings.Contains(files, "README.md") || !strings.Contains(files, ".quire-manifest.json") || !strings.Contains(files, "index.html") {
		t.Errorf("committed files:\n%s", files)
	}

	// Again: nothing changed, so no commit and no push.
	rep = mustRun(t, st, Options{Dir: site})
	if rep.Git == nil || !rep.Git.NothingChanged || rep.Git.Commit != "" || rep.Git.Pushed != 0 {
		t.Errorf("second publish git report = %+v, want nothing changed", rep.Git)
	}
	if got := gittest.Run(t, remote, "rev-parse", "main"); got != g.Commit {
		t.Errorf("remote moved to %s after a publish with nothing to do", got)
	}

	// A changed post and a post taken down are named as such.
	h, _ := st.GetPostBySlug(context.Background(), "hello")
	h.Body += "\nMore.\n"
	if err := st.SavePost(context.Background(), h, store.KindSave); err != nil {
		t.Fatal(err)
	}
	d, _ := st.GetPostBySlug(context.Background(), "due")
	if err := st.TrashPost(context.Background(), d.ID); err != nil {
		t.Fatal(err)
	}
	rep = mustRun(t, st, Options{Dir: site})
	msg = gittest.Run(t, remote, "log", "-1", "--format=%B", "main")
	for _, want := range []string{"1 post changed, 1 post removed", "Changed:\n- Hello world", "Removed:\n- Due today"} {
		if !strings.Contains(msg, want) {
			t.Errorf("commit message lacks %q:\n%s", want, msg)
		}
	}
	if files := gittest.Run(t, site, "status", "--porcelain"); files != "" {
		t.Errorf("work tree not clean after publish:\n%s", files)
	}
}

func TestPublishWithMessageAndNoPush(t *testing.T) {
	remote, site := hostingRepo(t)
	st := blog(t)
	before := gittest.Run(t, remote, "rev-parse", "main")
	rep := mustRun(t, st, Options{Dir: site, Force: true, NoPush: true, Message: "my own words"})
	if rep.Git.Unpushed != 1 || rep.Git.Pushed != 0 {
		t.Errorf("git report = %+v, want one unpushed commit", rep.Git)
	}
	if got := gittest.Run(t, site, "log", "-1", "--format=%s"); got != "my own words" {
		t.Errorf("subject = %q", got)
	}
	if got := gittest.Run(t, remote, "rev-parse", "main"); got != before {
		t.Errorf("--no-push pushed")
	}
	// The next publish pushes the commit, though nothing new is made.
	rep = mustRun(t, st, Options{Dir: site})
	if rep.Git.Pushed != 1 || rep.Git.Commit != "" || rep.Git.NothingChanged {
		t.Errorf("git report = %+v, want the earlier commit pushed", rep.Git)
	}
}

func TestRejectedPushKeepsTheCommit(t *testing.T) {
	remote, site := hostingRepo(t)
	st := blog(t)
	mustRun(t, st, Options{Dir: site, Force: true})

	// Someone else pushes meanwhile.
	other := filepath.Join(t.TempDir(), "other")
	gittest.Run(t, filepath.Dir(other), "clone", "-q", "file://"+remote, other)
	os.WriteFile(filepath.Join(other, "CNAME"), []byte("example.org\n"), 0o644)
	gittest.Run(t, other, "add", "CNAME")
	gittest.Run(t, other, "commit", "-q", "-m", "CNAME")
	gittest.Run(t, other, "push", "-q")
	theirs := gittest.Run(t, remote, "rev-parse", "main")

	mustCreate(t, st, "new", "A new post", post.StatusPublished, now.Add(-time.Minute))
	rep, err := run(t, st, Options{Dir: site})
	e := wantKind(t, err, KindRemoteAhead, "the remote has commits you don't have", "run git pull in "+site+", then publish again")
	if e.Dir != site {
		t.Errorf("error dir = %q", e.Dir)
	}
	if rep.Git == nil || rep.Git.Commit == "" || rep.Git.Unpushed != 1 {
		t.Fatalf("git report = %+v, want a kept, unpushed commit", rep.Git)
	}
	if got := gittest.Run(t, site, "rev-parse", "HEAD"); got != rep.Git.Commit {
		t.Errorf("HEAD = %s, want the kept commit %s", got, rep.Git.Commit)
	}
	if got := gittest.Run(t, remote, "rev-parse", "main"); got != theirs {
		t.Errorf("the remote changed: %s", got)
	}

	// As the message says: pull, then publish again.
	gittest.Run(t, site, "pull", "-q", "--no-rebase", "--no-edit")
	rep = mustRun(t, st, Options{Dir: site})
	if rep.Git.Pushed != 2 {
		t.Errorf("git report = %+v, want the kept commit and the merge pushed", rep.Git)
	}
	if got := gittest.Run(t, remote, "log", "--format=%s", "main"); !strings.Contains(got, "1 post added") || !strings.Contains(got, "CNAME") {
		t.Errorf("remote log:\n%s", got)
	}
}

// The refusals that come before anything changes: the due post stays
// scheduled, the folder is not exported, nothing is committed.
func TestRefusedBeforeAnythingChanges(t *testing.T) {
	for _, tc := range []struct {
		name  string
		setup func(t *testing.T, site string)
		opt   Options
		kind  Kind
		says  []string
	}{
		{"NoUpstream", func(t *testing.T, site string) { gittest.Run(t, site, "switch", "-q", "-c", "drafts") }, Options{},
			KindNoUpstream, []string{"has no upstream", "git push -u origin drafts"}},
		{"DetachedHead", func(t *testing.T, site string) { gittest.Run(t, site, "switch", "-q", "--detach") }, Options{},
			KindDetached, []string{"detached HEAD", "git switch"}},
		{"MergeInProgress", func(t *testing.T, site string) {
			head := gittest.Run(t, site, "rev-parse", "HEAD")
			os.WriteFile(filepath.Join(site, ".git", "MERGE_HEAD"), []byte(head+"\n"), 0o644)
		}, Options{}, KindInProgress, []string{"a merge is in progress", "git merge --abort"}},
		{"ForeignStaged", func(t *testing.T, site string) {
			os.WriteFile(filepath.Join(site, "README.md"), []byte("# changed\n"), 0o644)
			gittest.Run(t, site, "add", "README.md")
		}, Options{}, KindForeignStaged, []string{"staged changes Quire did not make (README.md)", "git restore --staged"}},
		{"ForeignStagedDryRun", func(t *testing.T, site string) {
			os.WriteFile(filepath.Join(site, "notes.txt"), []byte("x\n"), 0o644)
			gittest.Run(t, site, "add", "notes.txt")
		}, Options{DryRun: true}, KindForeignStaged, []string{"notes.txt"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			remote, site := hostingRepo(t)
			st := blog(t)
			tc.setup(t, site)
			head := gittest.Run(t, site, "rev-parse", "HEAD")
			opt := tc.opt
			opt.Dir, opt.Force = site, true
			_, err := run(t, st, opt)
			wantKind(t, err, tc.kind, tc.says...)
			if got := status(t, st, "due"); got != post.StatusScheduled {
				t.Errorf("due post became %s", got)
			}
			if exists(site, "index.html") {
				t.Errorf("the folder was exported")
			}
			if got := gittest.Run(t, site, "rev-parse", "HEAD"); got != head {
				t.Errorf("HEAD moved")
			}
			if got := gittest.Run(t, remote, "rev-list", "--count", "main"); got != "1" {
				t.Errorf("remote has %s commits", got)
			}
		})
	}
}

// A clone holds files Quire did not write: without Force the publish is
// refused before the due post changes status.
func TestForeignFolderRefusedFirst(t *testing.T) {
	_, site := hostingRepo(t)
	st := blog(t)
	_, err := run(t, st, Options{Dir: site})
	if !errors.Is(err, hosting.ErrForeignFolder) {
		t.Fatalf("error = %v, want hosting.ErrForeignFolder", err)
	}
	if got := status(t, st, "due"); got != post.StatusScheduled {
		t.Errorf("due post became %s", got)
	}
}

func TestNoUpstreamWithNoPushCommits(t *testing.T) {
	_, site := hostingRepo(t)
	st := blog(t)
	gittest.Run(t, site, "switch", "-q", "-c", "drafts")
	rep := mustRun(t, st, Options{Dir: site, Force: true, NoPush: true})
	if rep.Git.Commit == "" || rep.Git.Upstream != "" {
		t.Errorf("git report = %+v", rep.Git)
	}
}

func TestDryRunChangesNothing(t *testing.T) {
	remote, site := hostingRepo(t)
	st := blog(t)
	mustRun(t, st, Options{Dir: site, Force: true})
	mustCreate(t, st, "soon", "Soon enough", post.StatusScheduled, now.Add(-time.Minute))
	before := snapshot(t, filepath.Dir(site))
	head := gittest.Run(t, site, "rev-parse", "HEAD")

	rep := mustRun(t, st, Options{Dir: site, DryRun: true})
	if !rep.DryRun || len(rep.Published) != 1 || rep.Published[0].Slug != "soon" || rep.Published[0].Path == "" {
		t.Errorf("published = %+v", rep.Published)
	}
	wrote := strings.Join(rep.Written, " ")
	if !strings.Contains(wrote, rep.Published[0].Path) || !strings.Contains(wrote, "index.html") {
		t.Errorf("written = %v", rep.Written)
	}
	g := rep.Git
	if g == nil || !strings.Contains(g.Message, "Added:\n- Soon enough") || g.Files == 0 || g.Pushed != 1 || g.Commit != "" {
		t.Errorf("git report = %+v", g)
	}
	if got := status(t, st, "soon"); got != post.StatusScheduled {
		t.Errorf("dry run made the post %s", got)
	}
	if after := snapshot(t, filepath.Dir(site)); after != before {
		t.Errorf("dry run changed files:\nbefore:\n%s\nafter:\n%s", before, after)
	}
	if got := gittest.Run(t, site, "rev-parse", "HEAD"); got != head {
		t.Errorf("dry run committed")
	}
	if got := gittest.Run(t, remote, "rev-parse", "main"); got != head {
		t.Errorf("dry run pushed")
	}

	// Then the real publish does what the dry run said.
	real := mustRun(t, st, Options{Dir: site})
	if strings.Join(real.Written, " ") != wrote || real.Git.Files != g.Files {
		t.Errorf("publish wrote %v (%d files committed), dry run said %v (%d)", real.Written, real.Git.Files, rep.Written, g.Files)
	}
	if rep := mustRun(t, st, Options{Dir: site, DryRun: true}); !rep.Git.NothingChanged || len(rep.Written) != 0 {
		t.Errorf("dry run after publish = %+v %+v", rep.Written, rep.Git)
	}
}

// snapshot lists every file under dir with its size and time, .git's
// objects and refs included.
func snapshot(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	err := filepath.Walk(dir, func(p string, fi os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		if strings.HasSuffix(p, filepath.Join(".git", "index")) {
			return nil // git refreshes its stat cache on read-only commands
		}
		rel, _ := filepath.Rel(dir, p)
		b.WriteString(rel)
		if !fi.IsDir() {
			fmt.Fprintf(&b, " %d %s", fi.Size(), fi.ModTime().Format(time.RFC3339Nano))
		}
		b.WriteString("\n")
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestNotAGitWorkTreeExportsOnly(t *testing.T) {
	gittest.Isolate(t)
	st := blog(t)
	dir := filepath.Join(t.TempDir(), "public")
	rep := mustRun(t, st, Options{Dir: dir})
	if rep.Git != nil || !exists(dir, "index.html") || len(rep.Written) == 0 {
		t.Errorf("report = %+v", rep)
	}
}

func TestOutputSetting(t *testing.T) {
	gittest.Isolate(t)
	st := blog(t)
	_, err := run(t, st, Options{})
	wantKind(t, err, KindNoFolder, "quire site output DIR")
	dir := filepath.Join(t.TempDir(), "public")
	if err := SetOutput(context.Background(), st, dir); err != nil {
		t.Fatal(err)
	}
	rep := mustRun(t, st, Options{})
	if rep.Dir != dir || !exists(dir, "index.html") {
		t.Errorf("published into %q", rep.Dir)
	}
}

func TestCancelBeforeCommitUnstages(t *testing.T) {
	_, site := hostingRepo(t)
	st := blog(t)
	head := gittest.Run(t, site, "rev-parse", "HEAD")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	opt := Options{Dir: site, Force: true, Now: clock, Progress: func(s Step) {
		if s.Phase == PhaseCommit {
			cancel()
		}
	}}
	_, err := Run(ctx, st, opt)
	if !IsCancelled(err) {
		t.Fatalf("error = %v, want cancelled", err)
	}
	if got := gittest.Run(t, site, "rev-parse", "HEAD"); got != head {
		t.Errorf("a commit was made")
	}
	if got := gittest.Run(t, site, "diff", "--cached", "--name-only"); got != "" {
		t.Errorf("left staged:\n%s", got)
	}
	// Nothing is lost: the next publish commits and pushes it all.
	rep := mustRun(t, st, Options{Dir: site})
	if rep.Git.Commit == "" || rep.Git.Pushed != 1 {
		t.Errorf("git report = %+v", rep.Git)
	}
}

// fakeSSH points the remote's push URL at an ssh "server" that is the
// script body, so that what git says when a real host refuses can be had
// without a network.
func fakeSSH(t *testing.T, site, body string) {
	t.Helper()
	script := filepath.Join(t.TempDir(), "ssh")
	if err := os.WriteFile(script, []byte("#!/bin/sh\n"+body+"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("GIT_SSH_COMMAND", script)
	gittest.Run(t, site, "remote", "set-url", "--push", "origin", "ssh://git@host.invalid/site.git")
}

func TestAuthRefused(t *testing.T) {
	_, site := hostingRepo(t)
	st := blog(t)
	fakeSSH(t, site, `echo "git@host.invalid: Permission denied (publickey)." >&2; exit 255`)
	rep, err := run(t, st, Options{Dir: site, Force: true})
	wantKind(t, err, KindAuth, "refused the credentials", "the commit is kept")
	if rep.Git == nil || rep.Git.Commit == "" || rep.Git.Unpushed != 1 {
		t.Errorf("git report = %+v", rep.Git)
	}
}

func TestCancelDuringPushStopsIt(t *testing.T) {
	_, site := hostingRepo(t)
	st := blog(t)
	started := filepath.Join(t.TempDir(), "started")
	fakeSSH(t, site, "touch '"+started+"'\nexec sleep 120")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		// Wait for the push to reach the "server", then stop it.
		for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
			if _, err := os.Stat(started); err == nil {
				break
			}
		}
		cancel()
	}()
	rep, err := Run(ctx, st, Options{Dir: site, Force: true, Now: clock})
	wantKind(t, err, KindCancelled, "push was stopped")
	if _, serr := os.Stat(started); serr != nil {
		t.Errorf("the push never started: %v", serr)
	}
	if rep.Git == nil || rep.Git.Commit == "" || rep.Git.Unpushed != 1 {
		t.Errorf("git report = %+v, want the commit kept", rep.Git)
	}
	if got := gittest.Run(t, site, "rev-parse", "HEAD"); got != rep.Git.Commit {
		t.Errorf("HEAD = %s", got)
	}
}

// A site published from a folder of a larger repository (GitHub Pages'
// docs/): only the folder's files are committed; the rest is left alone.
func TestSubfolderOfARepository(t *testing.T) {
	remote, clone := hostingRepo(t)
	st := blog(t)
	os.WriteFile(filepath.Join(clone, "notes.txt"), []byte("mine\n"), 0o644)
	docs := filepath.Join(clone, "docs")
	rep := mustRun(t, st, Options{Dir: docs})
	if rep.Git == nil || rep.Git.Pushed != 1 {
		t.Fatalf("git report = %+v", rep.Git)
	}
	files := gittest.Run(t, remote, "show", "--format=", "--name-only", "main")
	for _, f := range strings.Split(files, "\n") {
		if !strings.HasPrefix(f, "docs/") {
			t.Errorf("committed %s, outside docs/", f)
		}
	}
	if got := gittest.Run(t, clone, "status", "--porcelain"); got != "?? notes.txt" {
		t.Errorf("status:\n%s", got)
	}
	if rep := mustRun(t, st, Options{Dir: docs, DryRun: true}); !rep.Git.NothingChanged {
		t.Errorf("dry run after publish: %+v", rep.Git)
	}
}

// Files the owner's .gitignore keeps out are not committed, and do not
// stop the publish.
func TestIgnoredFilesStayOut(t *testing.T) {
	remote, site := hostingRepo(t)
	st := blog(t)
	os.WriteFile(filepath.Join(site, ".gitignore"), []byte("*.xml\n"), 0o644)
	gittest.Run(t, site, "add", ".gitignore")
	gittest.Run(t, site, "commit", "-q", "-m", "ignore feeds")
	rep := mustRun(t, st, Options{Dir: site, Force: true})
	if rep.Git.Pushed != 2 {
		t.Errorf("git report = %+v", rep.Git)
	}
	files := gittest.Run(t, remote, "show", "--format=", "--name-only", "main")
	if strings.Contains(files, ".xml") || !strings.Contains(files, "index.html") {
		t.Errorf("committed:\n%s", files)
	}
}

// TestDueAroundNow checks which scheduled posts are due at the second and
// around it: the posts listed are only those whose date has come.
func TestDueAroundNow(t *testing.T) {
	at := time.Date(2024, 5, 1, 12, 0, 0, 600_000_000, time.UTC)
	st := mustStore(t)
	for _, c := range []struct {
		slug string
		date time.Time
	}{
		{"a-second-ago", at.Add(-time.Second)},
		{"this-instant", at},
		{"earlier-this-second", at.Add(-500 * time.Millisecond)},
		{"later-this-second", at.Add(300 * time.Millisecond)},
		{"a-second-later", at.Add(time.Second)},
		{"next-year", at.AddDate(1, 0, 0)},
	} {
		mustCreate(t, st, c.slug, c.slug, post.StatusScheduled, c.date)
	}
	due, err := Due(context.Background(), st, at)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range due {
		got = append(got, p.Slug)
	}
	slices.Sort(got)
	if want := []string{"a-second-ago", "earlier-this-second", "this-instant"}; !slices.Equal(got, want) {
		t.Errorf("due at %s: %v, want %v", at, got, want)
	}
}
