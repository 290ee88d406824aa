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

/** splitHead finds the leading front-matter block of text, as backend/post.ParseFile does. */
export function splitHead(text: string): Head {
  if (/^\ufeff?\{\s*["}]/.test(text)) return jsonHead(text)
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

/**
 * jsonHead finds Hugo's JSON front matter: an object at the start of the
 * text, with the rest of its closing line when that is blank (the body
 * starts on the next line).
 */
function jsonHead(text: string): Head {
  let depth = 0
  let inString = false
  for (let i = text.indexOf('{'); i < text.length; i++) {
    const c = text[i]
    if (inString) {
      if (c === '\\') i++
      else if (c === '"') inString = false
      continue
    }
    if (c === '"') inString = true
    else if (c === '{' || c === '[') depth++
    else if (c === '}' || c === ']') depth--
    if (depth === 0) {
      let end = i + 1
      const nl = text.indexOf('\n', end)
      const rest = nl < 0 ? text.slice(end) : text.slice(end, nl)
      if (rest.trim() === '') end = nl < 0 ? text.length : nl + 1
      return { head: text.slice(0, end), end }
    }
  }
  return { head: '', end: 0, error: 'JSON front matter is never closed' }
}
