// Command quire is Quire's command line and the launcher of its window.
//
// With a command (`quire render post.md`, `quire export --out site`, ...) it
// works headless, without a display. With none it replaces itself with
// quire-app, the desktop app (built from main.go at the repository root),
// which must be beside it; the process keeps its ID and arguments.
//
// The two are separate programs because the app links GTK, WebKitGTK and
// their 160-odd libraries, which the dynamic loader maps and relocates
// before main runs, so a command run from a script would start several
// times slower and larger in the app's binary ("start the program and
// exit" in docs/benchmarks.md measures this one). Much of what remains is
// chroma's package init (its styles and lexers registries).
package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"

	"quire/backend/render/highlight/diskcache"
	"quire/cli"
)

// appName is the desktop app's binary, beside this one.
const appName = "quire-app"

func main() {
	closeCache := diskcache.Use(os.Stderr) // highlighted code, kept across runs
	code, _, wantsWindow := cli.Run(os.Args[1:])
	closeCache()
	if !wantsWindow {
		os.Exit(code)
	}
	if cli.NoDisplay() {
		os.Exit(1)
	}
	app, err := appPath()
	if err == nil {
		err = syscall.Exec(app, append([]string{app}, os.Args[1:]...), os.Environ())
	}
	fmt.Fprintln(os.Stderr, "quire: cannot open the app window:", err)
	os.Exit(1)
}

// appPath finds quire-app in the folder of this binary.
func appPath() (string, error) {
	self, err := os.Executable()
	if err != nil {
		return "", err
	}
	return appBeside(self)
}

// appBeside returns quire-app in the folder of self, symbolic links
// followed, so that a link to quire in ~/.local/bin finds it.
func appBeside(self string) (string, error) {
	if real, err := filepath.EvalSymlinks(self); err == nil {
		self = real
	}
	app := filepath.Join(filepath.Dir(self), appName)
	if _, err := os.Stat(app); errors.Is(err, fs.ErrNotExist) {
		return "", fmt.Errorf("%s is not beside %s (make build makes both)", appName, self)
	} else if err != nil {
		return "", err
	}
	return app, nil
}
