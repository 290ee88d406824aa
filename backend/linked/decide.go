package linked

import (
	"time"

	"quire/backend/store"
)

// action is what one file and its post need to be in step again.
type action int

const (
	actNone         action = iota // in step: nothing to do or record
	actRecord                     // in step, but the file's size or time is new: record them
	actForget                     // a file never synced went away: forget it was seen missing
	actNoteMissing                // the file just went missing: wait, an editor may be saving by rename
	actWaitMissing                // still missing, but not for long enough yet
	actTrash                      // missing past the grace period: its post goes to the trash
	actImport                     // no post: the file becomes a new one
	actAdopt                      // a post made from the file before its folder was linked: the file wins
	actWriteBack                  // only the post changed: write it to the file
	actReadFile                   // the file changed: store it as the post's new revision (or a conflict)
	actKeptConflict               // this version of the file is already a conflict revision
	actHoldConflict               // the post changed while a conflict is open: only Resolve ends it
)

var actionNames = [...]string{"none", "record", "forget", "note-missing", "wait-missing", "trash",
	"import", "adopt", "write-back", "read-file", "kept-conflict", "hold-conflict"}

func (a action) String() string { return actionNames[a] }

// facts is what is known of one file and its post when they are compared.
type facts struct {
	// Gone: the file is not there. SeenGone: it was already missing at an
	// earlier look, since GoneSince (zero: it went while nobody watched).
	Gone      bool
	SeenGone  bool
	GoneSince time.Time

	// The file's bytes and stat, when it is there.
	Hash          string
	Size, ModTime int64

	// Last is the file's state when it and its post were last in step;
	// nil when they never were (a new file, or a post that is gone).
	Last *store.LinkFile

	// The post: whether there is one (made from this file), whether it is
	// in the trash, and its revision.
	HasPost  bool
	Trashed  bool
	Revision int64
}

// decision is an action, and whether the post leaves the trash first.
type decision struct {
	act     action
	restore bool
}

// decide says what brings a file and its post in step. It does nothing
// itself, so every case is a row in a table test (decide_test.go).
func decide(f facts, now time.Time, grace time.Duration) decision {
	if f.Gone {
		switch {
		case f.Last == nil:
			return decision{act: actForget}
		case !f.SeenGone:
			return decision{act: actNoteMissing}
		case !f.GoneSince.IsZero() && now.Sub(f.GoneSince) < grace:
			return decision{act: actWaitMissing}
		}
		return decision{act: actTrash}
	}
	if !f.HasPost {
		return decision{act: actImport}
	}
	// The file came back or was edited: its post comes back. A post
	// trashed in Quire stays there while its file is left alone.
	restore := f.Trashed && (f.Last == nil || f.Hash != f.Last.Hash)
	d := decision{restore: restore}
	switch last := f.Last; {
	case last == nil:
		d.act = actAdopt
	case f.Hash == last.Hash && f.Revision == last.Revision:
		if last.Size == f.Size && last.ModTime == f.ModTime && last.Conflict == "" {
			d.act = actNone
		} else {
			d.act = actRecord
		}
	case f.Hash != last.Hash && f.Hash == last.Conflict:
		d.act = actKeptConflict
	case f.Hash == last.Hash && last.Conflict != "":
		d.act = actHoldConflict
	case f.Hash == last.Hash:
		d.act = actWriteBack
	default:
		d.act = actReadFile
	}
	return d
}
