//go:build !(linux && webkit2_41)

package app

// setSpellChecking: on macOS and Windows the web view checks what the
// editor marks spellcheck=true with its own checker and the system's
// languages; builds without WebKitGTK (tests) have no window.
func setSpellChecking(enabled bool, languages []string) {}
