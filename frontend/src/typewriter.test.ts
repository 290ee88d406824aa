import { describe, expect, it } from 'vitest'
import { EditorState, Transaction } from '@codemirror/state'
import { centers } from './typewriter'

describe('typewriter scrolling', () => {
  const state = EditorState.create({ doc: 'one\ntwo\nthree' })
  const typed = state.update({ changes: { from: 0, insert: 'x' }, userEvent: 'input.type' })
  const moved = state.update({ selection: { anchor: 5 }, userEvent: 'select' })
  const clicked = state.update({ selection: { anchor: 5 }, userEvent: 'select.pointer' })
  const loaded = state.update({ changes: { from: 0, to: state.doc.length, insert: 'other' } })
  const deleted = state.update({ changes: { from: 0, to: 1 }, annotations: Transaction.userEvent.of('delete.backward') })
  const cases: [string, Transaction, boolean, boolean][] = [
    ['typing centers the line in Focus mode', typed, true, true],
    ['deleting centers it too', deleted, true, true],
    ['moving the caret with keys centers it', moved, true, true],
    ['a click does not move the line from under the mouse', clicked, true, false],
    ['a change that is not the writer’s does not', loaded, true, false],
    ['outside Focus mode nothing is centered', typed, false, false],
  ]
  for (const [name, tr, on, want] of cases) it(name, () => expect(centers(tr, on)).toBe(want))
})
