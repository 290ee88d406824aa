// The window's keyboard shortcuts (the native menus show the same ones).
// Editing shortcuts (bold, italic, link, headings, find, undo) belong to the
// editor's keymap and only reach this table when the editor is not focused.

interface KeyLike {
  key: string
  ctrlKey: boolean
  metaKey: boolean
  shiftKey: boolean
  altKey: boolean
}

const isMac = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform)

/** commandForKey maps a key press to a window command, or null. */
export function commandForKey(e: KeyLike, editorFocused: boolean, mac = isMac): string | null {
  const mod = mac ? e.metaKey : e.ctrlKey
  if (!mod || e.altKey) return null
  const k = e.key.length === 1 ? e.key.toLowerCase() : e.key
  if (e.shiftKey) {
    switch (k) {
      case 'e': return 'export'
      case 'i': return 'import'
      case 'f': return 'focus'
      case 'l': return 'toggle-library'
      case 'h': return 'history'
      case 'm': return 'media'
      case 'p': return 'publish'
      case 'o': return 'outline'
      case 'z': return editorFocused ? null : 'redo'
    }
    return null
  }
  switch (k) {
    case 'n': return 'new'
    case 's': return 'save-revision'
    case 'p': return 'quick-open'
    case '\\': return 'toggle-preview'
    case ',': return 'toggle-settings'
    case '1': return 'mode-editor'
    case '2': return 'mode-split'
    case '3': return 'mode-preview'
    case 'f': return editorFocused ? null : 'find'
    case 'h': return 'replace'
    case 'q': return 'quit'
    case 'z': return editorFocused ? null : 'undo'
  }
  return null
}
