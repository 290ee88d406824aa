//go:build !unix

package render

// processCPU is not measured here: the benchmarks report 0 cpu-ns/op.
func processCPU() int64 { return 0 }
