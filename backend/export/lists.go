package export

import (
	"fmt"
	"sort"
	"strings"

	"quire/backend/theme"
)

// term is a category, a tag or a year with its posts, newest first.
type term struct {
	name  string
	link  string // relative to the site root, ending in "/"
	posts []*postJob
}

type termSet struct {
	cats, tags, years []*term
}

// collectTerms groups the posts by category, tag and year. Names that make
// the same path ("Go" and "go") share one page, under the first spelling.
func collectTerms(si siteInfo, jobs []*postJob) termSet {
	group := func(kind string, names func(*postJob) []string) []*term {
		m := map[string]*term{}
		var out []*term
		for _, j := range jobs {
			seen := map[string]bool{}
			for _, n := range names(j) {
				seg := segment(n)
				if seg == "" || seen[seg] {
					continue
				}
				seen[seg] = true
				tm := m[seg]
				if tm == nil {
					tm = &term{name: n, link: kind + "/" + seg + "/"}
					m[seg] = tm
					out = append(out, tm)
				}
				tm.posts = append(tm.posts, j)
			}
		}
		sort.Slice(out, func(a, b int) bool { return strings.ToLower(out[a].name) < strings.ToLower(out[b].name) })
		return out
	}
	return termSet{
		cats: group("categories", func(j *postJob) []string { return j.sum.Categories }),
		tags: group("tags", func(j *postJob) []string { return j.sum.Tags }),
		years: group("archive", func(j *postJob) []string {
			d := j.sum.Date
			if d.IsZero() {
				d = j.sum.Updated
			}
			return []string{fmt.Sprintf("%04d", d.Year())}
		}),
	}
}

func termLinks(si siteInfo, kind string, names []string) []theme.Link {
	var out []theme.Link
	for _, n := range names {
		if seg := segment(n); seg != "" {
			out = append(out, theme.Link{Name: n, URL: si.link(kind + "/" + seg + "/")})
		}
	}
	return out
}

func refs(si siteInfo, jobs []*postJob, excerpt func(*postJob) string) []theme.PostRef {
	out := make([]theme.PostRef, 0, len(jobs))
	for _, j := range jobs {
		s := j.sum
		title := s.Title
		if title == "" {
			title = s.Slug
		}
		summary := excerpt(j)
		if summary == "" {
			summary = s.Snippet
		}
		out = append(out, theme.PostRef{Title: title, URL: si.link(j.link), Date: s.Date, Summary: summary,
			Categories: termLinks(si, "categories", s.Categories), Tags: termLinks(si, "tags", s.Tags)})
	}
	return out
}
