//go:build !bindings

package app

// generatingBindings: see bindings_on.go.
const generatingBindings = false
