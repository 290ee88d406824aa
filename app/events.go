package app

import (
	"context"

	"github.com/wailsapp/wails/v2/pkg/runtime"
)

// Events the backend sends to the window. The frontend listens for them in
// frontend/src/api/.
const (
	// EventMenu carries the name of a menu command (MenuNew, ...): the window
	// runs it the same way as its own keyboard shortcut.
	EventMenu = "menu"
	// EventCloseRequested asks the window to save what is unsaved and then
	// call Window.Quit.
	EventCloseRequested = "app:close-requested"
)

// Emitter sends an event to the window. Services take one so tests can
// record events without a window.
type Emitter interface {
	Emit(name string, data ...any)
}

// runtimeEmitter emits through the Wails runtime once the window has started.
type runtimeEmitter struct {
	ctx context.Context
}

func (e *runtimeEmitter) Emit(name string, data ...any) {
	if e.ctx != nil {
		runtime.EventsEmit(e.ctx, name, data...)
	}
}
