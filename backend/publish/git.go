package publish

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// repo is the git work tree that holds the hosting folder. Every command
// runs the system git in the hosting folder, so the user's own config,
// credential helpers and SSH agent apply; Quire keeps no secret.
type repo struct {
	dir    string // the hosting folder (commands run here)
	top    string // the work tree's top folder
	prefix string // dir relative to top, "" or ending in "/"
	// interactive lets git ask for a password on the terminal.
	interactive bool
}

// gitErr is a git command that failed, with what it printed.
type gitErr struct {
	args   []string
	stderr string
	err    error
}

func (e *gitErr) Error() string {
	msg := strings.TrimSpace(e.stderr)
	if msg == "" {
		msg = e.err.Error()
	}
	return fmt.Sprintf("git %s: %s", strings.Join(e.args, " "), msg)
}

func (e *gitErr) Unwrap() error { return e.err }

func (r *repo) env() []string {
	env := append(os.Environ(), "LC_ALL=C", "LANGUAGE=C", "GIT_OPTIONAL_LOCKS=0")
	if !r.interactive {
		// A prompt nobody can answer (the app, cron) would hang the publish.
		env = append(env, "GIT_TERMINAL_PROMPT=0", "GIT_ASKPASS=", "SSH_ASKPASS=", "GCM_INTERACTIVE=never")
	}
	return env
}

// run runs git with args in the hosting folder, stdin given, and returns
// its standard output. It is not cancelled by ctx once started unless
// cancel is set: a commit must never stop half-way.
func (r *repo) run(ctx context.Context, stdin []byte, args ...string) (string, error) {
	// Paths are names, never patterns (a page may be called "[1].html");
	// check-ignore takes paths, not pathspecs, and refuses the option.
	full := args
	if args[0] != "check-ignore" {
		full = append([]string{"--literal-pathspecs"}, args...)
	}
	cmd := exec.Command("git", full...)
	cmd.Dir = r.dir
	cmd.Env = r.env()
	if stdin != nil {
		cmd.Stdin = bytes.NewReader(stdin)
	}
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		return out.String(), &gitErr{args: args, stderr: errb.String(), err: err}
	}
	return out.String(), nil
}

// ok runs git and reports only whether it exited 0.
func (r *repo) ok(ctx context.Context, args ...string) bool {
	_, err := r.run(ctx, nil, args...)
	return err == nil
}

// openRepo returns the work tree holding dir, or nil when dir is not in one
// (or git is not installed: then there is nothing to commit with). A dir
// that does not exist yet is made when create is set (the export would make
// it); otherwise git runs in its nearest existing folder.
func openRepo(ctx context.Context, dir string, interactive, create bool) (*repo, error) {
	if _, err := exec.LookPath("git"); err != nil {
		return nil, nil
	}
	at, rest := dir, ""
	for {
		if fi, err := os.Stat(at); err == nil && fi.IsDir() {
			break
		} else if err == nil {
			return nil, nil // a file: the export says what is wrong
		}
		parent := filepath.Dir(at)
		if parent == at {
			return nil, nil
		}
		rest = filepath.Join(filepath.Base(at), rest)
		at = parent
	}
	r := &repo{dir: at, interactive: interactive}
	out, err := r.run(ctx, nil, "rev-parse", "--is-inside-work-tree")
	if err != nil || strings.TrimSpace(out) != "true" {
		return nil, nil
	}
	if rest != "" && create {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("publish: %w", err)
		}
		r.dir, rest = dir, ""
	}
	top, err := r.run(ctx, nil, "rev-parse", "--show-toplevel")
	if err != nil {
		return nil, err
	}
	r.top = strings.TrimSpace(top)
	prefix, err := r.run(ctx, nil, "rev-parse", "--show-prefix")
	if err != nil {
		return nil, err
	}
	r.prefix = strings.TrimSpace(prefix)
	if rest != "" {
		r.prefix += filepath.ToSlash(rest) + "/"
	}
	return r, nil
}

// branchState is where the work tree is: its branch and upstream.
type branchState struct {
	branch   string // "main"
	remote   string // "origin"; "" without an upstream
	merge    string // "refs/heads/main" on the remote
	upstream string // "origin/main"
	born     bool   // HEAD has a commit
}

// check refuses a work tree that a commit would make a mess of: a detached
// HEAD, an unfinished merge, rebase, cherry-pick or revert, and (unless no
// push is wanted) a branch without an upstream.
func (r *repo) check(ctx context.Context, needUpstream bool) (branchState, error) {
	var bs branchState
	out, err := r.run(ctx, nil, "symbolic-ref", "-q", "--short", "HEAD")
	if err != nil {
		return bs, &Error{Kind: KindDetached, Dir: r.dir,
			Msg:  "the hosting folder's git work tree is on a detached HEAD, so a commit would belong to no branch",
			Hint: "check out the branch the site is published from (git switch main) in " + r.dir + ", then publish again"}
	}
	bs.branch = strings.TrimSpace(out)
	bs.born = r.ok(ctx, "rev-parse", "-q", "--verify", "HEAD^{commit}")
	for _, s := range []struct{ path, what, finish string }{
		{"MERGE_HEAD", "a merge", "finish it (git commit) or abort it (git merge --abort)"},
		{"rebase-merge", "a rebase", "finish it (git rebase --continue) or abort it (git rebase --abort)"},
		{"rebase-apply", "a rebase or git am", "finish it (git rebase --continue) or abort it (git rebase --abort)"},
		{"CHERRY_PICK_HEAD", "a cherry-pick", "finish it (git cherry-pick --continue) or abort it (git cherry-pick --abort)"},
		{"REVERT_HEAD", "a revert", "finish it (git revert --continue) or abort it (git revert --abort)"},
	} {
		p, err := r.run(ctx, nil, "rev-parse", "--git-path", s.path)
		if err != nil {
			return bs, err
		}
		p = strings.TrimSpace(p)
		if !filepath.IsAbs(p) {
			p = filepath.Join(r.dir, p)
		}
		if _, err := os.Lstat(p); err == nil {
			return bs, &Error{Kind: KindInProgress, Dir: r.dir,
				Msg:  s.what + " is in progress in the hosting folder's git work tree",
				Hint: s.finish + " in " + r.dir + ", then publish again"}
		}
	}
	remote, _ := r.run(ctx, nil, "config", "--get", "branch."+bs.branch+".remote")
	merge, _ := r.run(ctx, nil, "config", "--get", "branch."+bs.branch+".merge")
	bs.remote, bs.merge = strings.TrimSpace(remote), strings.TrimSpace(merge)
	if bs.remote == "" || bs.merge == "" {
		bs.remote, bs.merge = "", ""
		if needUpstream {
			return bs, &Error{Kind: KindNoUpstream, Dir: r.dir,
				Msg:  "the branch " + bs.branch + " has no upstream, so Quire does not know where to push it",
				Hint: "run git push -u origin " + bs.branch + " in " + r.dir + " (or git branch --set-upstream-to=REMOTE/BRANCH), then publish again; or publish with --no-push"}
		}
		return bs, nil
	}
	bs.upstream = bs.remote + "/" + strings.TrimPrefix(bs.merge, "refs/heads/")
	return bs, nil
}

// staged lists the paths in the index that differ from HEAD, relative to
// the work tree's top.
func (r *repo) staged(ctx context.Context) ([]string, error) {
	out, err := r.run(ctx, nil, "diff", "--cached", "--name-only", "--no-renames", "-z")
	if err != nil {
		return nil, err
	}
	return splitZ(out), nil
}

func splitZ(s string) []string {
	var l []string
	for _, p := range strings.Split(s, "\x00") {
		if p != "" {
			l = append(l, p)
		}
	}
	return l
}

func joinZ(paths []string) []byte {
	var b bytes.Buffer
	for _, p := range paths {
		b.WriteString(p)
		b.WriteByte(0)
	}
	return b.Bytes()
}

// show returns a file of HEAD (a path relative to the hosting folder), and
// false when HEAD has no such file.
func (r *repo) show(ctx context.Context, rel string) ([]byte, bool) {
	out, err := r.run(ctx, nil, "show", "HEAD:"+r.prefix+rel)
	if err != nil {
		return nil, false
	}
	return []byte(out), true
}

// stage adds the files Quire wrote (present) and the removal of those it
// removed (gone), by name: nothing else in the work tree is touched.
func (r *repo) stage(ctx context.Context, present, gone []string) error {
	// Files the owner's .gitignore keeps out stay out (git add would refuse
	// them and so stop the publish).
	if out, err := r.run(ctx, joinZ(present), "check-ignore", "-z", "--stdin"); err == nil {
		ignored := map[string]bool{}
		for _, p := range splitZ(out) {
			ignored[p] = true
		}
		kept := present[:0:0]
		for _, p := range present {
			if !ignored[p] {
				kept = append(kept, p)
			}
		}
		present = kept
	}
	if len(present) > 0 {
		if _, err := r.run(ctx, joinZ(present), "add", "--pathspec-from-file=-", "--pathspec-file-nul"); err != nil {
			return err
		}
	}
	if len(gone) > 0 {
		if _, err := r.run(ctx, joinZ(gone), "rm", "--cached", "-q", "--ignore-unmatch", "--pathspec-from-file=-", "--pathspec-file-nul"); err != nil {
			return err
		}
	}
	return nil
}

// unstage puts the index entries of paths back as HEAD has them, undoing
// stage when a publish stops before its commit.
func (r *repo) unstage(ctx context.Context, bs branchState, paths []string) error {
	if len(paths) == 0 {
		return nil
	}
	if !bs.born {
		_, err := r.run(ctx, joinZ(paths), "rm", "--cached", "-q", "--ignore-unmatch", "--pathspec-from-file=-", "--pathspec-file-nul")
		return err
	}
	_, err := r.run(ctx, joinZ(paths), "reset", "-q", "--pathspec-from-file=-", "--pathspec-file-nul")
	return err
}

// commit records the index with message and returns the new commit's hash.
func (r *repo) commit(ctx context.Context, message string) (string, error) {
	if _, err := r.run(ctx, []byte(message), "commit", "-q", "-F", "-"); err != nil {
		var ge *gitErr
		if errors.As(err, &ge) && strings.Contains(ge.stderr, "user.email") {
			return "", &Error{Kind: KindCommit, Dir: r.dir, Msg: "git does not know who is committing",
				Hint: "set git config user.name and user.email (in " + r.dir + " or globally), then publish again", Err: err}
		}
		return "", &Error{Kind: KindCommit, Dir: r.dir, Msg: "the commit failed, nothing was committed (" + err.Error() + ")",
			Hint: "fix what git says, then publish again", Err: err}
	}
	h, err := r.run(ctx, nil, "rev-parse", "HEAD")
	return strings.TrimSpace(h), err
}

// ahead counts the commits of HEAD the upstream does not have yet (a
// commit an earlier publish could not push). Without a remote-tracking
// branch (never fetched) every commit counts.
func (r *repo) ahead(ctx context.Context, bs branchState) int {
	// HEAD may have been born since check, by the first commit.
	if bs.upstream == "" || !r.ok(ctx, "rev-parse", "-q", "--verify", "HEAD^{commit}") {
		return 0
	}
	rng := "@{upstream}..HEAD"
	if !r.ok(ctx, "rev-parse", "-q", "--verify", "@{upstream}") {
		rng = "HEAD"
	}
	out, err := r.run(ctx, nil, "rev-list", "--count", rng)
	if err != nil {
		return 0
	}
	n, _ := strconv.Atoi(strings.TrimSpace(out))
	return n
}

// push pushes the current branch to its upstream, never forced. git's own
// progress goes to progress as it comes; cancelling ctx stops the push (git
// gets SIGINT, as from Ctrl+C on a terminal).
func (r *repo) push(ctx context.Context, bs branchState, progress io.Writer) error {
	args := []string{"push", "--progress", bs.remote, "HEAD:" + bs.merge}
	cmd := exec.CommandContext(ctx, "git", args...)
	cmd.Dir = r.dir
	cmd.Env = r.env()
	cmd.Cancel = func() error { return cmd.Process.Signal(os.Interrupt) }
	if !r.interactive {
		stopGroup(cmd)
	}
	cmd.WaitDelay = 10 * time.Second
	var errb, outb bytes.Buffer
	if progress != nil {
		cmd.Stderr = io.MultiWriter(&errb, progress)
	} else {
		cmd.Stderr = &errb
	}
	cmd.Stdout = &outb
	if r.interactive {
		cmd.Stdin = os.Stdin
	}
	err := cmd.Run()
	if err == nil {
		return nil
	}
	said := errb.String() + "\n" + outb.String()
	if ctx.Err() != nil {
		return &Error{Kind: KindCancelled, Dir: r.dir, Msg: "the push was stopped; the commit is kept in " + r.dir,
			Hint: "publish again to push it", Err: ctx.Err()}
	}
	return classifyPush(r.dir, bs, said, &gitErr{args: args, stderr: said, err: err})
}

// classifyPush turns what a failed git push said into what happened and
// what to do.
func classifyPush(dir string, bs branchState, said string, err error) error {
	low := strings.ToLower(said)
	has := func(subs ...string) bool {
		for _, s := range subs {
			if strings.Contains(low, s) {
				return true
			}
		}
		return false
	}
	kept := " (the commit is kept and goes with the next publish)"
	switch {
	case has("[rejected]", "non-fast-forward", "fetch first") && !has("[remote rejected]"):
		return &Error{Kind: KindRemoteAhead, Dir: dir,
			Msg:  "the remote has commits you don't have" + kept,
			Hint: "run git pull in " + dir + ", then publish again", Err: err}
	case has("authentication failed", "permission denied", "could not read username", "could not read password",
		"terminal prompts disabled", "invalid username or password", "returned error: 403", "returned error: 401",
		"access denied", "publickey"):
		return &Error{Kind: KindAuth, Dir: dir,
			Msg:  "the remote " + bs.remote + " refused the credentials" + kept,
			Hint: "check that git push works in " + dir + " (SSH key, credential helper or token), then publish again", Err: err}
	case has("could not resolve host", "connection refused", "connection timed out", "network is unreachable",
		"could not connect", "unable to access", "does not appear to be a git repository", "repository not found"):
		return &Error{Kind: KindUnreachable, Dir: dir,
			Msg:  "the remote " + bs.remote + " could not be reached" + kept,
			Hint: "check the connection and the remote's URL (git remote -v in " + dir + "), then publish again", Err: err}
	case has("[remote rejected]"):
		return &Error{Kind: KindPush, Dir: dir,
			Msg:  "the remote refused the push: " + lastLines(said, 3) + kept,
			Hint: "fix what the remote says (a protected branch, a hook), then publish again", Err: err}
	}
	return &Error{Kind: KindPush, Dir: dir, Msg: "git push failed: " + lastLines(said, 3) + kept,
		Hint: "fix what git says, then publish again", Err: err}
}

func lastLines(s string, n int) string {
	var l []string
	for _, line := range strings.Split(s, "\n") {
		line = strings.TrimSpace(line)
		// git's progress lines are noise here.
		if line == "" || strings.Contains(line, "\r") || strings.HasPrefix(line, "To ") || line == "Done" {
			continue
		}
		l = append(l, line)
	}
	if len(l) > n {
		l = l[len(l)-n:]
	}
	return strings.Join(l, "; ")
}
