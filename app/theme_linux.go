//go:build linux

package app

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/godbus/dbus/v5"
)

// systemScheme is the desktop's colour preference, "dark", "light" or ""
// when it says none. WebKitGTK is meant to answer prefers-color-scheme
// from GTK's dark preference, but in a Wails window it was seen to answer
// light with GTK_THEME=Adwaita:dark and with gtk-application-prefer-dark-
// theme set, so the window asks the desktop itself, in the order GTK and
// GNOME give it: GTK_THEME (what WebKit's own heuristic reads), the
// freedesktop settings portal (GNOME 42+, KDE), then GTK's settings.ini.
func systemScheme() string {
	if t, ok := os.LookupEnv("GTK_THEME"); ok {
		return gtkThemeScheme(t)
	}
	if s := portalScheme(); s != "" {
		return s
	}
	return settingsIniScheme(settingsIniPath())
}

// gtkThemeScheme reads a GTK theme name as WebKitGTK does: a -dark or
// :dark variant is dark, any other theme light.
func gtkThemeScheme(name string) string {
	if strings.HasSuffix(name, ":dark") || strings.HasSuffix(strings.ToLower(name), "-dark") {
		return "dark"
	}
	return "light"
}

// portalScheme asks the settings portal for org.freedesktop.appearance
// color-scheme (1 prefers dark, 2 light, 0 no preference). Only on a
// session bus that already runs: connecting must not start one.
func portalScheme() string {
	if os.Getenv("DBUS_SESSION_BUS_ADDRESS") == "" {
		return ""
	}
	conn, err := dbus.ConnectSessionBus()
	if err != nil {
		return ""
	}
	defer conn.Close()
	obj := conn.Object("org.freedesktop.portal.Desktop", "/org/freedesktop/portal/desktop")
	call := obj.Go("org.freedesktop.portal.Settings.Read", 0, nil, "org.freedesktop.appearance", "color-scheme")
	select {
	case <-call.Done:
	case <-time.After(500 * time.Millisecond):
		return ""
	}
	var v dbus.Variant
	if call.Err != nil || call.Store(&v) != nil {
		return ""
	}
	// Read wraps the value in a second variant.
	if inner, ok := v.Value().(dbus.Variant); ok {
		v = inner
	}
	switch n, _ := v.Value().(uint32); n {
	case 1:
		return "dark"
	case 2:
		return "light"
	}
	return ""
}

func settingsIniPath() string {
	dir := os.Getenv("XDG_CONFIG_HOME")
	if dir == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return ""
		}
		dir = filepath.Join(home, ".config")
	}
	return filepath.Join(dir, "gtk-3.0", "settings.ini")
}

// settingsIniScheme reads GTK 3's settings.ini: the dark preference, or a
// dark theme by name; "" when it says neither.
func settingsIniScheme(path string) string {
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), "=")
		if !ok {
			continue
		}
		k, v = strings.TrimSpace(k), strings.TrimSpace(v)
		switch k {
		case "gtk-application-prefer-dark-theme":
			if v == "1" || strings.EqualFold(v, "true") {
				return "dark"
			}
		case "gtk-theme-name":
			if gtkThemeScheme(strings.Trim(v, `"`)) == "dark" {
				return "dark"
			}
		}
	}
	return ""
}
