package cli

import (
	"fmt"

	"quire/backend/linked"
)

func init() {
	Register(&Command{
		Name:    "watch",
		Args:    "[--quiet]",
		Summary: "keep the linked folders and their posts in step until Ctrl+C",
		Run:     runWatch,
	})
}

func runWatch(env *Env, args []string) error {
	fs := NewFlags("watch")
	quiet := fs.Bool("quiet", false, "print only errors and conflicts")
	rest, err := ParseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 0 {
		return Usagef("watch takes no arguments (link folders with quire link DIR)")
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
	if len(links) == 0 {
		return fmt.Errorf("no linked folders: link one with quire link DIR")
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		for e := range s.Events() {
			switch e.Kind {
			case linked.EventError, linked.EventConflict:
				fmt.Fprintln(env.Stderr, e)
			default:
				if !*quiet {
					fmt.Fprintln(env.Stdout, e)
				}
			}
		}
	}()
	if err := s.Start(env.Ctx); err != nil {
		s.Close()
		<-done
		return err
	}
	for _, l := range links {
		fmt.Fprintf(env.Stderr, "watching %s\n", l.Dir)
	}
	fmt.Fprintln(env.Stderr, "press Ctrl+C to stop")
	<-env.Ctx.Done()
	s.Stop()
	s.Close()
	<-done
	return nil
}
