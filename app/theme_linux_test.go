//go:build linux

package app

import (
	"os"
	"path/filepath"
	"testing"
)

func TestGTKThemeScheme(t *testing.T) {
	for name, want := range map[string]string{
		"Adwaita:dark": "dark", "Adwaita-dark": "dark", "Arc-Dark": "dark",
		"Adwaita": "light", "Adwaita:light": "light", "HighContrast": "light",
	} {
		if got := gtkThemeScheme(name); got != want {
			t.Errorf("gtkThemeScheme(%q) = %q, want %q", name, got, want)
		}
	}
}

func TestSettingsIniScheme(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct{ name, ini, want string }{
		{"PreferDark", "[Settings]\ngtk-application-prefer-dark-theme=1\n", "dark"},
		{"PreferDarkTrue", "[Settings]\ngtk-application-prefer-dark-theme = true\n", "dark"},
		{"DarkThemeName", "[Settings]\ngtk-theme-name=Adwaita-dark\n", "dark"},
		{"Light", "[Settings]\ngtk-theme-name=Adwaita\ngtk-application-prefer-dark-theme=0\n", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := filepath.Join(dir, tc.name+".ini")
			if err := os.WriteFile(p, []byte(tc.ini), 0o644); err != nil {
				t.Fatal(err)
			}
			if got := settingsIniScheme(p); got != tc.want {
				t.Errorf("settingsIniScheme = %q, want %q", got, tc.want)
			}
		})
	}
	if got := settingsIniScheme(filepath.Join(dir, "missing.ini")); got != "" {
		t.Errorf("a missing file says %q", got)
	}
}

func TestSystemSchemeGTKThemeComesFirst(t *testing.T) {
	t.Setenv("GTK_THEME", "Adwaita:dark")
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", "")
	if got := systemScheme(); got != "dark" {
		t.Errorf("systemScheme with GTK_THEME=Adwaita:dark = %q", got)
	}
	t.Setenv("GTK_THEME", "Adwaita")
	if got := systemScheme(); got != "light" {
		t.Errorf("systemScheme with GTK_THEME=Adwaita = %q", got)
	}
}
