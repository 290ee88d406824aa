package cli

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"
)

func TestMainDispatch(t *testing.T) {
	db := filepath.Join(t.TempDir(), "quire.db")
	tests := []struct {
		name       string
		args       []string
		wantCode   int
		wantStdout string // a part of stdout
		wantStderr string // a part of stderr
	}{
		{"Help", []string{"--help"}, 0, "Commands:", ""},
		{"HelpListsEveryCommand", []string{"-h"}, 0, "  version ", ""},
		{"HelpCommand", []string{"help", "list"}, 0, "Usage: quire [--db PATH] list", ""},
		{"HelpCommandFlagsWithTwoDashes", []string{"help", "render"}, 0, "  --full", ""},
		{"Version", []string{"version"}, 0, "quire ", ""},
		{"VersionTakesNoArguments", []string{"version", "x"}, 2, "", "version takes no arguments"},
		{"ErrUnknownCommand", []string{"frobnicate"}, 2, "", `unknown command "frobnicate"`},
		{"ErrUnknownGlobalFlag", []string{"--frob", "list"}, 2, "", "flag provided but not defined: -frob"},
		{"ErrUnknownCommandFlag", []string{"--db", db, "list", "--frob"}, 2, "", "Usage: quire [--db PATH] list"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			code := Main(context.Background(), tt.args, strings.NewReader(""), &out, &errb)
			if code != tt.wantCode {
				t.Fatalf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tt.wantCode, out.String(), errb.String())
			}
			if !strings.Contains(out.String(), tt.wantStdout) {
				t.Errorf("stdout %q does not contain %q", out.String(), tt.wantStdout)
			}
			if !strings.Contains(errb.String(), tt.wantStderr) {
				t.Errorf("stderr %q does not contain %q", errb.String(), tt.wantStderr)
			}
		})
	}
}

func TestParseFlagsTakesFlagsAfterArguments(t *testing.T) {
	fs := NewFlags("render")
	full := fs.Bool("full", false, "")
	args, err := ParseFlags(fs, []string{"post.md", "--full", "--", "-x"})
	if err != nil {
		t.Fatal(err)
	}
	if !*full || strings.Join(args, " ") != "post.md -x" {
		t.Fatalf("full=%v args=%q", *full, args)
	}
}

func TestQuireDBIsTheDefaultForDB(t *testing.T) {
	t.Setenv("QUIRE_DB", "/from/env.db")
	g, _, err := ParseGlobal([]string{"list"})
	if err != nil || g.DBPath != "/from/env.db" {
		t.Fatalf("DBPath %q, %v", g.DBPath, err)
	}
	g, _, err = ParseGlobal([]string{"--db", "/from/flag.db", "list"})
	if err != nil || g.DBPath != "/from/flag.db" {
		t.Fatalf("--db did not win over QUIRE_DB: %q, %v", g.DBPath, err)
	}
}

func TestCheckDisplay(t *testing.T) {
	for _, tc := range []struct {
		name, goos string
		env        map[string]string
		ok         bool
	}{
		{"X11", "linux", map[string]string{"DISPLAY": ":0"}, true},
		{"Wayland", "linux", map[string]string{"WAYLAND_DISPLAY": "wayland-0"}, true},
		{"none on Linux", "linux", nil, false},
		{"none on FreeBSD", "freebsd", nil, false},
		{"macOS needs neither", "darwin", nil, true},
		{"Windows needs neither", "windows", nil, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := CheckDisplay(tc.goos, func(k string) string { return tc.env[k] })
			if tc.ok != (err == nil) {
				t.Fatalf("CheckDisplay = %v, want ok %v", err, tc.ok)
			}
			if err != nil && !strings.Contains(err.Error(), "DISPLAY or WAYLAND_DISPLAY is not set") {
				t.Fatalf("the error does not say what is missing: %v", err)
			}
		})
	}
}
