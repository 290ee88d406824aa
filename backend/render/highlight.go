package render

import (
	"sync"

	"quire/backend/render/highlight"
)

// The chroma styles HighlightCSS uses; the HTML only names classes, so the
// theme switches between them with a media query.
const (
	LightStyle = "github"
	DarkStyle  = "github-dark"
)

// HighlightCSS returns the CSS for highlighted code: LightStyle by default and
// DarkStyle under prefers-color-scheme: dark.
func HighlightCSS() string {
	return highlightCSS()
}

var highlightCSS = sync.OnceValue(func() string {
	css, err := HighlightCSSFor(LightStyle, DarkStyle)
	if err != nil {
		panic(err) // the built-in styles exist; a test covers this
	}
	return css
})

// HighlightCSSFor returns highlight CSS for two chroma styles by name.
func HighlightCSSFor(light, dark string) (string, error) {
	return highlight.CSS(light, dark)
}
