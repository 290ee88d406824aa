package store

import (
	"context"
	"database/sql/driver"
	"fmt"
	"os"
	"time"
)

// walTrimSize is how large the WAL file may grow before a bulk writer has
// it copied whole and emptied between two of its batches (trimWAL). A
// variable so that a test can make it small.
var walTrimSize int64 = 64 << 20

// trimWAL, between two batches of a bulk write (an import), copies the WAL
// into the database file and empties it once it has grown past walTrimSize.
//
// The background checkpointer alone does not keep it small then: SQLite
// starts the WAL over only when a writer begins while every frame has been
// copied, and a writer that commits batch after batch never leaves it such
// a moment. The WAL then holds everything written: every page goes to disk
// twice, into a file as large as the database. The checkpointer has copied
// most frames by the time the file is this large, so the writer waits only
// for the last ones.
//
// It waits only briefly for readers (a long export may be reading): the
// next batch tries again.
func (s *Store) trimWAL(ctx context.Context) error {
	fi, err := os.Stat(s.path + "-wal")
	if err != nil || fi.Size() < walTrimSize {
		return nil
	}
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("checkpoint: %w", err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `PRAGMA busy_timeout = 50`); err != nil {
		return fmt.Errorf("checkpoint: %w", err)
	}
	_, err = conn.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`)
	if _, rerr := conn.ExecContext(context.WithoutCancel(ctx), fmt.Sprintf(`PRAGMA busy_timeout = %d`, busyTimeout/time.Millisecond)); rerr != nil {
		// The connection goes back to the pool only with the usual wait.
		conn.Raw(func(any) error { return driver.ErrBadConn })
	}
	if err != nil {
		return fmt.Errorf("checkpoint: %w", err)
	}
	return nil
}
