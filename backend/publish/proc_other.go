//go:build !unix

package publish

import "os/exec"

// stopGroup: elsewhere cancelling kills git push itself.
func stopGroup(cmd *exec.Cmd) {}
