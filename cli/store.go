package cli

import (
	"encoding/json"
	"fmt"
	"io"

	"quire/backend/post"
	"quire/backend/store"
)

// openStore opens the database named by --db, QUIRE_DB or the default.
func openStore(env *Env) (*store.Store, error) {
	path, err := env.ResolveDB()
	if err != nil {
		return nil, err
	}
	return store.OpenNotify(path, store.UpgradeNotice(env.Stderr, path)) // its errors name the path
}

// findPost resolves a slug given on the command line.
func findPost(env *Env, st *store.Store, slug string) (*post.Post, error) {
	p, err := st.GetPostBySlug(env.Ctx, slug)
	if err != nil {
		return nil, fmt.Errorf("no post with slug %q: %w", slug, post.ErrNotFound)
	}
	return p, nil
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
