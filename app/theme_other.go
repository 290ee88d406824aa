//go:build !linux

package app

// systemScheme: the web views of macOS and Windows answer
// prefers-color-scheme from the system themselves.
func systemScheme() string { return "" }
