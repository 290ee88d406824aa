// Quick open (Ctrl+P): fuzzy search over every post's title.
import type { Summary } from './api'
import { h } from './dom'
import { fuzzyFilter } from './fuzzy'

/**
 * byRecency orders posts for quick open: those opened or edited in Quire
 * lately first (recent holds ids, the latest first), then the others by
 * title. Not by their stored edit time: an import stamps every post it
 * brings in one after the other, which listed a whole blog Z to A.
 */
export function byRecency(items: Summary[], recent: readonly number[]): Summary[] {
  const rank = new Map(recent.map((id, i) => [id, i]))
  return [...items].sort((a, b) =>
    (rank.get(a.id) ?? Infinity) - (rank.get(b.id) ?? Infinity) ||
    (a.title || 'Untitled').localeCompare(b.title || 'Untitled', undefined, { sensitivity: 'base' }))
}

/** RECENT_MAX bounds the recent posts kept. */
const RECENT_MAX = 100

/**
 * RecentPosts are the posts opened or edited lately, the latest first, kept
 * (as JSON) by save. The list saved before comes from saved; posts opened
 * before it has been read stay first.
 */
export class RecentPosts {
  ids: number[] = []

  constructor(saved: Promise<string>, private readonly save: (json: string) => void) {
    void saved.then((v) => {
      let old: unknown
      try {
        old = JSON.parse(v || '[]')
      } catch {
        return // an unreadable list starts afresh
      }
      if (!Array.isArray(old)) return
      const opened = this.ids.length > 0
      this.ids = [...this.ids, ...old.filter((x) => Number.isInteger(x) && !this.ids.includes(x))].slice(0, RECENT_MAX)
      if (opened) this.save(JSON.stringify(this.ids))
    }, () => {})
  }

  /** touch puts post id first. */
  touch(id: number): void {
    if (this.ids[0] === id) return
    this.ids = [id, ...this.ids.filter((x) => x !== id)].slice(0, RECENT_MAX)
    this.save(JSON.stringify(this.ids))
  }
}

/**
 * quickOpen shows the quick-open box: with no query the posts opened lately
 * come first; a query ranks matches by score, then by the same recency
 * (fuzzyFilter keeps the order of equal scores).
 */
export function quickOpen(titles: () => Promise<Summary[]>, open: (id: number) => void, recent: () => readonly number[] = () => []): void {
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
    items = byRecency(t, recent())
    paint()
  })
}
