//go:build !bindings

package app

// GeneratingBindings: see bindings_on.go.
const GeneratingBindings = false
