//go:build !dev

package app

// DevBindings: production builds bind nothing beyond the services (see canary_dev.go and bench_dev.go).
func DevBindings() []any { return nil }
