package shortcode

import (
	"encoding/json"
	"fmt"
	"path"
)

// IncludesSetting is the store setting that keeps an imported Jekyll site's
// _includes/ files (Includes, encoded), so that the export and the preview
// render {% include %} from the same files the import checked.
const IncludesSetting = "import.jekyll-includes"

// Bounds on what an import keeps of _includes/: these are small snippets of
// HTML, and the whole set is read on each render that uses one.
const (
	MaxIncludeSize  = 64 << 10
	MaxIncludes     = 200
	MaxIncludeTotal = 2 << 20
)

// Includes are _includes/ files by their name under the folder, with
// slashes ("note.html", "cards/post.html").
type Includes map[string]string

// Lookup is Config.Include over in.
func (in Includes) Lookup(name string) ([]byte, bool) {
	s, ok := in[path.Clean(name)]
	if !ok {
		return nil, false
	}
	return []byte(s), true
}

// Encode is in as the IncludesSetting value.
func (in Includes) Encode() (string, error) {
	b, err := json.Marshal(in)
	if err != nil {
		return "", fmt.Errorf("includes: %w", err)
	}
	return string(b), nil
}

// DecodeIncludes reads an IncludesSetting value.
func DecodeIncludes(s string) (Includes, error) {
	var in Includes
	if err := json.Unmarshal([]byte(s), &in); err != nil {
		return nil, fmt.Errorf("includes: %w", err)
	}
	return in, nil
}
