package app

import (
	"net/http"
	"strconv"

	"github.com/wailsapp/wails/v2/pkg/options"
)

// The window's colour theme (View › Theme): "light", "dark", or "system"
// (the default), which follows the system's prefers-color-scheme. The
// window writes the choice as its "theme" setting.
const keyTheme = uiPrefix + "theme"

// themeScriptPath is a classic script the page loads in its <head>, before
// anything is painted: it marks <html> with the stored theme, so a window
// set to dark never shows a light frame first (the page's own code runs
// only after the first paint, and asks the backend asynchronously).
const themeScriptPath = "/quire-theme.js"

// Theme returns the stored theme: "light", "dark" or "system".
func (s *Settings) theme() string {
	if s.st == nil {
		return "system"
	}
	v, _, err := s.st.GetSetting(s.ctx, keyTheme)
	if err != nil {
		return "system"
	}
	return normalTheme(v)
}

// normalTheme maps a stored value to a theme; anything unknown is "system".
func normalTheme(v string) string {
	switch v {
	case "light", "dark":
		return v
	}
	return "system"
}

// themeScript marks the page's root element with the stored choice, the
// desktop's preference (system: "dark", "light" or "" when unknown) and the
// theme it shows, as frontend/src/theme.ts does later: style.css reads
// data-theme. System is the desktop's preference when known, else
// prefers-color-scheme.
func themeScript(theme, system string) []byte {
	return []byte(`(function (c, s) {
  var r = document.documentElement
  r.dataset.themeChoice = c
  r.dataset.systemScheme = s
  r.dataset.theme = c !== "system" ? c : s || (matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light")
})(` + strconv.Quote(normalTheme(theme)) + ", " + strconv.Quote(system) + ")\n")
}

// themeBackground is the window's colour before the page paints: dark when
// the theme shown is, white otherwise (the page's own colours follow at once).
func themeBackground(theme, system string) *options.RGBA {
	if theme == "dark" || theme == "system" && system == "dark" {
		return &options.RGBA{R: 0x0d, G: 0x11, B: 0x17, A: 255}
	}
	return &options.RGBA{R: 255, G: 255, B: 255, A: 255}
}

// systemScheme is the desktop's colour preference, asked once (see the
// platform's systemScheme for why the web view's answer is not enough).
func (s *Settings) systemScheme() string {
	s.schemeOnce.Do(func() { s.scheme = systemScheme() })
	return s.scheme
}

// themeHandler serves themeScriptPath from the stored setting and hands
// every other request to next.
func (s *Settings) themeHandler(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != themeScriptPath {
			next.ServeHTTP(w, r)
			return
		}
		h := w.Header()
		h.Set("Content-Type", "text/javascript; charset=utf-8")
		h.Set("Cache-Control", "no-store")
		h.Set("X-Content-Type-Options", "nosniff")
		if r.Method == http.MethodGet {
			w.Write(themeScript(s.theme(), s.systemScheme()))
		}
	})
}
