// What a screen reader and the keyboard need from the editor: its text area
// is named and is a Tab stop of its own (CodeMirror's contenteditable is
// one already; the explicit tabindex says so to checkers like axe, which
// otherwise count the scroller around it as a region the keyboard cannot
// reach).
import { EditorView } from '@codemirror/view'
import type { Extension } from '@codemirror/state'

export function editorA11y(): Extension {
  return EditorView.contentAttributes.of({ 'aria-label': 'Post text (Markdown)', tabindex: '0' })
}
