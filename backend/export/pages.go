package export

import (
	"encoding/json"
	"fmt"

	"quire/backend/site"
	"quire/backend/store"
)

// PostFile is the file, relative to the hosting folder, that Export writes
// a post's page to under the settings s (the same permalink and date rule),
// so that other packages (publish) can tell which post a page belongs to.
func PostFile(s site.Settings, sum store.Summary) string {
	date := sum.Date
	if date.IsZero() {
		date = sum.Updated
	}
	return fileOf(permalink(s.Permalink, sum.Slug, date, sum.Categories))
}

// ManifestFiles reads a manifest (the content of ManifestName) and returns
// the files it lists with their SHA-256, so that a publish can tell what an
// export wrote, changed or removed without knowing the manifest's format.
func ManifestFiles(b []byte) (map[string]string, error) {
	var m manifest
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("%s: %w", ManifestName, err)
	}
	files := make(map[string]string, len(m.Files))
	for rel, e := range m.Files {
		if e != nil && checkPath(rel) == nil {
			files[rel] = e.SHA256
		}
	}
	return files, nil
}
