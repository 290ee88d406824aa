// Command quire is the Quire desktop app. With no command it opens the app
// window; with one (`quire render post.md`, `quire list`, ...) it works
// headless, without a display. See README.md.
package main

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"os"
	"os/signal"
	"syscall"

	"quire/app"
	"quire/cli"
)

// The built frontend (npm run build in frontend/) is embedded in the binary.
//
//go:embed all:frontend/dist
var assets embed.FS

//go:embed build/appicon.png
var icon []byte

func main() {
	g, rest, err := cli.ParseGlobal(os.Args[1:])
	if err != nil || g.Help || len(rest) > 0 {
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		code := cli.Main(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
		stop()
		os.Exit(code)
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
	if err := app.Run(app.Options{Assets: dist, DBPath: dbPath, Icon: icon, Bind: app.DevBindings()}); err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "quire:", err)
	os.Exit(1)
}
