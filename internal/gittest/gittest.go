// Package gittest runs git for the tests that need a repository (publishing
// to a remote, files linked from a repository), one way in every package:
// isolated from the machine's git configuration, and failing the test on
// any git error with git's own words.
package gittest

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Isolate makes git in the test ignore the machine's configuration (a test
// must neither depend on the user's nor write to it) and commit as a fixed
// author, so commits and their messages are the same on every machine.
func Isolate(t testing.TB) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Fatal("these tests need git on PATH")
	}
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(home, ".config"))
	t.Setenv("GIT_CONFIG_NOSYSTEM", "1")
	t.Setenv("GIT_CONFIG_GLOBAL", filepath.Join(home, ".gitconfig"))
	for _, k := range []string{"GIT_AUTHOR", "GIT_COMMITTER"} {
		t.Setenv(k+"_NAME", "Ann Writer")
		t.Setenv(k+"_EMAIL", "ann@example.org")
	}
}

// Run runs git in dir and returns its output, trimmed.
func Run(t testing.TB, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %s in %s: %v\n%s", strings.Join(args, " "), dir, err, out)
	}
	return strings.TrimSpace(string(out))
}

// InitCommit makes dir a repository holding the files in it as one commit,
// so that the test can ask git what Quire changed afterwards. The author is
// given on the command line: it needs no Isolate.
func InitCommit(t testing.TB, dir, msg string) {
	t.Helper()
	Run(t, dir, "init", "-q")
	Run(t, dir, "add", ".")
	Run(t, dir, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", msg)
}

// Remote makes an empty bare repository with main as its branch, reached
// by a file:// URL as a hosting service would be, and a clone of it: the
// hosting folder a publish pushes from. Call Isolate first.
func Remote(t testing.TB) (remote, site string) {
	t.Helper()
	root := t.TempDir()
	remote, site = filepath.Join(root, "remote.git"), filepath.Join(root, "site")
	Run(t, root, "init", "-q", "--bare", "-b", "main", remote)
	Run(t, root, "clone", "-q", "file://"+remote, site)
	return remote, site
}
