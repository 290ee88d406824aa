//go:build unix

package publish

import (
	"os/exec"
	"syscall"
)

// stopGroup makes cmd the leader of a process group of its own and has its
// cancellation interrupt the whole group: git push runs ssh or a remote
// helper that would otherwise hold its output open after git has gone.
// Not for a push that may ask for a password: a process group that is not
// the terminal's foreground one cannot read from it.
func stopGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGINT) }
}
