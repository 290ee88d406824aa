import { describe, expect, it } from 'vitest'
import { commandForKey } from './keys'

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
    ['Cmd+N on a Mac', key('n', { meta: true }), true, true, 'new'],
    ['Ctrl+N on a Mac is not a shortcut', key('n', { ctrl: true }), true, true, null],
    ['Ctrl+F in the editor is the editor’s', key('f', { ctrl: true }), true, false, null],
    ['Ctrl+F elsewhere opens find', key('f', { ctrl: true }), false, false, 'find'],
    ['Ctrl+B is the editor’s', key('b', { ctrl: true }), true, false, null],
    ['Ctrl+Q quits (after what was typed)', key('q', { ctrl: true }), true, false, 'quit'],
    ['Ctrl+Z in the editor is the editor’s', key('z', { ctrl: true }), true, false, null],
    ['Ctrl+Z elsewhere undoes in the editor', key('z', { ctrl: true }), false, false, 'undo'],
    ['plain letters are text', key('n'), true, false, null],
    ['Ctrl+Alt+1 is a heading, not a mode', key('1', { ctrl: true, alt: true }), true, false, null],
  ]
  for (const [name, e, focused, mac, want] of cases) it(name, () => expect(commandForKey(e, focused, mac)).toBe(want))
})
