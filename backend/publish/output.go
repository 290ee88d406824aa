package publish

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"quire/backend/post"
	"quire/backend/site"
)

// OutputKey is the setting that names the hosting folder, so that neither
// `quire publish` nor the app needs it each time. It is kept beside the
// site settings ("site.*") but outside site.Settings, whose editors write
// every field they know.
const OutputKey = "site.output"

// Output returns the hosting folder set with SetOutput, "" when none is.
func Output(ctx context.Context, st site.Store) (string, error) {
	v, _, err := st.GetSetting(ctx, OutputKey)
	if err != nil {
		return "", fmt.Errorf("read the hosting folder setting: %w", err)
	}
	return v, nil
}

// SetOutput sets the hosting folder; "" clears it. A relative path is
// taken from the current folder and stored absolute, as cron and the app
// run elsewhere.
func SetOutput(ctx context.Context, st site.Store, dir string) error {
	dir = strings.TrimSpace(dir)
	if dir != "" {
		if strings.HasPrefix(dir, "~") {
			return fmt.Errorf("site setting output=%q: write the home folder out (the shell does it without quotes): %w", dir, post.ErrInvalid)
		}
		abs, err := filepath.Abs(dir)
		if err != nil {
			return fmt.Errorf("site setting output=%q: %w", dir, err)
		}
		dir = abs
	}
	if err := st.SetSetting(ctx, OutputKey, dir); err != nil {
		return fmt.Errorf("set the hosting folder: %w", err)
	}
	return nil
}
