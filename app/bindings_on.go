//go:build bindings

package app

// GeneratingBindings is true when the wails CLI builds the app to generate the
// JS bindings (`make bindings`): then Run must not open or create a database.
const GeneratingBindings = true
