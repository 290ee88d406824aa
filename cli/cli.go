// Package cli is Quire's headless command layer: `quire SUBCOMMAND ...` runs
// without a display so that Quire can be scripted and used in CI.
//
// Each subcommand lives in its own file and registers itself from init, so
// adding one never touches the dispatcher.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"sort"
	"strings"
	"syscall"

	"quire/backend/datadir"
)

// Env is what a subcommand gets: its streams and the global options.
type Env struct {
	Ctx    context.Context
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	// DBPath is the database named by --db or QUIRE_DB; empty means the default.
	DBPath string
}

// ResolveDB returns the database path to use: the one given, or the default
// in the user's data directory (which is created on first use).
func (e *Env) ResolveDB() (string, error) {
	if e.DBPath != "" {
		return e.DBPath, nil
	}
	return datadir.DefaultDB()
}

// Command is one subcommand.
type Command struct {
	Name    string
	Args    string // argument synopsis shown in help, e.g. "[FILE|-] [--full]"
	Summary string // one line for `quire --help`
	// Run executes the command. A *UsageError makes Main print the command's
	// usage and exit 2; any other error prints "quire NAME: err" and exits 1.
	Run func(env *Env, args []string) error
}

var commands = map[string]*Command{}

// Register adds a subcommand; it is meant to be called from init.
func Register(c *Command) {
	if _, dup := commands[c.Name]; dup {
		panic("cli: command registered twice: " + c.Name)
	}
	commands[c.Name] = c
}

// UsageError reports a mistake in how a command was called (exit status 2).
type UsageError struct{ Msg string }

func (e *UsageError) Error() string { return e.Msg }

// Usagef builds a *UsageError.
func Usagef(format string, a ...any) error { return &UsageError{Msg: fmt.Sprintf(format, a...)} }

// ErrSilentFailure makes Main exit 1 without printing anything more, for
// commands that already reported their failures (for example an import report).
var ErrSilentFailure = errors.New("failed")

// Global holds the options that come before the subcommand.
type Global struct {
	DBPath string
	Help   bool
}

// ParseGlobal reads the global flags (--db PATH, --help) and returns them with
// the remaining arguments, the first of which is the subcommand, if any.
// QUIRE_DB is the default for --db.
func ParseGlobal(args []string) (Global, []string, error) {
	g := Global{DBPath: os.Getenv("QUIRE_DB")}
	fs := flag.NewFlagSet("quire", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&g.DBPath, "db", g.DBPath, "")
	fs.BoolVar(&g.Help, "help", false, "")
	fs.BoolVar(&g.Help, "h", false, "")
	if err := fs.Parse(args); err != nil {
		return g, nil, &UsageError{Msg: err.Error()}
	}
	return g, fs.Args(), nil
}

// Run runs args (without the program name) as a headless command, with
// SIGINT and SIGTERM cancelling it, when they name one, ask for help or are
// wrong, and returns its exit status. wantsWindow is true, and nothing ran,
// when they name no command: the caller opens the app window then, with the
// global options g, after CheckDisplay.
func Run(args []string) (code int, g Global, wantsWindow bool) {
	g, rest, err := ParseGlobal(args)
	if err == nil && !g.Help && len(rest) == 0 {
		return 0, g, true
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return Main(ctx, args, os.Stdin, os.Stdout, os.Stderr), g, false
}

// NoDisplay prints why the window cannot open and returns true when there is
// no graphical session: on Linux and the BSDs GTK needs an X11 or Wayland
// display, and without one it panics with a stack trace that tells a user
// nothing.
func NoDisplay() bool {
	if err := CheckDisplay(runtime.GOOS, os.Getenv); err != nil {
		fmt.Fprintln(os.Stderr, "quire:", err)
		return true
	}
	return false
}

// CheckDisplay is NoDisplay's test, with the platform and environment given.
func CheckDisplay(goos string, getenv func(string) string) error {
	switch goos {
	case "darwin", "windows":
		return nil
	}
	if getenv("DISPLAY") != "" || getenv("WAYLAND_DISPLAY") != "" {
		return nil
	}
	return errors.New("the window needs a graphical session (DISPLAY or WAYLAND_DISPLAY is not set); every command works without one: see quire help")
}

// Main runs `quire ARGS...` headless and returns the exit status. It is only
// called with a subcommand or --help; with neither, main opens the window.
func Main(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	g, rest, err := ParseGlobal(args)
	if err != nil {
		fmt.Fprintf(stderr, "quire: %v\n\n", err)
		writeUsage(stderr)
		return 2
	}
	if g.Help || len(rest) == 0 {
		writeUsage(stdout)
		return 0
	}
	name := rest[0]
	if name == "help" {
		if len(rest) > 1 {
			if c, ok := commands[rest[1]]; ok {
				writeCommandUsage(stdout, c)
				return 0
			}
		}
		writeUsage(stdout)
		return 0
	}
	c, ok := commands[name]
	if !ok {
		fmt.Fprintf(stderr, "quire: unknown command %q\n\n", name)
		writeUsage(stderr)
		return 2
	}
	env := &Env{Ctx: ctx, Stdin: stdin, Stdout: stdout, Stderr: stderr, DBPath: g.DBPath}
	stopProfile := startProfile(stderr)
	err = c.Run(env, rest[1:])
	stopProfile()
	var ue *UsageError
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		writeCommandUsage(stdout, c)
		return 0
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "quire %s: %v\n", name, ue)
		writeCommandUsage(stderr, c)
		return 2
	case errors.Is(err, ErrSilentFailure):
		return 1
	default:
		fmt.Fprintf(stderr, "quire %s: %v\n", name, err)
		return 1
	}
}

// NewFlags returns a flag set for a subcommand whose parse errors become
// usage errors; call Parse via ParseFlags.
func NewFlags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet("quire "+name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return fs
}

// ParseFlags parses args, allowing flags after positional arguments
// (`quire render post.md --full`), and turns flag errors into usage errors.
func ParseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, &UsageError{Msg: err.Error()}
		}
		args = fs.Args()
		if len(args) == 0 {
			return positional, nil
		}
		// "-" is a positional argument (stdin); "--" ends flags.
		if args[0] == "--" {
			return append(positional, args[1:]...), nil
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
}

func writeUsage(w io.Writer) {
	fmt.Fprint(w, `Quire writes blog posts offline, previews them as you type and exports a static site.

Usage:
  quire [--db PATH]                 open the app window
  quire [--db PATH] COMMAND [ARGS]  run a command without a window

Global options:
  --db PATH   the SQLite database to use (env QUIRE_DB; default: quire.db in
              the user's data directory, e.g. ~/.local/share/quire/quire.db)
  -h, --help  show this help

Commands:
`)
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-10s %s\n", n, commands[n].Summary)
	}
	fmt.Fprint(w, "\nRun 'quire help COMMAND' for a command's options.\n")
}

func writeCommandUsage(w io.Writer, c *Command) {
	fmt.Fprintf(w, "Usage: quire [--db PATH] %s %s\n\n%s\n", c.Name, c.Args, c.Summary)
	// Commands describe their flags through the FlagSet given to RegisterFlags, if any.
	if fs, ok := flagSets[c.Name]; ok {
		var b strings.Builder
		fs.SetOutput(&b)
		fs.PrintDefaults()
		fs.SetOutput(io.Discard)
		if b.Len() > 0 {
			// The flag package prints "-name"; Quire documents "--name" (both work).
			opts := strings.ReplaceAll("\n"+b.String(), "\n  -", "\n  --")
			fmt.Fprintf(w, "\nOptions:%s", opts)
		}
	}
}

// flagSets lets `quire help CMD` list a command's flags; see RegisterFlags.
var flagSets = map[string]*flag.FlagSet{}

// RegisterFlags records the flag set a command parses, for its help text.
// Call it from init with a set built the same way as the one Run uses.
func RegisterFlags(name string, fs *flag.FlagSet) { flagSets[name] = fs }
