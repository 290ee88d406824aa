package post

// emptyYAML is the block a post without front matter is given when a
// field is set (AddFrontMatter).
const emptyYAML = "---\n---\n"

// AddFrontMatter makes a post without front matter write only what is set
// on it afterwards: a title given to a plain Markdown file adds a block with
// that key alone, not every field Quire knows (a status, a slug), which the
// text did not say and Quire derives anyway. A post that writes nothing
// stays without a block.
func (p *Post) AddFrontMatter() {
	if p.Original == nil {
		p.Original = &Original{Format: FormatYAML}
	}
}
