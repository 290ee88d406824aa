// Quick open (Ctrl+P): fuzzy search over every post's title.
import type { Summary } from './api'
import { h } from './dom'
import { fuzzyFilter } from './fuzzy'

export function quickOpen(titles: () => Promise<Summary[]>, open: (id: number) => void): void {
  if (document.querySelector('.quick-open')) return
  let items: Summary[] = []
  let shown: Summary[] = []
  let active = 0
  // A combobox over its listbox: the keyboard stays in the field, the row it is on is aria-activedescendant.
  const input = h('input', { class: 'qo-input', placeholder: 'Open a post by title…', 'aria-label': 'Post title', role: 'combobox', 'aria-expanded': 'true', 'aria-controls': 'qo-list', 'aria-autocomplete': 'list' }) as HTMLInputElement
  const list = h('ul', { class: 'qo-list', id: 'qo-list', role: 'listbox', 'aria-label': 'Posts' })
  const close = () => overlay.remove()
  const paint = () => {
    shown = fuzzyFilter(input.value, items, (s) => s.title || 'Untitled', 30)
    active = Math.min(active, Math.max(0, shown.length - 1))
    list.replaceChildren(...shown.map((s, i) =>
      h('li', { class: i === active ? 'active' : '', id: `qo-${i}`, role: 'option', 'aria-selected': String(i === active), onmousedown: (e: Event) => { e.preventDefault(); close(); open(s.id) } }, s.title || 'Untitled')))
    if (shown.length) input.setAttribute('aria-activedescendant', `qo-${active}`)
    else input.removeAttribute('aria-activedescendant')
  }
  input.addEventListener('input', () => {
    active = 0
    paint()
  })
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') close()
    else if (e.key === 'ArrowDown') active = Math.min(active + 1, shown.length - 1)
    else if (e.key === 'ArrowUp') active = Math.max(active - 1, 0)
    else if (e.key === 'Enter' && shown[active]) {
      close()
      open(shown[active].id)
      return
    } else return
    e.preventDefault()
    paint()
  })
  input.addEventListener('blur', () => setTimeout(close, 100))
  const overlay = h('div', { class: 'quick-open', role: 'dialog', 'aria-modal': 'true', 'aria-label': 'Quick open' }, input, list)
  document.body.append(overlay)
  input.focus()
  void titles().then((t) => {
    items = t
    paint()
  })
}
