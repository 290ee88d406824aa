// Package store keeps Quire's posts in one SQLite database: posts, their
// revisions, the search index, the trash and settings. Nothing outside this
// package writes SQL.
//
// How it keeps every edit:
//   - Each save is one transaction: the post's row, a revision (the post as
//     a file, YAML front matter and body) and its search index entry.
//   - Revisions are only added, except that a run of autosaves within
//     AutosaveWindow moves one autosave revision forward instead of adding
//     one per save. Explicit saves, publishing, imports, external changes and
//     restores always keep their own: a new revision, or, when the text is
//     what an autosave already stored, that revision becomes theirs. Saving
//     unchanged text adds nothing.
//   - A save carries the revision it was based on. A stale one is refused
//     with a *ConflictError (post.ErrConflict) and its text is kept as a
//     conflict revision, which RestoreRevision can bring back.
//   - Autosaves leave the search index to the next explicit save or search,
//     which brings it up to date before it runs: indexing is most of a
//     save's cost, and typing autosaves every few seconds. A long post is
//     indexed in pieces, and a save re-indexes only the pieces it changed
//     (index.go).
//   - The database runs in WAL mode; checkpoints run in the background.
//     Open refuses files that are not SQLite, SQLite files that are not
//     Quire's, and databases from a newer Quire, without changing them, and
//     backs a database up (VACUUM INTO) before migrating it.
//
// It needs go-sqlite3 built with the sqlite_fts5 tag.
package store

import (
	"bytes"
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/mattn/go-sqlite3"
)

//go:embed migrations/*.sql
var migrationsFS embed.FS

func init() {
	// Saves must not pay for checkpoints (copying the WAL into the database
	// and syncing it, several milliseconds every few dozen 50 KB saves), so
	// connections never checkpoint on commit; Store.checkpointer does it in
	// the background instead.
	sql.Register(driverName, &sqlite3.SQLiteDriver{
		ConnectHook: func(c *sqlite3.SQLiteConn) error {
			// No memory map: a mapped database counts in the app's memory for
			// every page it ever touched (93 MB with 10,000 posts), while pages
			// read with read() stay in the kernel's cache, shared and freeable.
			// Search and list times measured the same either way
			// (BenchmarkSearch, BenchmarkListFirstPage). Each connection keeps
			// a 16 MB page cache of its own.
			_, err := c.Exec(`PRAGMA wal_autocheckpoint = 0; PRAGMA mmap_size = 0; PRAGMA cache_size = -16384`, nil)
			return err
		},
	})
}

const driverName = "sqlite3_quire"

// checkpointEvery is how often the background checkpointer folds the WAL
// back into the database file.
const checkpointEvery = time.Second

// busyTimeout is how long a writer waits for another (the app and a CLI
// command can share a database) before giving up.
const busyTimeout = 5 * time.Second

// Store is an open Quire database.
type Store struct {
	db   *sql.DB
	path string
	stop chan struct{} // closes the checkpointer
	done chan struct{}
	// now is the clock; tests replace it instead of sleeping.
	now func() time.Time
	// posts is the number of posts lately counted (roughPostCount).
	posts roughCount
}

// sqliteHeader starts every SQLite database file.
var sqliteHeader = []byte("SQLite format 3\x00")

// Open opens the database at path, creating it when the file does not exist
// (its folder must), and brings its schema up to date. A file that is not a
// SQLite database, or a database from a newer Quire, is refused untouched.
func Open(path string) (*Store, error) {
	return open(path, migrationsFS, nil)
}

// OpenNotify is Open that calls upgrading, before it backs the database up
// and migrates it, with the schema versions from and to. An upgrade can take
// seconds (rebuilding the search index of a large library), so that
// programs can say what they are doing.
func OpenNotify(path string, upgrading func(from, to int)) (*Store, error) {
	return open(path, migrationsFS, upgrading)
}

// UpgradeNotice is an OpenNotify callback that tells w, in one line.
func UpgradeNotice(w io.Writer, path string) func(from, to int) {
	return func(from, to int) {
		fmt.Fprintf(w, "quire: upgrading the database %s from version %d to %d (once; a backup is kept beside it)…\n", path, from, to)
	}
}

func open(path string, migrations fs.FS, upgrading func(from, to int)) (*Store, error) {
	if path == "" {
		return nil, errors.New("open database: no path given")
	}
	mode, err := checkPath(path)
	if err != nil {
		return nil, err
	}
	// Journal mode is set after the version check: it is written into the
	// file, and a newer Quire's database must not be changed at all.
	q := url.Values{}
	q.Set("mode", mode)
	q.Set("_busy_timeout", strconv.Itoa(int(busyTimeout/time.Millisecond)))
	q.Set("_foreign_keys", "on")
	// NORMAL in WAL mode loses nothing when the app crashes or is killed; only
	// a power cut can roll back the last commits. Saves stay well under a
	// millisecond, which autosave needs.
	q.Set("_synchronous", "NORMAL")
	q.Set("_txlock", "immediate") // writers queue at BEGIN instead of failing at commit
	// Each connection keeps its prepared statements: preparing the UPDATE of
	// a post compiles the search-index triggers too, a tenth of a save.
	q.Set("_stmt_cache_size", "64")
	dsn := "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q.Encode()
	db, err := sql.Open(driverName, dsn)
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	s := &Store{db: db, path: path, now: time.Now, stop: make(chan struct{}), done: make(chan struct{})}
	if err := s.setup(migrations, upgrading); err != nil {
		db.Close()
		return nil, err
	}
	go s.checkpointer()
	return s, nil
}

// checkPath refuses paths SQLite would mishandle and returns the open mode:
// "rw" for an existing database, so SQLite never creates a file in its
// place, "rwc" for a new one.
func checkPath(path string) (string, error) {
	fi, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		dir := filepath.Dir(path)
		di, derr := os.Stat(dir)
		if derr != nil || !di.IsDir() {
			return "", fmt.Errorf("open database %s: folder %s does not exist", path, dir)
		}
		return "rwc", nil
	case err != nil:
		return "", fmt.Errorf("open database %s: %w", path, err)
	case fi.IsDir():
		return "", fmt.Errorf("open database %s: is a folder, not a file", path)
	case fi.Size() == 0:
		return "rw", nil // an empty file becomes a new database
	}
	// Opened for writing, as Quire will: SQLite would otherwise quietly
	// fall back to read-only and fail later with a vaguer message.
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if errors.Is(err, fs.ErrPermission) {
		return "", fmt.Errorf("open database %s: the file is read-only", path)
	}
	if err != nil {
		return "", fmt.Errorf("open database %s: %w", path, err)
	}
	defer f.Close()
	head := make([]byte, len(sqliteHeader))
	if _, err := io.ReadFull(f, head); err != nil || !bytes.Equal(head, sqliteHeader) {
		return "", fmt.Errorf("open database %s: not a SQLite database (left untouched)", path)
	}
	return "rw", nil
}

// setup checks the connection, the schema version and the journal mode, and
// runs the migrations the database lacks.
func (s *Store) setup(migrations fs.FS, upgrading func(from, to int)) error {
	ctx := context.Background()
	steps, err := loadMigrations(migrations)
	if err != nil {
		return err
	}
	var version int
	if err := s.db.QueryRowContext(ctx, `PRAGMA user_version`).Scan(&version); err != nil {
		return fmt.Errorf("open database %s: %w", s.path, friendly(err))
	}
	if version > len(steps) {
		return fmt.Errorf("open database %s: it was written by a newer Quire (schema version %d, this Quire knows up to %d); update Quire to open it", s.path, version, len(steps))
	}
	if version == 0 {
		var n int
		if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_schema`).Scan(&n); err != nil {
			return fmt.Errorf("open database %s: %w", s.path, friendly(err))
		}
		if n > 0 {
			return fmt.Errorf("open database %s: a SQLite database, but not one of Quire's (left untouched)", s.path)
		}
	}
	var mode string
	if err := s.db.QueryRowContext(ctx, `PRAGMA journal_mode = WAL`).Scan(&mode); err != nil {
		return fmt.Errorf("open database %s: %w", s.path, friendly(err))
	}
	if !strings.EqualFold(mode, "wal") {
		// WAL lets the app read while a save is written, and keeps a killed
		// save from damaging the file; without it we would rather not run.
		return fmt.Errorf("open database %s: could not switch to WAL mode (journal mode is %q)", s.path, mode)
	}
	if version > 0 && version < len(steps) {
		if upgrading != nil {
			upgrading(version, len(steps))
		}
		backup := fmt.Sprintf("%s.v%d-%s.bak", s.path, version, s.now().UTC().Format("20060102T150405"))
		if _, err := s.db.ExecContext(ctx, `VACUUM INTO ?`, backup); err != nil {
			return fmt.Errorf("open database %s: back up before upgrading to %s: %w", s.path, backup, err)
		}
	}
	for i := version; i < len(steps); i++ {
		if err := s.migrate(ctx, i+1, steps[i]); err != nil {
			return err
		}
	}
	// Every upgrade (not only the one that added the column) fills what it
	// can: a database at 5 or 6 may hold posts an older Quire imported.
	if version > 0 && version < len(steps) && len(steps) >= originalVersion {
		if err := s.fillOriginals(ctx); err != nil {
			return fmt.Errorf("open database %s: %w", s.path, err)
		}
	}
	if version > 0 && version < len(steps) {
		if err := s.refreshSnippets(ctx); err != nil {
			return fmt.Errorf("open database %s: %w", s.path, err)
		}
	}
	if version > 0 && version < len(steps) {
		// A migration may leave posts to index (004 rebuilds the index in
		// pieces): done now, once, rather than at the first search, which
		// would wait for the whole library.
		if err := s.flushIndex(ctx); err != nil {
			return fmt.Errorf("open database %s: %w", s.path, err)
		}
	}
	return nil
}

type migration struct {
	name string
	sql  string
}

// loadMigrations reads migrations/NNN_name.sql in order; the number of a
// migration is its position, checked against its name.
func loadMigrations(fsys fs.FS) ([]migration, error) {
	names, err := fs.Glob(fsys, "migrations/*.sql")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	steps := make([]migration, 0, len(names))
	for i, name := range names {
		base := filepath.Base(name)
		n, err := strconv.Atoi(strings.SplitN(base, "_", 2)[0])
		if err != nil || n != i+1 {
			return nil, fmt.Errorf("migration %s: numbered %d, want %03d", base, n, i+1)
		}
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		steps = append(steps, migration{base, string(b)})
	}
	return steps, nil
}

func (s *Store) migrate(ctx context.Context, version int, m migration) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("migration %s: %w", m.name, friendly(err))
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, m.sql); err != nil {
		return fmt.Errorf("migration %s: %w", m.name, err)
	}
	// user_version is part of the transaction: a failed step leaves it as it was.
	if _, err := tx.ExecContext(ctx, fmt.Sprintf(`PRAGMA user_version = %d`, version)); err != nil {
		return fmt.Errorf("migration %s: %w", m.name, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("migration %s: %w", m.name, friendly(err))
	}
	return nil
}

// friendly turns SQLite's terse "unable to open database file" into what the
// user can do something about.
func friendly(err error) error {
	var se sqlite3.Error
	if errors.As(err, &se) {
		switch se.Code {
		case sqlite3.ErrCantOpen:
			return errors.New("cannot open the file (is the folder missing or read-only?)")
		case sqlite3.ErrReadonly:
			return errors.New("the file or its folder is read-only")
		case sqlite3.ErrNotADB:
			return errors.New("not a SQLite database")
		case sqlite3.ErrPerm, sqlite3.ErrAuth:
			return errors.New("permission denied")
		}
	}
	return err
}

// Path is the database file.
func (s *Store) Path() string { return s.path }

// checkpointer copies committed pages from the WAL into the database now and
// then. PASSIVE never waits for readers or writers, so saves go on meanwhile.
func (s *Store) checkpointer() {
	defer close(s.done)
	t := time.NewTicker(checkpointEvery)
	defer t.Stop()
	for {
		select {
		case <-s.stop:
			return
		case <-t.C:
			// An error here (say, the disk is full) will show on the next save.
			s.db.Exec(`PRAGMA wal_checkpoint(PASSIVE)`)
		}
	}
}

// Close checkpoints the WAL into the database file and closes it.
func (s *Store) Close() error {
	if s.stop != nil {
		close(s.stop)
		<-s.done
		s.stop = nil
	}
	s.db.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`) // best effort: the WAL is as safe
	return s.db.Close()
}

// Backup writes a consistent copy of the database to path while it stays in
// use. It refuses to overwrite anything.
func (s *Store) Backup(ctx context.Context, path string) error {
	if _, err := os.Lstat(path); err == nil {
		return fmt.Errorf("backup to %s: file exists; choose a new name", path)
	}
	if di, err := os.Stat(filepath.Dir(path)); err != nil || !di.IsDir() {
		return fmt.Errorf("backup to %s: folder %s does not exist", path, filepath.Dir(path))
	}
	// VACUUM INTO itself also refuses a non-empty target, so a file that
	// appears in between is not overwritten either.
	if _, err := s.db.ExecContext(ctx, `VACUUM INTO ?`, path); err != nil {
		return fmt.Errorf("backup to %s: %w", path, friendly(err))
	}
	return nil
}

// GetSetting returns the value of key and whether it is set.
func (s *Store) GetSetting(ctx context.Context, key string) (string, bool, error) {
	var v string
	err := s.db.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = ?`, key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	if err != nil {
		return "", false, fmt.Errorf("get setting %q: %w", key, err)
	}
	return v, true, nil
}

// SetSetting stores value under key.
func (s *Store) SetSetting(ctx context.Context, key, value string) error {
	if _, err := s.db.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value); err != nil {
		return fmt.Errorf("set setting %q: %w", key, err)
	}
	return nil
}

// DeleteSetting removes key; removing a key that is not set is not an error.
func (s *Store) DeleteSetting(ctx context.Context, key string) error {
	if _, err := s.db.ExecContext(ctx, `DELETE FROM settings WHERE key = ?`, key); err != nil {
		return fmt.Errorf("delete setting %q: %w", key, err)
	}
	return nil
}

// IntegrityCheck runs SQLite's integrity check and returns its complaints,
// nil when the database is sound.
func (s *Store) IntegrityCheck(ctx context.Context) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, `PRAGMA integrity_check`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return nil, err
		}
		if line != "ok" {
			out = append(out, line)
		}
	}
	return out, rows.Err()
}

// openAt is Open with the migrations and clock given, for tests.
func openAt(path string, migrations fs.FS, now func() time.Time) (*Store, error) {
	s, err := open(path, migrations, nil)
	if err != nil {
		return nil, err
	}
	s.now = now
	return s, nil
}
