package post

// A file without front matter (an Obsidian or Typora note: Markdown alone)
// is the writer's as it is: ParseFile gives it an Original with no block,
// so that the editor shows, and a write-back writes, the body alone, byte
// for byte. What an import derives for it (a title from the first heading,
// a slug from the file name, a status) is noted as derived and not written.
// A field the writer sets adds a YAML block with that key alone.

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
