package cli

import (
	"fmt"
	"runtime"
	"runtime/debug"
)

// Version is set at build time with -ldflags "-X quire/cli.Version=v1.2.3".
var Version = ""

// VersionString is Version, or else the VCS revision Go stamped into the binary.
func VersionString() string {
	if Version != "" {
		return Version
	}
	v := "dev"
	if bi, ok := debug.ReadBuildInfo(); ok {
		var rev, dirty string
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.modified":
				if s.Value == "true" {
					dirty = "-dirty"
				}
			}
		}
		if len(rev) > 12 {
			rev = rev[:12]
		}
		if rev != "" {
			v += "+" + rev + dirty
		}
	}
	return v
}

func init() {
	Register(&Command{
		Name:    "version",
		Summary: "print Quire's version",
		Run: func(env *Env, args []string) error {
			if len(args) > 0 {
				return Usagef("version takes no arguments")
			}
			_, err := fmt.Fprintf(env.Stdout, "quire %s (%s, %s/%s)\n", VersionString(), runtime.Version(), runtime.GOOS, runtime.GOARCH)
			return err
		},
	})
}
