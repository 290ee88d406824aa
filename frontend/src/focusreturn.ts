// The keyboard goes back where it was when a dialog closes: every dialog and
// quick open is an element added to the page (.overlay, .quick-open) that
// takes the focus and is removed on close, leaving the focus on nothing. One
// watcher puts it back on what had it before (the editor, whose caret is kept
// in its state), so no dialog can forget to.

const OVERLAY = '.overlay, .quick-open'

/**
 * returnFocusAfterDialogs watches for dialogs closing; fallback gives the
 * editor the keyboard when what had it before is gone.
 */
export function returnFocusAfterDialogs(fallback: () => void): void {
  let before: HTMLElement | null = null
  document.addEventListener('focusin', (e) => {
    const t = e.target as HTMLElement | null
    if (t && !t.closest(OVERLAY)) before = t
  })
  let open = false
  new MutationObserver(() => {
    const now = document.querySelector(OVERLAY) !== null
    if (open && !now) {
      const a = document.activeElement
      const lost = !a || a === document.body || !a.isConnected
      if (lost) {
        // The editor through fallback: focusing its DOM would not put its caret back.
        if (before?.isConnected && !before.closest('.cm-editor')) before.focus()
        else fallback()
      }
    }
    open = now
  }).observe(document.body, { childList: true })
}
