// A modal choice inside the window (conflicts, recovered text, emptying).
import { h } from './dom'

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
    const overlay = h(
      'div',
      { class: 'overlay', role: 'dialog', 'aria-modal': 'true', 'aria-label': title },
      h('div', { class: 'dialog' }, h('h2', {}, title), typeof body === 'string' ? h('p', {}, body) : body, h('div', { class: 'dialog-buttons' }, ...buttons)),
    )
    document.body.append(overlay)
    document.addEventListener('keydown', onKey, true)
    ;(buttons.find((_, i) => choices[i].primary) ?? buttons[0])?.focus()
  })
}
