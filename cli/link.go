package cli

import (
	"fmt"

	"quire/backend/linked"
	"quire/backend/store"
)

func init() {
	Register(&Command{
		Name:    "link",
		Args:    "DIR",
		Summary: "link a folder: its Markdown files become posts and stay in step (see quire watch)",
		Run:     runLink,
	})
	Register(&Command{
		Name:    "unlink",
		Args:    "DIR",
		Summary: "stop keeping a linked folder in step (files and posts stay)",
		Run:     runUnlink,
	})
	Register(&Command{
		Name:    "links",
		Args:    "[--json]",
		Summary: "list the linked folders and their unresolved conflicts",
		Run:     runLinks,
	})
}

func runLink(env *Env, args []string) error {
	rest, err := ParseFlags(NewFlags("link"), args)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return Usagef("link takes one DIR")
	}
	st, s, err := openSyncer(env)
	if err != nil {
		return err
	}
	defer st.Close()
	failed := false
	done := make(chan struct{})
	go func() {
		defer close(done)
		for e := range s.Events() {
			switch e.Kind {
			case linked.EventError:
				failed = true
				fmt.Fprintf(env.Stderr, "%s\n", e)
			case linked.EventConflict:
				fmt.Fprintf(env.Stderr, "%s\n", e)
			}
		}
	}()
	stats, err := s.Link(env.Ctx, rest[0])
	s.Close()
	<-done
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "linked %s: %s\n", rest[0], stats)
	if failed {
		return ErrSilentFailure
	}
	return nil
}

func runUnlink(env *Env, args []string) error {
	rest, err := ParseFlags(NewFlags("unlink"), args)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return Usagef("unlink takes one DIR")
	}
	st, s, err := openSyncer(env)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := s.Unlink(env.Ctx, rest[0]); err != nil {
		return err
	}
	_, err = fmt.Fprintf(env.Stdout, "unlinked %s\n", rest[0])
	return err
}

func runLinks(env *Env, args []string) error {
	fs := NewFlags("links")
	asJSON := fs.Bool("json", false, "print as JSON")
	rest, err := ParseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 0 {
		return Usagef("links takes no arguments")
	}
	st, s, err := openSyncer(env)
	if err != nil {
		return err
	}
	defer st.Close()
	links, err := s.Links(env.Ctx)
	if err != nil {
		return err
	}
	conflicts, err := s.Conflicts(env.Ctx)
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(env.Stdout, map[string]any{"links": links, "conflicts": conflicts})
	}
	if len(links) == 0 {
		fmt.Fprintln(env.Stdout, "no linked folders")
	}
	for _, l := range links {
		fmt.Fprintf(env.Stdout, "%s  (linked %s)\n", l.Dir, l.Created.Local().Format("2006-01-02 15:04"))
	}
	for _, c := range conflicts {
		fmt.Fprintf(env.Stdout, "conflict: %s and post %d both changed; see quire history\n", c.Path, c.PostID)
	}
	return nil
}

// openSyncer opens the database and a syncer over it, for the commands
// that work on linked folders. The caller closes the store.
func openSyncer(env *Env) (*store.Store, *linked.Syncer, error) {
	st, err := openStore(env)
	if err != nil {
		return nil, nil, err
	}
	s, err := linked.New(st, linked.Options{})
	if err != nil {
		st.Close()
		return nil, nil, err
	}
	return st, s, nil
}
