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
    const state = EditorState.create({ doc, extensions: prose() })
    ensureSyntaxTree(state, doc.length, 60_000)
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
