// The window around the parts: where the keyboard goes after clicks and
// dialogs, saving when the window loses focus or is closed, and files
// dropped where they must not open.
import type { EditorView } from '@codemirror/view'
import { api } from '../api'
import { returnFocusAfterDialogs } from '../focusreturn'
import type { AutoSaver } from '../saver'
import { keysQuiet } from './session'

export function wireWindow(view: EditorView, saver: AutoSaver): void {
  // A click on a post or a toolbar button leaves the keyboard in the editor,
  // so keys still arriving land in the post they were typed for (and typing
  // goes on in the post just opened).
  document.addEventListener('mousedown', (e) => {
    if (view.hasFocus && (e.target as HTMLElement).closest?.('.lib-item, .lib-new, [data-command], [data-mode-button]')) e.preventDefault()
  }, true)
  returnFocusAfterDialogs(() => view.focus())

  // Keys typed just before the window is closed from outside the page (its
  // close button, Alt+F4) can still be on their way to it: WebKit hands typed
  // keys to the page one at a time, slowly on a busy machine. A close waits
  // until typing anywhere in the window has been quiet for a moment, so that
  // it saves every key typed before it. (The menus register no accelerators
  // for this reason: see app/window.go's appMenu.)
  let lastKey = 0
  window.addEventListener('keydown', () => (lastKey = performance.now()), true)
  // app/window.go's closeGrace stays longer than this wait's cap plus a save.
  api.onCloseRequested(async () => {
    try {
      await keysQuiet(() => lastKey, 600, 6000)
      await saver.flush()
    } finally {
      await api.quit()
    }
  })
  window.addEventListener('blur', () => void saver.flush())
  // A file dropped anywhere but the editor must not open in the window (the
  // web view would navigate away from the app to show it).
  for (const type of ['dragover', 'drop']) {
    window.addEventListener(type, (e) => {
      const dt = (e as DragEvent).dataTransfer
      if (dt && Array.from(dt.types).includes('Files')) e.preventDefault()
    })
  }
}
