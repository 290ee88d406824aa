import { describe, expect, it } from 'vitest'
import { EditorState } from '@codemirror/state'
import { splitHead } from './frontmatter'
import { bodyCount, bodyStats, formatStats, stats } from './stats'

describe('stats', () => {
  it('counts words and characters of the body', () => {
    expect(stats("Hello, world! It's 2017.\n")).toEqual({ words: 4, chars: 24, minutes: 1 })
    expect(stats('')).toEqual({ words: 0, chars: 0, minutes: 1 })
  })
  it('reads at 230 words a minute', () => expect(stats('word '.repeat(690)).minutes).toBe(3))
  it('formats for the status bar', () => expect(formatStats({ words: 1, chars: 1200, minutes: 1 })).toBe('1 word  ·  1,200 chars  ·  1 min read'))
})

describe('bodyCount', () => {
  const full = (state: EditorState) => {
    const text = state.doc.toString()
    const s = stats(text.slice(splitHead(text).end))
    return { words: s.words, chars: s.chars }
  }
  const counted = (state: EditorState) => {
    const c = bodyStats(state.field(bodyCount))
    return { words: c.words, chars: c.chars }
  }
  it('follows every edit as a full count would, front matter left out', () => {
    let state = EditorState.create({ doc: '---\ntitle: A\n---\n\nOne two three.\n\nFour five.\n', extensions: [bodyCount] })
    expect(counted(state)).toEqual(full(state))
    // A seeded walk of edits: typing, deleting across lines, in and out of the front matter.
    let seed = 7
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n)
    const pieces = ['a', ' ', 'word ', '\n', '\n\n', 'it’s ', '---\n', 'title: x\n', '+++', 'é ', '', '-', "'", '\t', '\u00a0', 'x-y', '7']
    for (let i = 0; i < 6000; i++) {
      const len = state.doc.length
      const from = rnd(len + 1)
      const to = Math.min(len, from + (rnd(4) === 0 ? rnd(30) : 0))
      const second = rnd(3) === 0 && to + 2 <= len ? [{ from: to + 1, to: to + 2, insert: pieces[rnd(pieces.length)] }] : []
      state = state.update({ changes: [{ from, to, insert: pieces[rnd(pieces.length)] }, ...second] }).state
      expect(counted(state), `after edit ${i}: ${JSON.stringify(state.doc.toString())}`).toEqual(full(state))
    }
  })
})
