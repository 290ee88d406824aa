package cli

import (
	"bufio"
	"flag"
	"fmt"
	"text/tabwriter"

	"quire/backend/post"
	"quire/backend/store"
)

// searchLimit is how many posts a search lists when --limit is not given.
const searchLimit = 50

type listOpts struct {
	json     bool
	status   string
	search   string
	category string
	tag      string
	sort     string
	limit    int
	offset   int
	trash    bool
}

func listFlags(o *listOpts) *flag.FlagSet {
	fs := NewFlags("list")
	fs.BoolVar(&o.json, "json", false, "print JSON ({posts, total})")
	fs.StringVar(&o.status, "status", "", "only posts with this status: draft, published or scheduled")
	fs.StringVar(&o.search, "search", "", "only posts matching these words (the last word may be a prefix)")
	fs.StringVar(&o.category, "category", "", "only posts in this category")
	fs.StringVar(&o.tag, "tag", "", "only posts with this tag")
	fs.StringVar(&o.sort, "sort", "", "date, updated, title or relevance (default: date, or relevance when searching)")
	fs.IntVar(&o.limit, "limit", 0, "at most this many posts; 0 for all (default: all, or the 50 best when searching)")
	fs.IntVar(&o.offset, "offset", 0, "skip this many posts")
	fs.BoolVar(&o.trash, "trash", false, "list the posts in the trash instead")
	return fs
}

func init() {
	RegisterFlags("list", listFlags(&listOpts{}))
	Register(&Command{
		Name:    "list",
		Args:    "[--json] [--status S] [--search Q] [--category C] [--tag T] [--sort BY] [--limit N]",
		Summary: "list posts, newest first",
		Run:     runList,
	})
}

func runList(env *Env, args []string) error {
	var o listOpts
	fs := listFlags(&o)
	rest, err := ParseFlags(fs, args)
	if err != nil {
		return err
	}
	limitSet := false
	fs.Visit(func(f *flag.Flag) { limitSet = limitSet || f.Name == "limit" })
	if len(rest) > 0 {
		return Usagef("list takes no arguments; use --search to search")
	}
	opt := store.ListOptions{Query: o.search, Category: o.category, Tag: o.tag, Sort: o.sort, Limit: o.limit, Offset: o.offset}
	if o.status != "" {
		if opt.Status, err = post.ParseStatus(o.status); err != nil {
			return Usagef("%v", err)
		}
	}
	switch {
	case !limitSet && o.search != "":
		// A search is read from the top: the best matches, and how many
		// there are. A common word is in most posts, and tens of thousands
		// of lines would bury them.
		opt.Limit = searchLimit
	case o.limit <= 0:
		opt.Limit = 1 << 30
	}
	// The table has no column for the text around a match; JSON has.
	opt.NoMatch = !o.json
	st, err := openStore(env)
	if err != nil {
		return err
	}
	defer st.Close()
	list := st.ListPosts
	if o.trash {
		list = st.ListTrash
	}
	res, err := list(env.Ctx, opt)
	if err != nil {
		return err
	}
	if o.json {
		return writeJSON(env.Stdout, res)
	}
	if shown := o.offset + len(res.Posts); !limitSet && shown < res.Total {
		fmt.Fprintf(env.Stderr, "quire: %d of %d posts shown; --limit 0 shows them all\n", len(res.Posts), res.Total)
	}
	// tabwriter writes each cell apart: buffered, a list of every post is
	// a few writes instead of one system call per cell.
	bw := bufio.NewWriter(env.Stdout)
	tw := tabwriter.NewWriter(bw, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "SLUG\tSTATUS\tDATE\tTITLE")
	for _, p := range res.Posts {
		date := ""
		if !p.Date.IsZero() {
			date = p.Date.Format("2006-01-02")
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", p.Slug, p.Status, date, p.Title)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	return bw.Flush()
}
