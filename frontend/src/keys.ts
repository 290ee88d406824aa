// The window's keyboard shortcuts: one table, which the key handler, the
// Help › Keyboard Shortcuts dialog and a test against the native menus'
// labels (app/window.go) all read, so none of them can drift. Editing
// shortcuts (bold, italic, link, headings) belong to the editor's keymap
// (editor.ts formatShortcuts); the ones marked editorOwns here are the
// editor's own while it has the focus and reach this table only when it
// does not.

interface KeyLike {
  key: string
  ctrlKey: boolean
  metaKey: boolean
  shiftKey: boolean
  altKey: boolean
}

export type Menu = 'File' | 'Edit' | 'View' | 'Help'

export interface Shortcut {
  /** The key in CodeMirror's notation: Mod is Ctrl, or Cmd on a Mac. */
  key: string
  /** The window command it runs (main.ts run, app/window.go Menu*). */
  command: string
  label: string
  menu: Menu
  /** The editor's keymap does the same while the editor has the focus. */
  editorOwns?: boolean
}

export const windowShortcuts: readonly Shortcut[] = [
  { key: 'Mod-n', command: 'new', label: 'New post', menu: 'File' },
  { key: 'Mod-p', command: 'quick-open', label: 'Open a post by its title', menu: 'File' },
  { key: 'Mod-s', command: 'save-revision', label: 'Save a revision', menu: 'File' },
  { key: 'Mod-Shift-h', command: 'history', label: 'History', menu: 'File' },
  { key: 'Mod-Shift-i', command: 'import', label: 'Import a folder', menu: 'File' },
  { key: 'Mod-Shift-e', command: 'export', label: 'Export the site', menu: 'File' },
  { key: 'Mod-Shift-p', command: 'publish', label: 'Publish', menu: 'File' },
  { key: 'Mod-q', command: 'quit', label: 'Quit', menu: 'File' },
  { key: 'Mod-z', command: 'undo', label: 'Undo', menu: 'Edit', editorOwns: true },
  { key: 'Mod-Shift-z', command: 'redo', label: 'Redo', menu: 'Edit', editorOwns: true },
  { key: 'Mod-f', command: 'find', label: 'Find in the post', menu: 'Edit', editorOwns: true },
  { key: 'Mod-h', command: 'replace', label: 'Replace in the post', menu: 'Edit' },
  { key: 'Mod-Shift-r', command: 'replace-all', label: 'Replace in all posts', menu: 'Edit' },
  { key: 'Mod-\\', command: 'toggle-preview', label: 'Show or hide the preview', menu: 'View' },
  { key: 'Mod-Shift-l', command: 'toggle-library', label: 'Show or hide the library', menu: 'View' },
  { key: 'Mod-,', command: 'toggle-settings', label: 'Post settings', menu: 'View' },
  { key: 'Mod-Shift-m', command: 'media', label: 'Media library', menu: 'View' },
  { key: 'Mod-Shift-o', command: 'outline', label: 'Outline', menu: 'View' },
  { key: 'Mod-1', command: 'mode-editor', label: 'Editor only', menu: 'View' },
  { key: 'Mod-2', command: 'mode-split', label: 'Editor and preview', menu: 'View' },
  { key: 'Mod-3', command: 'mode-preview', label: 'Preview only', menu: 'View' },
  { key: 'Mod-Shift-t', command: 'theme-next', label: 'Theme: System, Light, Dark in turn', menu: 'View' },
  { key: 'Mod-Shift-f', command: 'focus', label: 'Focus mode (Esc leaves it)', menu: 'View' },
  { key: 'Mod-/', command: 'shortcuts', label: 'Keyboard shortcuts', menu: 'Help' },
]

const byKey = new Map(windowShortcuts.map((s) => [s.key, s]))

const isMac = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform)

/** commandForKey maps a key press to a window command, or null. */
export function commandForKey(e: KeyLike, editorFocused: boolean, mac = isMac): string | null {
  const mod = mac ? e.metaKey : e.ctrlKey
  if (!mod || e.altKey) return null
  const k = e.key.length === 1 ? e.key.toLowerCase() : e.key
  const s = byKey.get(`Mod-${e.shiftKey ? 'Shift-' : ''}${k}`)
  if (!s || (s.editorOwns && editorFocused)) return null
  return s.command
}

/** formatKey writes a key in CodeMirror's notation as a person reads it: Mod-Shift-e is Ctrl+Shift+E. */
export function formatKey(key: string, mac = isMac): string {
  // The last part is the key itself, which may be '-'.
  const m = /^((?:(?:Mod|Ctrl|Shift|Alt|Meta|Cmd)-)*)(.+)$/.exec(key)
  if (!m) return key
  const mods = m[1].split('-').filter(Boolean).map((p) => {
    if (p === 'Mod') return mac ? 'Cmd' : 'Ctrl'
    if (p === 'Meta') return 'Cmd'
    return p
  })
  const named: Record<string, string> = { ArrowUp: '↑', ArrowDown: '↓', ArrowLeft: '←', ArrowRight: '→', Escape: 'Esc' }
  const k = m[2].length === 1 ? m[2].toUpperCase() : (named[m[2]] ?? m[2])
  return [...mods, k].join('+')
}
