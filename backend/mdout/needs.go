package mdout

import (
	"strings"

	"quire/backend/post"
)

// emptyBlock is the least front matter Jekyll renders a file for.
const emptyBlock = "---\n---\n"

// targetNeeds lists the derived values a post exported to rel must write,
// because the generator cannot derive them again as Quire did. The date:
// only a Jekyll post's file name gives it back, and only a whole day (a
// date taken from a note's file time has a time of day). The title: Quire
// takes a note's title from its first heading, which neither Jekyll (the
// file name, titled) nor Hugo (none) reads.
func targetNeeds(p *post.Post, rel string) []string {
	needs := []string{"title"}
	if !strings.HasPrefix(rel, "_posts/") || !wholeDay(p) {
		needs = append(needs, "date")
	}
	return needs
}

func wholeDay(p *post.Post) bool {
	h, m, s := p.Date.Clock()
	return h == 0 && m == 0 && s == 0 && p.Date.Nanosecond() == 0
}

// bare tells whether b, the file written for p, is its body alone: a note
// without front matter that writes none.
func bare(p *post.Post, b []byte) bool {
	return bareNote(p) && string(b) == p.Body
}

// hugoDraft makes a draft written as its text is say draft: true, which
// Hugo needs (it publishes a file that does not say so), and nothing else:
// the text's own block is edited, or a note given one with that key. The
// status is noted as derived published, so that the text, which may imply
// a draft by having no date, is edited to say it.
func hugoDraft(p *post.Post) {
	p.Original.StatusAs = "draft"
	p.Original.Derived.Set("status", string(post.StatusPublished))
}

// bareNote tells whether p has no front-matter block (a note).
func bareNote(p *post.Post) bool {
	return p.Original != nil && p.Original.Head == ""
}
