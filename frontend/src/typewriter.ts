// Typewriter scrolling in Focus mode: the line being written stays in the
// middle of the window, as in iA Writer and Typora. Focus mode is the
// class "focus" on the app element (layout.ts); a watcher follows it, so
// the editor needs no word from whoever turns Focus mode on.
import { EditorState, type Extension, type Transaction } from '@codemirror/state'
import './typewriter.css'
import { EditorView } from '@codemirror/view'

let on = false

/** centers tells whether tr, a transaction of the writer's, should bring its caret to the middle. */
export function centers(tr: Transaction, typewriter: boolean): boolean {
  if (!typewriter || (!tr.docChanged && !tr.selection)) return false
  // The writer's own typing and moving, not a post being loaded or a remote
  // change; nor a click, which would move the line from under the mouse.
  if (tr.isUserEvent('select.pointer')) return false
  return ['input', 'delete', 'select', 'move', 'undo', 'redo'].some((e) => tr.isUserEvent(e))
}

/** typewriter goes into each post's editor state. */
export function typewriter(): Extension {
  return EditorState.transactionExtender.of((tr) =>
    centers(tr, on) ? { effects: EditorView.scrollIntoView(tr.newSelection.main.head, { y: 'center' }) } : null)
}

/** followFocusMode turns typewriter scrolling on while app has the class "focus". */
export function followFocusMode(app: HTMLElement, view: EditorView): void {
  const sync = () => {
    const now = app.classList.contains('focus')
    if (now === on) return
    on = now
    // Entering Focus mode brings the caret's line to the middle at once.
    if (on) requestAnimationFrame(() => view.dispatch({ effects: EditorView.scrollIntoView(view.state.selection.main.head, { y: 'center' }) }))
  }
  new MutationObserver(sync).observe(app, { attributes: true, attributeFilter: ['class'] })
  sync()
}
