package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"quire/backend/post"
)

var testStart = time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)

// clock is a settable time for Store.now.
type clock struct{ t time.Time }

func (c *clock) now() time.Time          { return c.t }
func (c *clock) advance(d time.Duration) { c.t = c.t.Add(d) }

// MustOpen opens a new database in a temporary folder with a fake clock.
func MustOpen(t testing.TB) (*Store, *clock) {
	t.Helper()
	s, err := Open(filepath.Join(t.TempDir(), "quire.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	c := &clock{t: testStart}
	s.now = c.now
	return s, c
}

func MustCreate(t testing.TB, s *Store, p *post.Post) *post.Post {
	t.Helper()
	if err := s.CreatePost(context.Background(), p); err != nil {
		t.Fatal(err)
	}
	return p
}

// schemaVersion is the user_version a new database has: the number of migrations.
func schemaVersion(t testing.TB) string {
	entries, err := migrationsFS.ReadDir("migrations")
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprint(len(entries))
}

func TestOpenPragmas(t *testing.T) {
	s, _ := MustOpen(t)
	ctx := context.Background()
	for _, tt := range []struct{ pragma, want string }{
		{"journal_mode", "wal"},
		{"foreign_keys", "1"},
		{"busy_timeout", "5000"},
		{"user_version", schemaVersion(t)},
		{"synchronous", "1"},
	} {
		var got string
		if err := s.db.QueryRowContext(ctx, "PRAGMA "+tt.pragma).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if got != tt.want {
			t.Errorf("PRAGMA %s = %s, want %s", tt.pragma, got, tt.want)
		}
	}
}

func TestOpenFaults(t *testing.T) {
	dir := t.TempDir()
	notSQLite := filepath.Join(dir, "notes.txt")
	text := []byte("these are my notes, not a database; please leave them alone\n")
	if err := os.WriteFile(notSQLite, text, 0o644); err != nil {
		t.Fatal(err)
	}
	short := filepath.Join(dir, "short.db")
	if err := os.WriteFile(short, []byte("SQLite"), 0o644); err != nil {
		t.Fatal(err)
	}
	roDir := filepath.Join(dir, "ro")
	if err := os.Mkdir(roDir, 0o555); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		path string
		msg  string
	}{
		{"MissingFolder", filepath.Join(dir, "nope", "quire.db"), "does not exist"},
		{"NotSQLite", notSQLite, "not a SQLite database"},
		{"Short", short, "not a SQLite database"},
		{"Folder", dir, "is a folder"},
		{"ReadOnlyFolder", filepath.Join(roDir, "quire.db"), "read-only"},
		// Not even root may create files in /proc.
		{"UnwritableFolder", "/proc/quire-test.db", "read-only"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.name == "ReadOnlyFolder" && os.Getuid() == 0 {
				t.Skip("root can write to read-only folders")
			}
			if tt.name == "UnwritableFolder" && runtime.GOOS != "linux" {
				t.Skip("needs /proc")
			}
			s, err := Open(tt.path)
			if err == nil {
				s.Close()
				t.Fatalf("Open(%s) succeeded", tt.path)
			}
			msg := err.Error()
			if !strings.Contains(msg, tt.path) || !strings.Contains(msg, tt.msg) || strings.Contains(msg, "\n") {
				t.Errorf("error %q: want one line naming %s and saying %q", msg, tt.path, tt.msg)
			}
		})
	}
	if b, _ := os.ReadFile(notSQLite); string(b) != string(text) {
		t.Errorf("the text file was changed: %q", b)
	}
	if _, err := os.Stat(filepath.Join(dir, "nope")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Open created the missing folder")
	}
	if entries, _ := os.ReadDir(roDir); len(entries) > 0 {
		t.Errorf("files appeared in the read-only folder: %v", entries)
	}
}

func TestOpenForeignDatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "other.db")
	s := mustOpenRaw(t, path)
	if _, err := s.Exec(`CREATE TABLE accounts (id INTEGER)`); err != nil {
		t.Fatal(err)
	}
	s.Close()
	before := readFile(t, path)
	_, err := Open(path)
	if err == nil || !strings.Contains(err.Error(), "not one of Quire's") {
		t.Fatalf("err = %v, want a refusal", err)
	}
	if readFile(t, path) != before {
		t.Error("the foreign database was changed")
	}
}

func TestOpenNewerDatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "quire.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.Exec(`PRAGMA user_version = 99`); err != nil {
		t.Fatal(err)
	}
	// Fold the WAL into the file, so that the bytes compared below are all there is.
	if _, err := s.db.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		t.Fatal(err)
	}
	s.Close()
	before := readFile(t, path)
	_, err = Open(path)
	if err == nil || !strings.Contains(err.Error(), "newer Quire") || !strings.Contains(err.Error(), "99") {
		t.Fatalf("err = %v, want a newer-version refusal", err)
	}
	if readFile(t, path) != before {
		t.Error("the newer database was changed")
	}
}

func TestMigrationBackup(t *testing.T) {
	path := filepath.Join(t.TempDir(), "quire.db")
	s, c := MustOpenAt(t, path, migrationsFS)
	MustCreate(t, s, &post.Post{Title: "Kept through the upgrade", Body: "body"})
	s.Close()

	// A second version of the schema, as a later Quire would ship it.
	next := fstest.MapFS{}
	entries, _ := migrationsFS.ReadDir("migrations")
	for _, e := range entries {
		b, _ := migrationsFS.ReadFile("migrations/" + e.Name())
		next["migrations/"+e.Name()] = &fstest.MapFile{Data: b}
	}
	have := len(entries)
	next[fmt.Sprintf("migrations/%03d_word_count.sql", have+1)] = &fstest.MapFile{Data: []byte(`ALTER TABLE posts ADD COLUMN words INTEGER NOT NULL DEFAULT 0;`)}
	s2, err := openAt(path, next, c.now)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	var v int
	s2.db.QueryRow(`PRAGMA user_version`).Scan(&v)
	if v != have+1 {
		t.Errorf("user_version = %d, want %d", v, have+1)
	}
	backups, _ := filepath.Glob(path + fmt.Sprintf(".v%d-*.bak", have))
	if len(backups) != 1 {
		t.Fatalf("backups = %v, want one", backups)
	}
	b, err := Open(backups[0])
	if err != nil {
		t.Fatalf("backup does not open: %v", err)
	}
	defer b.Close()
	if _, err := b.GetPostBySlug(context.Background(), "kept-through-the-upgrade"); err != nil {
		t.Errorf("backup lacks the post: %v", err)
	}

	// A failing migration leaves the version where it was.
	bad := fstest.MapFS{}
	for k, v := range next {
		bad[k] = v
	}
	broken := fmt.Sprintf("%03d_broken.sql", have+2)
	bad["migrations/"+broken] = &fstest.MapFile{Data: []byte(`CREATE TABLE x (a); SELECT nonsense FROM nowhere;`)}
	s2.Close()
	if _, err := openAt(path, bad, c.now); err == nil || !strings.Contains(err.Error(), broken) {
		t.Fatalf("err = %v, want the broken migration named", err)
	}
	s3, err := openAt(path, next, c.now)
	if err != nil {
		t.Fatal(err)
	}
	defer s3.Close()
	var n int
	s3.db.QueryRow(`SELECT count(*) FROM sqlite_schema WHERE name = 'x'`).Scan(&n)
	if n != 0 {
		t.Error("the broken migration's table was left behind")
	}
}

func TestSettings(t *testing.T) {
	s, _ := MustOpen(t)
	ctx := context.Background()
	if _, ok, err := s.GetSetting(ctx, "layout"); ok || err != nil {
		t.Fatalf("unset key: ok=%v err=%v", ok, err)
	}
	for _, v := range []string{`{"split":0.5}`, `{"split":0.3}`} {
		if err := s.SetSetting(ctx, "layout", v); err != nil {
			t.Fatal(err)
		}
		got, ok, err := s.GetSetting(ctx, "layout")
		if err != nil || !ok || got != v {
			t.Errorf("GetSetting = %q %v %v, want %q", got, ok, err, v)
		}
	}
	if err := s.DeleteSetting(ctx, "layout"); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := s.GetSetting(ctx, "layout"); ok {
		t.Error("deleted setting is still there")
	}
}

func TestBackup(t *testing.T) {
	s, _ := MustOpen(t)
	ctx := context.Background()
	MustCreate(t, s, &post.Post{Title: "Backed up", Body: "words"})
	dst := filepath.Join(t.TempDir(), "copy.db")
	if err := s.Backup(ctx, dst); err != nil {
		t.Fatal(err)
	}
	b, err := Open(dst)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if _, err := b.GetPostBySlug(ctx, "backed-up"); err != nil {
		t.Error(err)
	}
	if err := s.Backup(ctx, dst); err == nil || !strings.Contains(err.Error(), "exists") {
		t.Errorf("second backup to the same file: %v, want a refusal", err)
	}
	if err := s.Backup(ctx, filepath.Join(t.TempDir(), "no", "x.db")); err == nil {
		t.Error("backup into a missing folder succeeded")
	}
}
