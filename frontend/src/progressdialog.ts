// A modal progress bar with Cancel, for long work started from a menu (import).
import { h } from './dom'

export interface ProgressDialog {
  update(done: number, total: number): void
  close(): void
}

/** showProgress opens the dialog; onCancel runs when Cancel is pressed. */
export function showProgress(title: string, detail: string, onCancel: () => void): ProgressDialog {
  const bar = h('progress', { max: '1', value: '0' })
  const counts = h('span', { class: 'export-counts' }, 'Starting…')
  const cancel = h('button', { type: 'button', 'data-choice': 'cancel' }, 'Cancel')
  cancel.addEventListener('click', () => {
    cancel.disabled = true
    cancel.textContent = 'Cancelling…'
    onCancel()
  })
  const overlay = h(
    'div',
    { class: 'overlay', role: 'dialog', 'aria-modal': 'true', 'aria-label': title },
    h('div', { class: 'dialog progress-dialog' }, h('h2', {}, title), h('p', {}, detail),
      h('div', { class: 'export-progress' }, bar, counts), h('div', { class: 'dialog-buttons' }, cancel)),
  )
  document.body.append(overlay)
  cancel.focus()
  return {
    update(done, total) {
      bar.max = Math.max(1, total)
      bar.value = done
      counts.textContent = `${done} of ${total} files`
    },
    close: () => overlay.remove(),
  }
}
