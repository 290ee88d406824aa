package store

import (
	"context"
	"encoding/json"
	"fmt"

	"quire/backend/post"
)

// What an import made of each file is kept in the settings table, as the
// linked folders are (links.go): "importfile:PATH" for each file imported,
// keyed by its absolute path (the post's source).
const importFilePrefix = "importfile:"

// ImportedFile is a file as it was when its post was last imported from it:
// enough to tell, without reading or parsing it again, that importing it
// again would change nothing.
type ImportedFile struct {
	Path     string `json:"-"`
	PostID   int64  `json:"post"`
	Revision int64  `json:"rev"`   // the post's revision the import left
	Size     int64  `json:"size"`  // of the file
	ModTime  int64  `json:"mtime"` // of the file, Unix nanoseconds
	Hash     string `json:"hash"`  // of the file's bytes
	// Context is what the post was made from besides the file's bytes (the
	// site's kind and rules, the import's options): the importer's own.
	Context string `json:"ctx,omitempty"`
	// DateFromTime: the post's date is the file's time (it names none), so
	// a new time alone changes the post.
	DateFromTime bool `json:"mtimeDate,omitempty"`
	// Deps are the other files the import looked at (the images a post
	// shows), each as it was then.
	Deps []FileStamp `json:"deps,omitempty"`
	// Warnings are what the import said about the file, said again when the
	// file is found unchanged.
	Warnings []post.Warning `json:"warnings,omitempty"`

	// Read from the post, not stored: its slug and current revision.
	Slug        string `json:"-"`
	PostCurrent int64  `json:"-"`
}

// FileStamp is a file's size and modification time; Size -1 for a file that
// was not there.
type FileStamp struct {
	Path    string `json:"path"`
	Size    int64  `json:"size"`
	ModTime int64  `json:"mtime"`
}

// ImportedFiles returns the recorded state of the imported files at paths
// (absolute), by path, for those whose post still exists. The paths go in as
// one JSON array: a batch of files is one query, whatever its size.
func (s *Store) ImportedFiles(ctx context.Context, paths []string) (map[string]ImportedFile, error) {
	if len(paths) == 0 {
		return map[string]ImportedFile{}, nil
	}
	list, err := json.Marshal(paths)
	if err != nil {
		return nil, fmt.Errorf("imported files: %w", err)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT s.key, s.value, p.slug, p.revision FROM json_each(?) j
		JOIN settings s ON s.key = ? || j.value
		JOIN posts p ON p.id = s.value ->> '$.post'`, string(list), importFilePrefix)
	if err != nil {
		return nil, fmt.Errorf("imported files: %w", err)
	}
	defer rows.Close()
	out := map[string]ImportedFile{}
	for rows.Next() {
		var k, v string
		var f ImportedFile
		if err := rows.Scan(&k, &v, &f.Slug, &f.PostCurrent); err != nil {
			return nil, fmt.Errorf("imported files: %w", err)
		}
		if err := json.Unmarshal([]byte(v), &f); err != nil {
			continue // unreadable: the file is imported as if new to Quire
		}
		f.Path = k[len(importFilePrefix):]
		out[f.Path] = f
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("imported files: %w", err)
	}
	return out, nil
}

// PutImportedFiles records files' import state, in one transaction (a file
// touched but not changed: its new time).
func (s *Store) PutImportedFiles(ctx context.Context, files []ImportedFile) error {
	if len(files) == 0 {
		return nil
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("record imported files: %w", err)
	}
	defer tx.Rollback()
	cache := newStmtCache(tx)
	defer cache.close()
	for i := range files {
		if err := putImportedFile(ctx, cache, &files[i]); err != nil {
			return err
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("record imported files: %w", err)
	}
	return nil
}

func putImportedFile(ctx context.Context, tx dbtx, f *ImportedFile) error {
	v, err := json.Marshal(f)
	if err != nil {
		return fmt.Errorf("record imported file %s: %w", f.Path, err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`, importFilePrefix+f.Path, string(v)); err != nil {
		return fmt.Errorf("record imported file %s: %w", f.Path, err)
	}
	return nil
}
