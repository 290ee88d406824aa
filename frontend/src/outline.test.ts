import { describe, expect, it } from 'vitest'
import { EditorState } from '@codemirror/state'
import { prose } from './editor'
import { currentIndex, headingText, headings } from './outline'

const doc = [
  '---',
  'title: "# not a heading"',
  '---',
  '# Top',
  'Intro.',
  '## Why *this* matters ##',
  '```sh',
  '# a comment, not a heading',
  '```',
  'Setext two',
  '----------',
  '### [Linked](https://example.com) `code`',
  '#not-a-heading',
].join('\n')

describe('outline', () => {
  const state = EditorState.create({ doc, extensions: prose() })
  // The time to parse is no part of what is tested: a loaded machine gets all it needs.
  const list = headings(state, 60_000)

  it('lists the headings of the Markdown only, with their levels', () => {
    expect(list.map((x) => [x.level, x.text])).toEqual([
      [1, 'Top'],
      [2, 'Why this matters'],
      [2, 'Setext two'],
      [3, 'Linked code'],
    ])
    expect(state.doc.lineAt(list[0].from).number).toBe(4)
  })

  it('marks the section holding the caret', () => {
    expect(currentIndex(list, 0)).toBe(-1)
    expect(currentIndex(list, list[0].from)).toBe(0)
    expect(currentIndex(list, state.doc.line(8).from)).toBe(1)
    expect(currentIndex(list, doc.length)).toBe(3)
  })

  it('strips heading marks', () => {
    expect(headingText('## Title ##', false)).toBe('Title')
    expect(headingText('Title\n=====', true)).toBe('Title')
  })
})
