// A modal choice inside the window (conflicts, recovered text, emptying).
import { h } from './dom'

let dialogs = 0
/** ids names a new dialog's title and body, for aria-labelledby and aria-describedby. */
function ids(): [string, string] {
  dialogs++
  return [`dialog-title-${dialogs}`, `dialog-body-${dialogs}`]
}

export interface Choice {
  id: string
  label: string
  primary?: boolean
}

/** choose shows a dialog and resolves with the id of the button pressed ('' for Escape). */
export function choose(title: string, body: string | Node, choices: Choice[]): Promise<string> {
  return new Promise((resolve) => {
    const close = (id: string) => {
      overlay.remove()
      document.removeEventListener('keydown', onKey, true)
      resolve(id)
    }
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault()
        close('')
      }
    }
    const buttons = choices.map((c) =>
      h('button', { class: c.primary ? 'primary' : '', 'data-choice': c.id, onclick: () => close(c.id) }, c.label),
    )
    const [titleId, bodyId] = ids()
    const overlay = h(
      'div',
      { class: 'overlay', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': titleId, 'aria-describedby': bodyId },
      h('div', { class: 'dialog' },
        h('h2', { id: titleId }, title),
        h('div', { id: bodyId }, typeof body === 'string' ? h('p', {}, body) : body),
        h('div', { class: 'dialog-buttons' }, ...buttons)),
    )
    document.body.append(overlay)
    document.addEventListener('keydown', onKey, true)
    ;(buttons.find((_, i) => choices[i].primary) ?? buttons[0])?.focus()
  })
}

/**
 * ask shows a dialog with one text field and resolves with what was typed
 * when OK (or Enter) is pressed, null for Cancel or Escape.
 */
export function ask(title: string, label: string, value = '', body: Node | null = null, ok = 'OK'): Promise<string | null> {
  return new Promise((resolve) => {
    const input = h('input', { type: 'text', id: 'ask-input', value, 'aria-label': label, autocomplete: 'off' }) as HTMLInputElement
    const before = document.activeElement as HTMLElement | null
    const close = (v: string | null) => {
      overlay.remove()
      before?.focus?.() // back where the writer was (the editor)
      document.removeEventListener('keydown', onKey, true)
      resolve(v)
    }
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault()
        close(null)
      } else if (e.key === 'Enter' && document.activeElement === input) {
        e.preventDefault()
        close(input.value)
      }
    }
    const [titleId] = ids()
    const overlay = h(
      'div',
      { class: 'overlay', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': titleId },
      h('div', { class: 'dialog' },
        h('h2', { id: titleId }, title),
        body,
        h('label', { class: 'ask-label', for: 'ask-input' }, label),
        input,
        h('div', { class: 'dialog-buttons' },
          h('button', { 'data-choice': 'cancel', onclick: () => close(null) }, 'Cancel'),
          h('button', { class: 'primary', 'data-choice': 'ok', onclick: () => close(input.value) }, ok))),
    )
    document.body.append(overlay)
    document.addEventListener('keydown', onKey, true)
    input.focus()
    input.select()
  })
}
