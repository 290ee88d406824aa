// Counts for the status bar, kept as the writer types: each edit recounts
// only the words it touched, so the count is exact after every keystroke
// without reading the whole post again.
import { StateField, type Text, type Transaction } from '@codemirror/state'
import { splitHead } from './frontmatter'

export interface TextStats {
  words: number
  chars: number
  minutes: number
}

const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’_-]*/gu

/** count counts words and characters (line breaks left out). A word never spans lines. */
function count(text: string): { words: number; chars: number } {
  const words = text.match(WORD)?.length ?? 0
  let chars = 0
  for (const ch of text) if (ch !== '\n' && ch !== '\r') chars++
  return { words, chars }
}

/** withMinutes adds the reading time: 230 words a minute, at least 1. */
function withMinutes(c: { words: number; chars: number }): TextStats {
  return { ...c, minutes: Math.max(1, Math.round(c.words / 230)) }
}

/** stats counts the body's words and characters; reading time at 230 words a minute, at least 1. */
export function stats(body: string): TextStats {
  return withMinutes(count(body))
}

export function formatStats(s: TextStats): string {
  const n = (x: number) => x.toLocaleString('en')
  return `${n(s.words)} ${s.words === 1 ? 'word' : 'words'}  ·  ${n(s.chars)} chars  ·  ${s.minutes} min read`
}

/** The counts of a document's body, and where its body starts. */
interface BodyCount {
  words: number
  chars: number
  start: number
}

/** HEAD_WINDOW is how much of the top is read to find the front matter before reading it all. */
const HEAD_WINDOW = 1 << 16

const OPENER = /^\ufeff?(---|\+\+\+|\{)/

/** bodyStart is where the body of doc starts (after its front matter). */
function bodyStart(doc: Text): number {
  const first = doc.line(1).text
  // Only a text opening with a fence (or Hugo's JSON) has front matter.
  if (!OPENER.test(first)) return 0
  const top = splitHead(doc.sliceString(0, HEAD_WINDOW))
  if (top.end > 0 || doc.length <= HEAD_WINDOW) return top.end
  return splitHead(doc.toString()).end
}

function countAll(doc: Text): BodyCount {
  const start = bodyStart(doc)
  return { ...count(doc.sliceString(start)), start }
}

const BLANK = /\s/

/** blankBounded widens from–to to the blanks (or line ends) around it. */
function blankBounded(doc: Text, from: number, to: number): [number, number] {
  const first = doc.lineAt(from)
  const last = to <= first.to ? first : doc.lineAt(to)
  const head = first.text
  const tail = last === first ? head : last.text
  let s = from - first.from
  while (s > 0 && !BLANK.test(head[s - 1])) s--
  let e = to - last.from
  while (e < tail.length && !BLANK.test(tail[e])) e++
  return [first.from + s, last.from + e]
}

/** recount updates c for tr's changes, recounting the words they touched; the whole body when the front matter changed. */
function recount(c: BodyCount, tr: Transaction): BodyCount {
  const oldDoc = tr.startState.doc
  const doc = tr.newDoc
  // The front matter can change only with an edit before the body, or on
  // the first line of a text without one (or with one still unclosed).
  let headMayChange = c.start === 0 && OPENER.test(oldDoc.line(1).text)
  let lastA = 0
  tr.changes.iterChangedRanges((fromA, toA) => {
    if (fromA < c.start || (c.start === 0 && fromA <= oldDoc.line(1).to)) headMayChange = true
    lastA = Math.max(lastA, toA)
  })
  if (headMayChange) {
    const start = bodyStart(doc)
    // Typing in the front matter: the body is the same text, moved.
    if (c.start > 0 && lastA < c.start && start === tr.changes.mapPos(c.start)) return { ...c, start }
    if (c.start > 0 || start > 0) return countAll(doc)
  }
  const start = c.start
  let { words, chars } = c
  // Changed ranges widened to the blanks around them (a word never holds a
  // blank or a line break) and merged where they meet: the text between two
  // groups is unchanged and bounded by blanks in both documents, so each
  // group's words are counted whole, and only they are counted again.
  let group: { a0: number; a1: number; b0: number; b1: number } | null = null
  const flush = () => {
    if (!group) return
    const before = count(oldDoc.sliceString(group.a0, group.a1))
    const after = count(doc.sliceString(group.b0, group.b1))
    words += after.words - before.words
    chars += after.chars - before.chars
  }
  tr.changes.iterChangedRanges((fromA, toA, fromB, toB) => {
    const [a0, a1] = blankBounded(oldDoc, fromA, toA)
    const [b0, b1] = blankBounded(doc, fromB, toB)
    if (group && a0 <= group.a1) {
      group.a1 = Math.max(group.a1, a1)
      group.b1 = Math.max(group.b1, b1)
    } else {
      flush()
      group = { a0, a1, b0, b1 }
    }
  })
  flush()
  return { words, chars, start }
}

/** bodyCount holds the counts of the editor's body, kept up to date edit by edit. */
export const bodyCount = StateField.define<BodyCount>({
  create: (state) => countAll(state.doc),
  update: (c, tr) => (tr.docChanged ? recount(c, tr) : c),
})

/** bodyStats is the status bar's counts for a state that has bodyCount. */
export function bodyStats(c: BodyCount): TextStats {
  return withMinutes(c)
}
