// Package app holds the services bound to the Wails window. They are thin:
// each method checks its input, calls backend/, and returns (T, error); a Go
// error rejects the JavaScript promise.
package app

import (
	"context"
	"io/fs"

	"github.com/wailsapp/wails/v2"
	"github.com/wailsapp/wails/v2/pkg/options"
	"github.com/wailsapp/wails/v2/pkg/options/assetserver"
	"github.com/wailsapp/wails/v2/pkg/options/linux"
)

// Services are the bound objects; their exported methods become JS functions
// in frontend/wailsjs (regenerate with `make bindings`).
type Services struct {
	Preview *Preview
}

// NewServices builds every bound service.
func NewServices() *Services {
	return &Services{Preview: NewPreview()}
}

func (s *Services) bind() []any { return []any{s.Preview} }

// Run opens the app window and blocks until it is closed.
func Run(assets fs.FS, dbPath string) error {
	s := NewServices()
	return wails.Run(&options.App{
		Title:     "Quire",
		Width:     1280,
		Height:    800,
		MinWidth:  640,
		MinHeight: 400,
		AssetServer: &assetserver.Options{
			Assets: assets,
		},
		BackgroundColour: &options.RGBA{R: 255, G: 255, B: 255, A: 255},
		OnStartup:        func(ctx context.Context) {},
		Bind:             s.bind(),
		Linux: &linux.Options{
			ProgramName:         "quire",
			WebviewGpuPolicy:    linux.WebviewGpuPolicyNever,
			WindowIsTranslucent: false,
		},
	})
}
