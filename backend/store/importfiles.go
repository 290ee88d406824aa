package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"quire/backend/post"
)

// ImportedFile is a file as it was when its post was last imported from it:
// enough to tell, without reading or parsing it again, that importing it
// again would change nothing.
type ImportedFile struct {
	Path     string // absolute: the post's source
	PostID   int64
	Revision int64  // the post's revision the import left
	Size     int64  // of the file
	ModTime  int64  // of the file, Unix nanoseconds
	Hash     string // of the file's bytes
	// Context is what the post was made from besides the file's bytes (the
	// site's kind and rules, the import's options): the importer's own.
	Context string
	// DateFromTime: the post's date is the file's time (it names none), so
	// a new time alone changes the post.
	DateFromTime bool
	// Deps are the other files the import looked at (the images a post
	// shows), each as it was then.
	Deps []FileStamp
	// Warnings are what the import said about the file, said again when the
	// file is found unchanged.
	Warnings []post.Warning

	// Read from the post, not stored: its slug and current revision.
	Slug        string
	PostCurrent int64
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
	rows, err := s.db.QueryContext(ctx, `SELECT f.path, f.post_id, f.revision, f.size, f.mtime, f.hash, f.context,
		f.date_from_time, f.deps, f.warnings, p.slug, p.revision
		FROM json_each(?) j JOIN import_files f ON f.path = j.value JOIN posts p ON p.id = f.post_id`, string(list))
	if err != nil {
		return nil, fmt.Errorf("imported files: %w", err)
	}
	defer rows.Close()
	out := make(map[string]ImportedFile, len(paths))
	for rows.Next() {
		var f ImportedFile
		var deps, warnings string
		if err := rows.Scan(&f.Path, &f.PostID, &f.Revision, &f.Size, &f.ModTime, &f.Hash, &f.Context,
			&f.DateFromTime, &deps, &warnings, &f.Slug, &f.PostCurrent); err != nil {
			return nil, fmt.Errorf("imported files: %w", err)
		}
		if !decodeList(deps, &f.Deps) || !decodeList(warnings, &f.Warnings) {
			continue // unreadable: the file is imported as if new to Quire
		}
		out[f.Path] = f
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("imported files: %w", err)
	}
	return out, nil
}

// decodeList reads a JSON list column, empty for an empty list.
func decodeList[T any](s string, into *[]T) bool {
	return s == "" || json.Unmarshal([]byte(s), into) == nil
}

// encodeList is the column of a list: empty when the list is.
func encodeList[T any](l []T) (string, error) {
	if len(l) == 0 {
		return "", nil
	}
	b, err := json.Marshal(l)
	return string(b), err
}

// PutImportedFiles records files' import state, in one transaction (a file
// touched but not changed: its new time).
func (s *Store) PutImportedFiles(ctx context.Context, files []ImportedFile) error {
	if len(files) == 0 {
		return nil
	}
	err := s.withTx(ctx, func(tx *sql.Tx) error {
		cache := newStmtCache(tx)
		defer cache.close()
		for i := range files {
			if err := putImportedFile(ctx, cache, &files[i]); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("record imported files: %w", err)
	}
	return nil
}

func putImportedFile(ctx context.Context, tx dbtx, f *ImportedFile) error {
	deps, err := encodeList(f.Deps)
	if err != nil {
		return fmt.Errorf("record imported file %s: %w", f.Path, err)
	}
	warnings, err := encodeList(f.Warnings)
	if err != nil {
		return fmt.Errorf("record imported file %s: %w", f.Path, err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO import_files (path, post_id, revision, size, mtime, hash, context,
		date_from_time, deps, warnings) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (path) DO UPDATE SET post_id = excluded.post_id, revision = excluded.revision, size = excluded.size,
		mtime = excluded.mtime, hash = excluded.hash, context = excluded.context, date_from_time = excluded.date_from_time,
		deps = excluded.deps, warnings = excluded.warnings`,
		f.Path, f.PostID, f.Revision, f.Size, f.ModTime, f.Hash, f.Context, f.DateFromTime, deps, warnings); err != nil {
		return fmt.Errorf("record imported file %s: %w", f.Path, err)
	}
	return nil
}
