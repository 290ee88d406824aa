import { describe, expect, it } from 'vitest'
import { editorBuiltins, inKeymaps, shortcutGroups } from './shortcuts'
import { formatKey, windowShortcuts } from './keys'
import { formatShortcuts } from './editor'

describe('Help › Keyboard Shortcuts', () => {
  const groups = shortcutGroups(false)
  const rows = groups.flatMap((g) => g.rows)
  it('lists every window shortcut and every formatting key', () => {
    for (const s of [...windowShortcuts, ...formatShortcuts]) expect(rows).toContainEqual({ keys: formatKey(s.key, false), label: s.label })
  })
  it('lists Replace in All Posts and itself', () => {
    expect(rows).toContainEqual({ keys: 'Ctrl+Shift+R', label: 'Replace in all posts' })
    expect(rows).toContainEqual({ keys: 'Ctrl+/', label: 'Keyboard shortcuts' })
  })
  // A built-in missing from CodeMirror's keymaps would silently drop out of the list.
  it('names only keys the editor has', () => {
    for (const b of editorBuiltins) expect(inKeymaps(b.key), b.key).toBe(true)
    expect(inKeymaps('Mod-Shift-y')).toBe(false)
    expect(rows).toContainEqual({ keys: 'Ctrl+Shift+G', label: 'Find previous' })
  })
  it('shows Cmd on a Mac', () => {
    expect(shortcutGroups(true).flatMap((g) => g.rows)).toContainEqual({ keys: 'Cmd+Shift+R', label: 'Replace in all posts' })
  })
  it('has no key twice', () => {
    const keys = rows.map((r) => r.keys)
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([])
  })
})
