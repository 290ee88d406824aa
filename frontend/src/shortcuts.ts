// Help › Keyboard Shortcuts (Ctrl+/): every shortcut, read from the tables
// the keys come from (keys.ts for the window, editor.ts and CodeMirror's
// keymaps for the editor), so the list cannot drift from what the keys do.
import './shortcuts.css'
import { defaultKeymap, historyKeymap } from '@codemirror/commands'
import { searchKeymap } from '@codemirror/search'
import type { KeyBinding } from '@codemirror/view'
import { formatShortcuts } from './editor'
import { formatKey, windowShortcuts } from './keys'
import { h } from './dom'

export interface ShortcutRow {
  keys: string
  label: string
}

export interface ShortcutGroup {
  title: string
  rows: ShortcutRow[]
}

/** The editor's built-in keys worth knowing; each is listed only while its keymap has it. */
export const editorBuiltins: readonly { key: string; label: string }[] = [
  { key: 'Mod-g', label: 'Find next' },
  { key: 'Shift-Mod-g', label: 'Find previous' },
  { key: 'Mod-Alt-g', label: 'Go to line' },
  { key: 'Mod-d', label: 'Select the next occurrence' },
  { key: 'Alt-ArrowUp', label: 'Move the line up' },
  { key: 'Alt-ArrowDown', label: 'Move the line down' },
  { key: 'Shift-Alt-ArrowDown', label: 'Copy the line down' },
  { key: 'Shift-Mod-k', label: 'Delete the line' },
  { key: 'Mod-]', label: 'Indent more' },
  { key: 'Mod-[', label: 'Indent less' },
  { key: 'Mod-Alt-ArrowDown', label: 'Add a cursor below' },
]

const builtinKeymaps: readonly KeyBinding[] = [...defaultKeymap, ...historyKeymap, ...searchKeymap]

/** normal orders a key's modifiers the way the list shows them: Mod-Shift-g. */
function normal(key: string): string {
  const parts = key.split(/-(?!$)/)
  const base = parts.pop()!
  const order = ['Mod', 'Ctrl', 'Alt', 'Shift', 'Meta']
  return [...parts.sort((a, b) => order.indexOf(a) - order.indexOf(b)), base].join('-')
}

/** inKeymaps tells whether CodeMirror's keymaps bind key (a Shift- key may be a binding's shift). */
export function inKeymaps(key: string, maps: readonly KeyBinding[] = builtinKeymaps): boolean {
  const want = normal(key)
  const unshifted = normal(key.replace(/(^|-)Shift-/, '$1'))
  return maps.some((b) => b.key !== undefined && (normal(b.key) === want || (!!b.shift && normal(b.key) === unshifted && unshifted !== want)))
}

/** shortcutGroups is the list the dialog shows. */
export function shortcutGroups(mac?: boolean): ShortcutGroup[] {
  const groups: ShortcutGroup[] = []
  for (const menu of ['File', 'Edit', 'View', 'Help'] as const) {
    groups.push({ title: menu, rows: windowShortcuts.filter((s) => s.menu === menu).map((s) => ({ keys: formatKey(s.key, mac), label: s.label })) })
  }
  groups.push({
    title: 'Writing',
    rows: [
      ...formatShortcuts.map((s) => ({ keys: formatKey(s.key, mac), label: s.label })),
      ...editorBuiltins.filter((b) => inKeymaps(b.key)).map((b) => ({ keys: formatKey(normal(b.key), mac), label: b.label })),
    ],
  })
  groups.push({
    title: 'Anywhere',
    rows: [
      { keys: 'Esc', label: 'Close a dialog or panel; leave Focus mode' },
      { keys: 'Tab', label: 'Next control (in the editor it indents: press Esc first to move on)' },
      { keys: '↑ ↓ Home End', label: 'Move through the library’s posts (Tab to the list first)' },
      { keys: 'Enter', label: 'Open the library’s post, or a heading of the outline' },
      { keys: 'Delete', label: 'In the trash: delete the post forever (asks first)' },
    ],
  })
  return groups
}

/** openShortcuts shows the list; Esc or Close closes it. */
export function openShortcuts(): void {
  if (document.querySelector('.shortcuts-dialog')) return
  const close = () => {
    overlay.remove()
    document.removeEventListener('keydown', onKey, true)
  }
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault()
      close()
    }
  }
  const closeBtn = h('button', { class: 'primary', onclick: close }, 'Close')
  const tables = shortcutGroups().map((g) =>
    h('section', { class: 'sc-group' },
      h('h3', {}, g.title),
      h('table', {}, h('tbody', {}, ...g.rows.map((r) => h('tr', {}, h('th', { scope: 'row' }, h('kbd', {}, r.keys)), h('td', {}, r.label)))))))
  const overlay = h('div', { class: 'overlay', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'sc-title' },
    h('div', { class: 'dialog shortcuts-dialog' },
      h('h2', { id: 'sc-title' }, 'Keyboard Shortcuts'),
      h('div', { class: 'sc-groups', tabindex: '0' }, ...tables),
      h('div', { class: 'dialog-buttons' }, closeBtn)))
  document.body.append(overlay)
  document.addEventListener('keydown', onKey, true)
  closeBtn.focus()
}
