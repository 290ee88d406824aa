package app

import (
	"context"
	"fmt"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/wailsapp/wails/v2/pkg/menu"
	"github.com/wailsapp/wails/v2/pkg/menu/keys"
	"github.com/wailsapp/wails/v2/pkg/runtime"
)

// Menu commands sent with EventMenu.
const (
	MenuNew          = "new"
	MenuImport       = "import"
	MenuLinkFolder   = "link-folder"
	MenuExport       = "export"
	MenuPublish      = "publish"
	MenuSaveRevision = "save-revision"
	MenuQuickOpen    = "quick-open"
	MenuHistory      = "history"
	MenuTrash        = "trash"
	MenuUndo         = "undo"
	MenuRedo         = "redo"
	MenuFind         = "find"
	MenuReplace      = "replace"
	MenuBold         = "bold"
	MenuItalic       = "italic"
	MenuLink         = "link"
	MenuPreview      = "toggle-preview"
	MenuLibrary      = "toggle-library"
	MenuSettings     = "toggle-settings"
	MenuModeEditor   = "mode-editor"
	MenuModeSplit    = "mode-split"
	MenuModePreview  = "mode-preview"
	MenuFocus        = "focus"
	MenuAbout        = "about"
	MenuInsertImage  = "insert-image"
	MenuMedia        = "media"
	MenuOutline      = "outline"
	MenuSpellcheck   = "toggle-spellcheck"
)

// Window is the window's own business: quitting after the unsaved text is
// saved, native dialogs, start-up timing.
type Window struct {
	ctx     context.Context
	events  Emitter
	started time.Time
	closing atomic.Bool
	asked   atomic.Bool
	once    sync.Once
	// quit ends the app; runtime.Quit in the window, replaced in tests.
	quit func()
}

// NewWindow returns the Window service; started is when the process started.
func NewWindow(events Emitter, started time.Time) *Window {
	return &Window{events: events, started: started, ctx: context.Background()}
}

func (w *Window) startup(ctx context.Context) {
	w.ctx = ctx
	w.quit = func() { runtime.Quit(ctx) }
}

// closeGrace is how long the window gets to save before the app quits anyway:
// longer than the frontend waits for typing to settle (main.ts,
// onCloseRequested) plus a save.
const closeGrace = 10 * time.Second

// beforeClose is OnBeforeClose: the first close asks the window to save
// (EventCloseRequested) and keeps it open; the window then calls Quit. If
// it does not answer in time the app closes anyway: the unsaved text is
// still in the recovery setting, kept at most a second old.
func (w *Window) beforeClose(ctx context.Context) (prevent bool) {
	if w.closing.Load() {
		return false
	}
	if w.asked.Swap(true) {
		return true
	}
	w.events.Emit(EventCloseRequested)
	time.AfterFunc(closeGrace, w.Quit)
	return true
}

// Quit closes the app; the window calls it once its text is saved.
func (w *Window) Quit() {
	w.closing.Store(true)
	if w.quit != nil {
		w.quit()
	}
}

// requestQuit closes the window the way its close button does: through
// beforeClose, so the unsaved text is saved first.
func (w *Window) requestQuit() {
	if w.quit != nil {
		runtime.Quit(w.ctx)
	}
}

// Ready is called by the window once the editor is usable. With
// QUIRE_TRACE_STARTUP set it prints the time since the process started (the
// benchmark reads it).
func (w *Window) Ready() {
	w.once.Do(func() {
		if os.Getenv("QUIRE_TRACE_STARTUP") != "" {
			fmt.Fprintf(os.Stderr, "quire: editable after %.1f ms\n", float64(time.Since(w.started).Microseconds())/1000)
		}
	})
}

// ChooseFolder shows the system's folder dialog; "" when cancelled.
func (w *Window) ChooseFolder(title string) (string, error) {
	return runtime.OpenDirectoryDialog(w.ctx, runtime.OpenDialogOptions{Title: title, CanCreateDirectories: true})
}

// appMenu is the native menu bar; each item sends its command to the window.
func appMenu(events Emitter, quit func()) *menu.Menu {
	send := func(cmd string) menu.Callback {
		return func(*menu.CallbackData) { events.Emit(EventMenu, cmd) }
	}
	ctrl := keys.CmdOrCtrl
	ctrlShift := func(k string) *keys.Accelerator { return keys.Combo(k, keys.CmdOrCtrlKey, keys.ShiftKey) }
	m := menu.NewMenu()
	file := m.AddSubmenu("File")
	file.AddText("New Post", ctrl("n"), send(MenuNew))
	file.AddText("Quick Open…", ctrl("p"), send(MenuQuickOpen))
	file.AddText("Save Revision", ctrl("s"), send(MenuSaveRevision))
	file.AddText("History…", ctrlShift("h"), send(MenuHistory))
	file.AddSeparator()
	file.AddText("Import Folder…", ctrlShift("i"), send(MenuImport))
	file.AddText("Link Folder…", nil, send(MenuLinkFolder))
	file.AddText("Export Site…", ctrlShift("e"), send(MenuExport))
	file.AddText("Publish", ctrlShift("p"), send(MenuPublish))
	file.AddSeparator()
	file.AddText("Trash", nil, send(MenuTrash))
	file.AddSeparator()
	file.AddText("Quit", ctrl("q"), func(*menu.CallbackData) { quit() })
	edit := m.AddSubmenu("Edit")
	edit.AddText("Undo", ctrl("z"), send(MenuUndo))
	edit.AddText("Redo", ctrlShift("z"), send(MenuRedo))
	edit.AddSeparator()
	edit.AddText("Find", ctrl("f"), send(MenuFind))
	edit.AddText("Replace", ctrl("h"), send(MenuReplace))
	edit.AddSeparator()
	edit.AddText("Bold", ctrl("b"), send(MenuBold))
	edit.AddText("Italic", ctrl("i"), send(MenuItalic))
	edit.AddText("Link", ctrl("k"), send(MenuLink))
	edit.AddText("Insert Image…", nil, send(MenuInsertImage))
	view := m.AddSubmenu("View")
	view.AddText("Toggle Preview", ctrl("\\"), send(MenuPreview))
	view.AddText("Toggle Library", ctrlShift("l"), send(MenuLibrary))
	view.AddText("Post Settings", ctrl(","), send(MenuSettings))
	view.AddText("Media Library", ctrlShift("m"), send(MenuMedia))
	view.AddText("Outline", ctrlShift("o"), send(MenuOutline))
	view.AddText("Check Spelling", nil, send(MenuSpellcheck))
	view.AddSeparator()
	view.AddText("Editor Only", ctrl("1"), send(MenuModeEditor))
	view.AddText("Editor and Preview", ctrl("2"), send(MenuModeSplit))
	view.AddText("Preview Only", ctrl("3"), send(MenuModePreview))
	view.AddSeparator()
	view.AddText("Focus Mode", ctrlShift("f"), send(MenuFocus))
	help := m.AddSubmenu("Help")
	help.AddText("About Quire", nil, send(MenuAbout))
	return m
}
