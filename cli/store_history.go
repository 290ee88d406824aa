package cli

import (
	"flag"
	"fmt"
	"strconv"
	"text/tabwriter"
	"time"
)

type historyOpts struct{ json bool }

func historyFlags(o *historyOpts) *flag.FlagSet {
	fs := NewFlags("history")
	fs.BoolVar(&o.json, "json", false, "print the revisions as JSON")
	return fs
}

func init() {
	RegisterFlags("history", historyFlags(&historyOpts{}))
	Register(&Command{
		Name:    "history",
		Args:    "SLUG [--json]",
		Summary: "list a post's revisions, newest first (* marks the current one)",
		Run:     runHistory,
	})
	Register(&Command{
		Name:    "restore",
		Args:    "SLUG REV",
		Summary: "make revision REV a post's content again (as a new revision)",
		Run:     runRestore,
	})
}

func runHistory(env *Env, args []string) error {
	var o historyOpts
	rest, err := ParseFlags(historyFlags(&o), args)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return Usagef("history takes one SLUG")
	}
	st, err := openStore(env)
	if err != nil {
		return err
	}
	defer st.Close()
	p, err := findPost(env, st, rest[0])
	if err != nil {
		return err
	}
	revs, err := st.Revisions(env.Ctx, p.ID)
	if err != nil {
		return err
	}
	if o.json {
		return writeJSON(env.Stdout, revs)
	}
	tw := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "REV\tKIND\tSAVED\tSIZE\tTITLE")
	for _, r := range revs {
		mark := " "
		if r.Current {
			mark = "*"
		}
		fmt.Fprintf(tw, "%s%d\t%s\t%s\t%d\t%s\n", mark, r.Rev, r.Kind, r.Created.Local().Format(time.DateTime), r.Size, r.Title)
	}
	return tw.Flush()
}

func runRestore(env *Env, args []string) error {
	rest, err := ParseFlags(NewFlags("restore"), args)
	if err != nil {
		return err
	}
	if len(rest) != 2 {
		return Usagef("restore takes a SLUG and a revision number")
	}
	rev, err := strconv.ParseInt(rest[1], 10, 64)
	if err != nil || rev <= 0 {
		return Usagef("revision %q is not a revision number (see quire history %s)", rest[1], rest[0])
	}
	st, err := openStore(env)
	if err != nil {
		return err
	}
	defer st.Close()
	p, err := findPost(env, st, rest[0])
	if err != nil {
		return err
	}
	restored, err := st.RestoreRevision(env.Ctx, p.ID, rev)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(env.Stdout, "restored %s to revision %d (now revision %d)\n", restored.Slug, rev, restored.Revision)
	return err
}
