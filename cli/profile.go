package cli

import (
	"fmt"
	"io"
	"os"
	"runtime/pprof"
)

// startProfile writes a CPU profile of the command to the file named by
// QUIRE_CPUPROFILE, so that a slow command can be looked at as it really runs
// (process start, database, files) rather than only through go test -bench:
//
//	QUIRE_CPUPROFILE=/tmp/export.prof quire export --out site
//	go tool pprof -top build/bin/quire /tmp/export.prof
func startProfile(stderr io.Writer) (stop func()) {
	path := os.Getenv("QUIRE_CPUPROFILE")
	if path == "" {
		return func() {}
	}
	f, err := os.Create(path)
	if err != nil {
		fmt.Fprintf(stderr, "quire: QUIRE_CPUPROFILE: %v\n", err)
		return func() {}
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		fmt.Fprintf(stderr, "quire: QUIRE_CPUPROFILE: %v\n", err)
		f.Close()
		return func() {}
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}
}
