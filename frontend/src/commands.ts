// Markdown editing commands as pure functions of the editor state: each is a
// StateCommand (it reads state and dispatches one transaction), so it works
// the same from a shortcut, a menu and a test without a browser.
import { EditorSelection, type EditorState, type StateCommand, type Transaction } from '@codemirror/state'

/** toggleWrap wraps each selection in mark (or removes it when already wrapped). */
function toggleWrap(mark: string): StateCommand {
  return ({ state, dispatch }) => {
    const n = mark.length
    const tr = state.changeByRange((range) => {
      const before = state.sliceDoc(range.from - n, range.from)
      const after = state.sliceDoc(range.to, range.to + n)
      if (before === mark && after === mark) {
        return {
          changes: [
            { from: range.from - n, to: range.from },
            { from: range.to, to: range.to + n },
          ],
          range: EditorSelection.range(range.from - n, range.to - n),
        }
      }
      const inner = state.sliceDoc(range.from, range.to)
      if (inner.length >= 2 * n && inner.startsWith(mark) && inner.endsWith(mark)) {
        return {
          changes: { from: range.from, to: range.to, insert: inner.slice(n, inner.length - n) },
          range: EditorSelection.range(range.from, range.to - 2 * n),
        }
      }
      return {
        changes: [
          { from: range.from, insert: mark },
          { from: range.to, insert: mark },
        ],
        range: EditorSelection.range(range.from + n, range.to + n),
      }
    })
    dispatch(state.update(tr, { scrollIntoView: true, userEvent: 'input.format' }))
    return true
  }
}

export const toggleBold = toggleWrap('**')
export const toggleItalic = toggleWrap('*')
export const toggleCode = toggleWrap('`')

/**
 * insertLink turns the selection into [text](url) and selects "url" for
 * typing; a selection that looks like a URL becomes the target instead.
 */
export const insertLink: StateCommand = ({ state, dispatch }) => {
  const tr = state.changeByRange((range) => {
    const sel = state.sliceDoc(range.from, range.to)
    if (/^(https?:\/\/|mailto:)\S+$/.test(sel)) {
      const insert = `[](${sel})`
      return { changes: { from: range.from, to: range.to, insert }, range: EditorSelection.cursor(range.from + 1) }
    }
    const insert = `[${sel}](url)`
    const urlFrom = range.from + sel.length + 3
    return { changes: { from: range.from, to: range.to, insert }, range: EditorSelection.range(urlFrom, urlFrom + 3) }
  })
  dispatch(state.update(tr, { scrollIntoView: true, userEvent: 'input.format' }))
  return true
}

/** setHeading makes each selected line a heading of level (0: plain paragraph); the same level again removes it. */
export function setHeading(level: number): StateCommand {
  return ({ state, dispatch }) => {
    const changes: { from: number; to: number; insert: string }[] = []
    const seen = new Set<number>()
    for (const r of state.selection.ranges) {
      for (let pos = r.from; pos <= r.to; ) {
        const line = state.doc.lineAt(pos)
        if (!seen.has(line.number)) {
          seen.add(line.number)
          const m = /^(#{1,6})\s+/.exec(line.text)
          const current = m ? m[1].length : 0
          const prefix = level > 0 && current !== level ? '#'.repeat(level) + ' ' : ''
          changes.push({ from: line.from, to: line.from + (m ? m[0].length : 0), insert: prefix })
        }
        pos = line.to + 1
      }
    }
    dispatch(state.update({ changes, scrollIntoView: true, userEvent: 'input.format' }))
    return true
  }
}

/** apply runs a command on state and returns the new state (for tests and non-view callers). */
export function apply(state: EditorState, cmd: StateCommand): EditorState {
  let out = state
  cmd({ state, dispatch: (tr: Transaction) => (out = tr.state) })
  return out
}
