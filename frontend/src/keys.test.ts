/// <reference types="vite/client" />
import { describe, expect, it } from 'vitest'
import { commandForKey, formatKey, windowShortcuts } from './keys'
import { formatShortcuts } from './editor'
// The Go source of the native menus, read as text (Vite's ?raw).
import windowGo from '../../app/window.go?raw'

const key = (k: string, mods: Partial<{ ctrl: boolean; meta: boolean; shift: boolean; alt: boolean }> = {}) => ({
  key: k, ctrlKey: !!mods.ctrl, metaKey: !!mods.meta, shiftKey: !!mods.shift, altKey: !!mods.alt,
})

describe('commandForKey', () => {
  const cases: [string, ReturnType<typeof key>, boolean, boolean, string | null][] = [
    ['Ctrl+N new', key('n', { ctrl: true }), false, false, 'new'],
    ['Ctrl+S save revision', key('s', { ctrl: true }), true, false, 'save-revision'],
    ['Ctrl+P quick open', key('p', { ctrl: true }), true, false, 'quick-open'],
    ['Ctrl+\\ toggle preview', key('\\', { ctrl: true }), true, false, 'toggle-preview'],
    ['Ctrl+Shift+E export', key('E', { ctrl: true, shift: true }), true, false, 'export'],
    ['Ctrl+Shift+M media library', key('M', { ctrl: true, shift: true }), true, false, 'media'],
    ['Ctrl+Shift+P publish', key('P', { ctrl: true, shift: true }), true, false, 'publish'],
    ['Ctrl+Shift+R replace in all posts', key('R', { ctrl: true, shift: true }), true, false, 'replace-all'],
    ['Ctrl+/ keyboard shortcuts', key('/', { ctrl: true }), true, false, 'shortcuts'],
    ['Cmd+N on a Mac', key('n', { meta: true }), true, true, 'new'],
    ['Ctrl+N on a Mac is not a shortcut', key('n', { ctrl: true }), true, true, null],
    ['Ctrl+F in the editor is the editor’s', key('f', { ctrl: true }), true, false, null],
    ['Ctrl+F elsewhere opens find', key('f', { ctrl: true }), false, false, 'find'],
    ['Ctrl+B is the editor’s', key('b', { ctrl: true }), true, false, null],
    ['Ctrl+Q quits (after what was typed)', key('q', { ctrl: true }), true, false, 'quit'],
    ['Ctrl+Z in the editor is the editor’s', key('z', { ctrl: true }), true, false, null],
    ['Ctrl+Z elsewhere undoes in the editor', key('z', { ctrl: true }), false, false, 'undo'],
    ['Ctrl+Shift+Z in the editor is the editor’s', key('Z', { ctrl: true, shift: true }), true, false, null],
    ['plain letters are text', key('n'), true, false, null],
    ['Ctrl+Alt+1 is a heading, not a mode', key('1', { ctrl: true, alt: true }), true, false, null],
  ]
  for (const [name, e, focused, mac, want] of cases) it(name, () => expect(commandForKey(e, focused, mac)).toBe(want))
})

describe('formatKey', () => {
  const cases: [string, boolean, string][] = [
    ['Mod-Shift-e', false, 'Ctrl+Shift+E'],
    ['Mod-Shift-e', true, 'Cmd+Shift+E'],
    ['Mod-\\', false, 'Ctrl+\\'],
    ['Mod-Alt-1', false, 'Ctrl+Alt+1'],
    ['Alt-ArrowUp', false, 'Alt+↑'],
    ['Mod--', false, 'Ctrl+-'],
  ]
  for (const [k, mac, want] of cases) it(`${k}${mac ? ' on a Mac' : ''}`, () => expect(formatKey(k, mac)).toBe(want))
})

// The native menus name their shortcuts in their labels (app/window.go):
// each must be the one the page handles, from this table or the editor's.
describe('the menus name the shortcuts the page handles', () => {
  const src = windowGo
  const consts = new Map([...src.matchAll(/^\s*(Menu\w+)\s*=\s*"([^"]+)"/gm)].map((m) => [m[1], m[2]]))
  const items = [...src.matchAll(/withShortcut\("([^"]+)", "([^"]+)"\), nil, (?:send\((Menu\w+)\)|func)/g)]
  it('finds the menu items', () => expect(items.length).toBeGreaterThan(20))
  const editor = new Map(formatShortcuts.map((s) => [s.label.toLowerCase(), formatKey(s.key, false)]))
  // Go's string escapes are JSON's for these labels (Ctrl+\\).
  const unquote = (s: string): string => JSON.parse(`"${s}"`)
  for (const [, goLabel, goShortcut, constName] of items) {
    const label = unquote(goLabel)
    const shortcut = unquote(goShortcut)
    it(`${label}: ${shortcut}`, () => {
      const cmd = constName ? consts.get(constName) : 'quit'
      const win = windowShortcuts.find((s) => s.command === cmd)
      if (win) expect(formatKey(win.key, false)).toBe(shortcut)
      else expect(editor.get(label.toLowerCase())).toBe(shortcut)
    })
  }
  it('every window shortcut is in a menu', () => {
    const named = new Set(items.map((m) => (m[3] ? consts.get(m[3]) : 'quit')))
    expect(windowShortcuts.filter((s) => !named.has(s.command)).map((s) => s.command)).toEqual([])
  })
})
