//go:build !linux

package app

// clipboardImage: on macOS and Windows the web view's paste event carries
// the image itself, so nothing is read here.
func clipboardImage() []byte { return nil }
