import { describe, expect, it } from 'vitest'
import { EditorSelection, EditorState } from '@codemirror/state'
import { apply, insertLink, setHeading, toggleBold, toggleItalic } from './commands'

// state makes a state from text where [ and ] mark the selection (| a cursor).
function state(marked: string): EditorState {
  const cursor = marked.indexOf('|')
  if (cursor >= 0) return EditorState.create({ doc: marked.replace('|', ''), selection: EditorSelection.cursor(cursor) })
  const from = marked.indexOf('[')
  const to = marked.indexOf(']') - 1
  return EditorState.create({ doc: marked.replace('[', '').replace(']', ''), selection: EditorSelection.range(from, to) })
}
const show = (s: EditorState) => {
  const { from, to } = s.selection.main
  const d = s.doc.toString()
  return from === to ? d.slice(0, from) + '|' + d.slice(from) : d.slice(0, from) + '[' + d.slice(from, to) + ']' + d.slice(to)
}

describe('toggleBold and toggleItalic', () => {
  const cases: [string, typeof toggleBold, string, string][] = [
    ['bold wraps the selection', toggleBold, 'say [hello] now', 'say **[hello]** now'],
    ['bold unwraps when the marks surround the selection', toggleBold, 'say **[hello]** now', 'say [hello] now'],
    ['bold unwraps a selection that includes the marks', toggleBold, 'say [**hello**] now', 'say [hello] now'],
    ['bold at a cursor leaves it between the marks', toggleBold, 'a |b', 'a **|**b'],
    ['italic wraps', toggleItalic, '[word]', '*[word]*'],
    ['italic unwraps', toggleItalic, '*[word]*', '[word]'],
  ]
  for (const [name, cmd, input, want] of cases) it(name, () => expect(show(apply(state(input), cmd))).toBe(want))

  it('wraps every selection', () => {
    const s = EditorState.create({
      doc: 'one two',
      extensions: EditorState.allowMultipleSelections.of(true),
      selection: EditorSelection.create([EditorSelection.range(0, 3), EditorSelection.range(4, 7)]),
    })
    expect(apply(s, toggleBold).doc.toString()).toBe('**one** **two**')
  })

  it('is one undoable change', () => {
    const s = apply(state('[x]'), toggleBold)
    expect(s.doc.toString()).toBe('**x**')
  })
})

describe('insertLink', () => {
  it('makes the selection the link text and selects the url', () => {
    expect(show(apply(state('see [the docs] here'), insertLink))).toBe('see [the docs]([url]) here'.replace('[the docs]([url])', '[the docs]([url])'))
    const s = apply(state('see [the docs] here'), insertLink)
    expect(s.doc.toString()).toBe('see [the docs](url) here')
    expect(s.sliceDoc(s.selection.main.from, s.selection.main.to)).toBe('url')
  })
  it('makes a selected URL the target and puts the cursor in the text', () => {
    const s = apply(state('[https://example.com]'), insertLink)
    expect(s.doc.toString()).toBe('[](https://example.com)')
    expect(s.selection.main.head).toBe(1)
  })
})

describe('setHeading', () => {
  const cases: [string, number, string, string][] = [
    ['makes a heading', 2, 'Title|', '## Title'],
    ['changes the level', 3, '# Title|', '### Title'],
    ['the same level again removes it', 2, '## Title|', 'Title'],
    ['0 makes a paragraph', 0, '#### Title|', 'Title'],
    ['every selected line', 1, '[a\nb]', '# a\n# b'],
  ]
  for (const [name, level, input, want] of cases) it(name, () => expect(apply(state(input), setHeading(level)).doc.toString()).toBe(want))
})
