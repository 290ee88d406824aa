// Package app holds the services bound to the Wails window. They are thin:
// each method checks its input, calls backend/, and returns (T, error); a Go
// error rejects the JavaScript promise.
package app

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"time"

	"github.com/wailsapp/wails/v2"
	"github.com/wailsapp/wails/v2/pkg/options"
	"github.com/wailsapp/wails/v2/pkg/options/assetserver"
	"github.com/wailsapp/wails/v2/pkg/options/linux"

	"quire/backend/store"
)

// Services are the bound objects; their exported methods become JS functions
// in frontend/wailsjs (regenerate with `make bindings`).
type Services struct {
	Preview  *Preview
	Posts    *Posts
	Library  *Library
	Settings *Settings
	Window   *Window
	Export   *Export
	Folders  *Folders
	Media    *Media
	Publish  *Publish
	Replace  *Replace
	events   *runtimeEmitter
}

// NewServices builds every bound service over st (nil only while the wails
// CLI generates bindings, when no method is called).
func NewServices(st *store.Store, started time.Time) *Services {
	ev := &runtimeEmitter{}
	s := &Services{
		Preview:  NewPreview(),
		Posts:    NewPosts(st),
		Library:  NewLibrary(st),
		Settings: NewSettings(st),
		Window:   NewWindow(ev, started),
		Export:   NewExport(st, ev),
		Folders:  NewFolders(st, ev),
		Media:    NewMedia(st),
		Publish:  NewPublish(st, ev),
		Replace:  NewReplace(st),
		events:   ev,
	}
	s.Preview.media, s.Preview.st = s.Media, st
	s.Posts.afterSave = func(id int64) { go s.Folders.saved(id) }
	s.Replace.afterSave = s.Posts.afterSave
	s.Library.events = ev
	return s
}

func (s *Services) bind() []any {
	return []any{s.Preview, s.Posts, s.Library, s.Settings, s.Window, s.Export, s.Folders, s.Media, s.Publish, s.Replace}
}

func (s *Services) startup(ctx context.Context) {
	s.events.ctx = ctx
	s.Window.startup(ctx)
	s.Media.startup(ctx)
	s.Folders.start(ctx)
	s.Publish.start(ctx)
	if _, err := s.Settings.applySpellCheck(); err != nil {
		fmt.Fprintln(os.Stderr, "quire: spell checking:", err)
	}
}

// Options are what main hands to Run.
type Options struct {
	Assets fs.FS  // the built frontend
	DBPath string // the SQLite database
	Icon   []byte // the window icon (PNG)
	// Bind lists extra objects to bind; dev builds add the security canary
	// (see canary_dev.go), production builds nothing.
	Bind []any
}

// Run opens the database, then the app window, and blocks until the window
// is closed. The database is opened first so that a bad --db fails at once
// with a clear message instead of in an empty window.
func Run(o Options) error {
	started := time.Now()
	var st *store.Store
	if !GeneratingBindings {
		var err error
		// Before the window: an upgrade is said on the terminal, if any.
		st, err = store.OpenNotify(o.DBPath, store.UpgradeNotice(os.Stderr, o.DBPath))
		if err != nil {
			return err
		}
		defer st.Close()
	}
	setLowMemoryEnv()
	s := NewServices(st, started)
	s.Settings.Welcome = os.Getenv("QUIRE_WELCOME") != "off"
	err := wails.Run(&options.App{
		Title:     "Quire",
		Width:     1280,
		Height:    800,
		MinWidth:  640,
		MinHeight: 400,
		AssetServer: &assetserver.Options{
			Assets: o.Assets,
			// What is not in the built frontend: /media/NAME for the
			// preview, and the script that applies the stored theme.
			Handler: s.Settings.themeHandler(s.Media.handler()),
		},
		Menu:             appMenu(s.events, s.Window.requestQuit),
		BackgroundColour: themeBackground(s.Settings.theme(), s.Settings.systemScheme()),
		OnStartup:        s.startup,
		// The web view's menu, for spelling suggestions and "Learn
		// Spelling"; the stylesheet shows it in the editor only
		// (--default-contextmenu, read by the Wails runtime).
		EnableDefaultContextMenu: true,
		OnDomReady:               domReady, // dev builds: the benchmark script (bench_dev.go)
		OnBeforeClose:            s.Window.beforeClose,
		OnShutdown: func(context.Context) {
			s.Export.Close()
			s.Publish.close()
			s.Folders.close()
		},
		Bind: append(s.bind(), o.Bind...),
		Linux: &linux.Options{
			ProgramName:         "quire",
			Icon:                o.Icon,
			WebviewGpuPolicy:    linux.WebviewGpuPolicyNever,
			WindowIsTranslucent: false,
		},
	})
	if err != nil {
		return fmt.Errorf("app window: %w", err)
	}
	return nil
}
