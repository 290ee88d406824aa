//go:build linux

package app

import (
	"os"
	"testing"
)

func TestSetLowMemoryEnv(t *testing.T) {
	for _, kv := range webkitEnv {
		t.Setenv(kv[0], "") // restored after the test
		os.Unsetenv(kv[0])
	}
	// A value the user set is theirs: GDK_GL= (empty) turns GTK's GL back on.
	t.Setenv("GDK_GL", "")
	setLowMemoryEnv()
	for _, kv := range webkitEnv {
		got, ok := os.LookupEnv(kv[0])
		want := kv[1]
		if kv[0] == "GDK_GL" {
			want = ""
		}
		if !ok || got != want {
			t.Errorf("%s = %q (set %v), want %q", kv[0], got, ok, want)
		}
	}
}
