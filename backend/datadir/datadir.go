// Package datadir knows where Quire keeps its files on each platform.
package datadir

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
)

// AppName is the folder name used under the platform's data directory.
const AppName = "quire"

// Dir returns Quire's data directory without creating it:
// $XDG_DATA_HOME/quire (default ~/.local/share/quire) on Linux and BSDs,
// ~/Library/Application Support/quire on macOS and %AppData%\quire on Windows.
// os.UserConfigDir is not used on Linux because posts are data, not configuration.
func Dir() (string, error) {
	switch runtime.GOOS {
	case "windows", "darwin", "ios", "plan9":
		base, err := os.UserConfigDir()
		if err != nil {
			return "", fmt.Errorf("find data directory: %w", err)
		}
		return filepath.Join(base, AppName), nil
	}
	if x := os.Getenv("XDG_DATA_HOME"); x != "" && filepath.IsAbs(x) {
		return filepath.Join(x, AppName), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("find data directory: %w", err)
	}
	return filepath.Join(home, ".local", "share", AppName), nil
}

// DefaultDB returns the path of the default database, creating the data
// directory (mode 0700: drafts are private) when it is missing.
func DefaultDB() (string, error) {
	dir, err := Dir()
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("create data directory %s: %w", dir, err)
	}
	return filepath.Join(dir, "quire.db"), nil
}

// CacheDir returns Quire's cache directory without creating it:
// $XDG_CACHE_HOME/quire (default ~/.cache/quire) on Linux, what
// os.UserCacheDir says elsewhere. What is in it can be made again.
func CacheDir() (string, error) {
	base, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("find cache directory: %w", err)
	}
	return filepath.Join(base, AppName), nil
}
