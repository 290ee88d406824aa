//go:build !linux

package app

// setLowMemoryEnv has nothing to set: the variables of lowmem_linux.go are
// for GTK, WebKitGTK and Mesa.
func setLowMemoryEnv() {}
