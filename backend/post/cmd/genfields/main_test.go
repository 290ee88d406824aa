package main

import (
	"os"
	"strings"
	"testing"

	"quire/backend/post"
)

// committed is the module as the repository holds it.
const committed = "../../../../frontend/src/api/fields.ts"

// TestCommittedModuleIsCurrent fails when frontend/src/api/fields.ts is not
// what the table in backend/post gives: the frontend would show or type
// fields the backend no longer has. Run `go generate ./backend/post`.
func TestCommittedModuleIsCurrent(t *testing.T) {
	got, err := os.ReadFile(committed)
	if err != nil {
		t.Fatal(err)
	}
	if want := generate(); string(got) != string(want) {
		t.Errorf("%s is stale: run `go generate ./backend/post` and commit it.\nIt should read:\n%s", committed, want)
	}
}

// TestModuleNamesEveryField: each known field, and each field the panel
// shows with its type, is in the module.
func TestModuleNamesEveryField(t *testing.T) {
	out := string(generate())
	for _, f := range post.KnownFields {
		if !strings.Contains(out, "{ key: '"+f.Key+"',") {
			t.Errorf("no entry for %s", f.Key)
		}
		if f.Label != "" && !strings.Contains(out, "\n  "+f.Key+": "+tsTypes[f.Kind]+"\n") {
			t.Errorf("FieldValues lacks %s: %s", f.Key, tsTypes[f.Kind])
		}
	}
	if quote("it's") != `'it\'s'` || quote(`a"b`) != `'a"b'` {
		t.Errorf("quote: %s %s", quote("it's"), quote(`a"b`))
	}
}
