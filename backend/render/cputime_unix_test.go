//go:build unix

package render

import "syscall"

// processCPU is the CPU time the process has used, user and system, all
// threads (the garbage collector's included), in nanoseconds.
func processCPU() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}
