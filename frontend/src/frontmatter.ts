// Finding the front-matter block in the editor's text. This only finds the
// fences; what is between them is parsed by the backend (backend/post), never here.

export interface Head {
  /** The block with its fences and line endings, "" when the text has none. */
  head: string
  /** Where the body starts (the length of head). */
  end: number
  /** An error when a block is opened and never closed. */
  error?: string
}

const fenceLine = (line: string) => line.replace(/^\ufeff/, '').replace(/\r$/, '').replace(/[ \t]+$/, '')

/** splitHead finds the leading front-matter block of text, as backend/post.SplitFrontMatter does. */
export function splitHead(text: string): Head {
  const firstEnd = text.indexOf('\n')
  const first = fenceLine(firstEnd < 0 ? text : text.slice(0, firstEnd))
  if (first !== '---' && first !== '+++') return { head: '', end: 0 }
  if (firstEnd < 0) return { head: '', end: 0, error: `front matter opened with ${first} is never closed` }
  let pos = firstEnd + 1
  while (pos <= text.length) {
    const nl = text.indexOf('\n', pos)
    const line = fenceLine(nl < 0 ? text.slice(pos) : text.slice(pos, nl))
    if (line === first || (first === '---' && line === '...')) {
      const end = nl < 0 ? text.length : nl + 1
      return { head: text.slice(0, end), end }
    }
    if (nl < 0) break
    pos = nl + 1
  }
  return { head: '', end: 0, error: `front matter opened with ${first} is never closed` }
}
