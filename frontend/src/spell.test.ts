import { describe, expect, it } from 'vitest'
import { EditorState } from '@codemirror/state'
import { ensureSyntaxTree } from '@codemirror/language'
import { prose } from './editor'
import { noSpellRanges } from './spell'

describe('spellcheck marks', () => {
  it('leaves prose to the checker and marks code, URLs, HTML and front matter', () => {
    const doc = [
      '---',
      'title: Mispeled title',
      '---',
      'Prose with a tyop and `codde span` and <https://exampel.com> and [a link](https://exampel.org).',
      '',
      '```go',
      'fmt.Printn("x")',
      '```',
      '',
      '<div>htmll</div>',
    ].join('\n')
    const first = EditorState.create({ doc, extensions: prose() })
    ensureSyntaxTree(first, doc.length, 60_000)
    // ensureSyntaxTree parses further in the state's parse context but leaves
    // the tree syntaxTree() reads as the first, time-limited parse made it (on
    // a busy machine, the front matter alone); the next state takes the
    // whole tree.
    const state = first.update({}).state
    const texts = noSpellRanges({ state, visibleRanges: [{ from: 0, to: doc.length }] }).map(([a, b]) => doc.slice(a, b))
    expect(texts.some((t) => t.includes('Mispeled title'))).toBe(true)
    expect(texts).toContain('`codde span`')
    expect(texts.some((t) => t.includes('https://exampel.com'))).toBe(true)
    expect(texts).toContain('https://exampel.org')
    expect(texts.some((t) => t.includes('fmt.Printn'))).toBe(true)
    expect(texts.some((t) => t.includes('htmll'))).toBe(true)
    expect(texts.some((t) => t.includes('tyop') || t.includes('a link'))).toBe(false)
  })
})
