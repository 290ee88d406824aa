package store

import (
	"database/sql"
	"io/fs"
	"os"
	"testing"
)

func MustOpenAt(t testing.TB, path string, migrations fs.FS) (*Store, *clock) {
	t.Helper()
	c := &clock{t: testStart}
	s, err := openAt(path, migrations, c.now)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, c
}

// mustOpenRaw opens a SQLite file without Quire, to make foreign databases.
func mustOpenRaw(t testing.TB, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func readFile(t testing.TB, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
