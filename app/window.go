package app

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/pkg/browser"
	"github.com/wailsapp/wails/v2/pkg/menu"
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
	MenuReplaceAll   = "replace-all"
	MenuShortcuts    = "shortcuts"
	MenuVim          = "toggle-vim"
	MenuThemeSystem  = "theme-system"
	MenuThemeLight   = "theme-light"
	MenuThemeDark    = "theme-dark"
	MenuThemeNext    = "theme-next"
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
// still in its recovery text, kept at most a second old.
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

// OpenURL opens an http(s) address in the system's browser. Unlike the
// Wails runtime's BrowserOpenURL it says when that failed (no browser
// registered, no xdg-open), so the window can show the address instead of
// doing nothing. A browser that stays in the foreground of the command that
// started it counts as opened once it has run for openWait.
func (w *Window) OpenURL(address string) error {
	u, err := url.Parse(address)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("open %q: not an http or https address", address)
	}
	done := make(chan error, 1)
	go func() { done <- browser.OpenURL(u.String()) }()
	select {
	case err := <-done:
		if err != nil {
			return fmt.Errorf("no browser opened %s: %w", u, err)
		}
		return nil
	case <-time.After(openWait):
		return nil
	}
}

// openWait is how long OpenURL waits for the browser command to fail.
const openWait = 5 * time.Second

// ChooseFolder shows the system's folder dialog; "" when cancelled.
func (w *Window) ChooseFolder(title string) (string, error) {
	return runtime.OpenDirectoryDialog(w.ctx, runtime.OpenDialogOptions{Title: title, CanCreateDirectories: true})
}

// appMenu is the native menu bar; each item sends its command to the window.
//
// The items name their shortcuts but register no GTK accelerators: the page
// handles every one of those keys itself (frontend/src/keys.ts and the
// editor's keymap). GTK would act on an accelerator as soon as the key is
// pressed, while WebKit hands typed keys to the page one at a time, so on a
// busy machine Ctrl+B bolded, or Ctrl+Q quit, before the words typed just
// before it had arrived. Through the page, every key keeps its place.
func appMenu(events Emitter, quit func()) *menu.Menu {
	send := func(cmd string) menu.Callback {
		return func(*menu.CallbackData) { events.Emit(EventMenu, cmd) }
	}
	m := menu.NewMenu()
	file := m.AddSubmenu("File")
	file.AddText(withShortcut("New Post", "Ctrl+N"), nil, send(MenuNew))
	file.AddText(withShortcut("Quick Open…", "Ctrl+P"), nil, send(MenuQuickOpen))
	file.AddText(withShortcut("Save Revision", "Ctrl+S"), nil, send(MenuSaveRevision))
	file.AddText(withShortcut("History…", "Ctrl+Shift+H"), nil, send(MenuHistory))
	file.AddSeparator()
	file.AddText(withShortcut("Import Folder…", "Ctrl+Shift+I"), nil, send(MenuImport))
	file.AddText("Link Folder…", nil, send(MenuLinkFolder))
	file.AddText(withShortcut("Export Site…", "Ctrl+Shift+E"), nil, send(MenuExport))
	file.AddText(withShortcut("Publish", "Ctrl+Shift+P"), nil, send(MenuPublish))
	file.AddSeparator()
	file.AddText("Trash", nil, send(MenuTrash))
	file.AddSeparator()
	file.AddText(withShortcut("Quit", "Ctrl+Q"), nil, func(*menu.CallbackData) { quit() })
	edit := m.AddSubmenu("Edit")
	edit.AddText(withShortcut("Undo", "Ctrl+Z"), nil, send(MenuUndo))
	edit.AddText(withShortcut("Redo", "Ctrl+Shift+Z"), nil, send(MenuRedo))
	edit.AddSeparator()
	edit.AddText(withShortcut("Find", "Ctrl+F"), nil, send(MenuFind))
	edit.AddText(withShortcut("Replace", "Ctrl+H"), nil, send(MenuReplace))
	edit.AddText(withShortcut("Replace in All Posts…", "Ctrl+Shift+R"), nil, send(MenuReplaceAll))
	edit.AddSeparator()
	edit.AddText(withShortcut("Bold", "Ctrl+B"), nil, send(MenuBold))
	edit.AddText(withShortcut("Italic", "Ctrl+I"), nil, send(MenuItalic))
	edit.AddText(withShortcut("Link", "Ctrl+K"), nil, send(MenuLink))
	edit.AddText("Insert Image…", nil, send(MenuInsertImage))
	view := m.AddSubmenu("View")
	view.AddText(withShortcut("Toggle Preview", "Ctrl+\\"), nil, send(MenuPreview))
	view.AddText(withShortcut("Toggle Library", "Ctrl+Shift+L"), nil, send(MenuLibrary))
	view.AddText(withShortcut("Post Settings", "Ctrl+,"), nil, send(MenuSettings))
	view.AddText(withShortcut("Media Library", "Ctrl+Shift+M"), nil, send(MenuMedia))
	view.AddText(withShortcut("Outline", "Ctrl+Shift+O"), nil, send(MenuOutline))
	view.AddText("Check Spelling", nil, send(MenuSpellcheck))
	view.AddText("Vim Keys", nil, send(MenuVim))
	theme := view.AddSubmenu("Theme")
	theme.AddText("System", nil, send(MenuThemeSystem))
	theme.AddText("Light", nil, send(MenuThemeLight))
	theme.AddText("Dark", nil, send(MenuThemeDark))
	theme.AddSeparator()
	theme.AddText(withShortcut("Next Theme", "Ctrl+Shift+T"), nil, send(MenuThemeNext))
	view.AddSeparator()
	view.AddText(withShortcut("Editor Only", "Ctrl+1"), nil, send(MenuModeEditor))
	view.AddText(withShortcut("Editor and Preview", "Ctrl+2"), nil, send(MenuModeSplit))
	view.AddText(withShortcut("Preview Only", "Ctrl+3"), nil, send(MenuModePreview))
	view.AddSeparator()
	view.AddText(withShortcut("Focus Mode", "Ctrl+Shift+F"), nil, send(MenuFocus))
	help := m.AddSubmenu("Help")
	help.AddText(withShortcut("Keyboard Shortcuts", "Ctrl+/"), nil, send(MenuShortcuts))
	help.AddText("About Quire", nil, send(MenuAbout))
	return m
}

// withShortcut puts a shortcut after an item's label, where an accelerator
// would show it (see appMenu for why there is none).
func withShortcut(label, shortcut string) string {
	return label + "\t" + shortcut
}
