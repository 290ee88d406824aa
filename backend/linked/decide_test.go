package linked

import (
	"testing"
	"time"

	"quire/backend/store"
)

// TestDecide is every way a file and its post can stand against their last
// sync, and what brings them in step. No files, no watcher, no database.
func TestDecide(t *testing.T) {
	now := time.Date(2026, 12, 6, 12, 0, 0, 0, time.UTC)
	const grace = 300 * time.Millisecond
	last := &store.LinkFile{PostID: 7, Hash: "h1", Revision: 3, Size: 10, ModTime: 100}
	withConflict := &store.LinkFile{PostID: 7, Hash: "h1", Revision: 3, Size: 10, ModTime: 100, Conflict: "h2"}
	// inStep is the file and post as last synced.
	inStep := facts{Hash: "h1", Size: 10, ModTime: 100, Last: last, HasPost: true, Revision: 3}
	with := func(f facts, change func(*facts)) facts {
		change(&f)
		return f
	}
	tests := []struct {
		name string
		f    facts
		want decision
	}{
		{"in step", inStep, decision{act: actNone}},
		{"touched: same bytes, new time", with(inStep, func(f *facts) { f.ModTime = 200 }),
			decision{act: actRecord}},
		{"file edited", with(inStep, func(f *facts) { f.Hash, f.Size = "h2", 12 }),
			decision{act: actReadFile}},
		{"post edited in Quire", with(inStep, func(f *facts) { f.Revision = 4 }),
			decision{act: actWriteBack}},
		{"both edited: read the file, the store finds the conflict", with(inStep, func(f *facts) { f.Hash, f.Revision = "h2", 4 }),
			decision{act: actReadFile}},
		{"open conflict, file as kept", with(inStep, func(f *facts) { f.Hash, f.Last, f.Revision = "h2", withConflict, 4 }),
			decision{act: actKeptConflict}},
		{"open conflict, post edited again", with(inStep, func(f *facts) { f.Last, f.Revision = withConflict, 5 }),
			decision{act: actHoldConflict}},
		{"open conflict, file edited again", with(inStep, func(f *facts) { f.Hash, f.Last = "h3", withConflict }),
			decision{act: actReadFile}},
		{"open conflict, nothing new: recorded so it is kept", with(inStep, func(f *facts) { f.Last = withConflict }),
			decision{act: actRecord}},
		{"new file", facts{Hash: "h1"}, decision{act: actImport}},
		{"post made from the file before the link", with(inStep, func(f *facts) { f.Last = nil }),
			decision{act: actAdopt}},
		{"trashed post, file back as it was: it stays in the trash", with(inStep, func(f *facts) { f.Trashed = true }),
			decision{act: actNone}},
		{"trashed post, file edited: back from the trash", with(inStep, func(f *facts) { f.Trashed, f.Hash = true, "h2" }),
			decision{act: actReadFile, restore: true}},
		{"trashed post, never synced: back from the trash", with(inStep, func(f *facts) { f.Trashed, f.Last = true, nil }),
			decision{act: actAdopt, restore: true}},
		{"gone, never synced", facts{Gone: true}, decision{act: actForget}},
		{"gone just now", facts{Gone: true, Last: last}, decision{act: actNoteMissing}},
		{"gone within the grace", facts{Gone: true, SeenGone: true, GoneSince: now.Add(-grace / 2), Last: last},
			decision{act: actWaitMissing}},
		{"gone past the grace", facts{Gone: true, SeenGone: true, GoneSince: now.Add(-2 * grace), Last: last},
			decision{act: actTrash}},
		{"gone while nobody watched", facts{Gone: true, SeenGone: true, Last: last}, decision{act: actTrash}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := decide(tt.f, now, grace); got != tt.want {
				t.Errorf("decide = %v (restore %t), want %v (restore %t)", got.act, got.restore, tt.want.act, tt.want.restore)
			}
		})
	}
}
