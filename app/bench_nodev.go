//go:build !dev

package app

import "context"

// domReady: production builds run no benchmark script (see bench_dev.go).
func domReady(context.Context) {}
