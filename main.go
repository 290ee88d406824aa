// Command quire-app is the Quire desktop app. With no command it opens the
// app window; with one (`quire-app render post.md`, ...) it works headless,
// as build/bin/quire (cmd/quire) does, which starts this program for the
// window. See README.md.
package main

import (
	"embed"
	"fmt"
	"io/fs"
	"os"

	"quire/app"
	"quire/backend/render/highlight/diskcache"
	"quire/cli"
)

// The built frontend (npm run build in frontend/) is embedded in the binary.
//
//go:embed all:frontend/dist
var assets embed.FS

//go:embed build/appicon.png
var icon []byte

func main() {
	closeCache := diskcache.Use(os.Stderr) // highlighted code, kept across runs
	code, g, wantsWindow := cli.Run(os.Args[1:])
	if !wantsWindow {
		closeCache()
		os.Exit(code)
	}
	// The wails CLI runs this program without a display to generate the
	// bindings; nothing opens then.
	if !app.GeneratingBindings && cli.NoDisplay() {
		os.Exit(1)
	}
	dist, err := fs.Sub(assets, "frontend/dist")
	if err != nil {
		fail(err)
	}
	env := &cli.Env{DBPath: g.DBPath}
	dbPath, err := env.ResolveDB()
	if err != nil {
		fail(err)
	}
	err = app.Run(app.Options{Assets: dist, DBPath: dbPath, Icon: icon, Bind: app.DevBindings()})
	closeCache()
	if err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "quire:", err)
	os.Exit(1)
}
