package export

import (
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
