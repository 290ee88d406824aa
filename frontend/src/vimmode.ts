// Vim keys in the editor (View › Vim Keys, kept as a setting), through
// @replit/codemirror-vim. The choice is read each time a post's editor
// state is made, and applied at once to the post open when it changes.
import { Compartment, Prec, type Extension } from '@codemirror/state'
import type { EditorView } from '@codemirror/view'
import { getCM, vim, Vim } from '@replit/codemirror-vim'

/** The setting's key (app/settings.go stores window settings). */
export const VIM_SETTING = 'vim-keys'

const slot = new Compartment()
let enabled = false
let exDefined = false

const keys = (on: boolean): Extension => (on ? Prec.highest(vim({ status: true })) : [])

/** vimKeys goes into each post's editor state: Vim keys when they are on. */
export function vimKeys(): Extension {
  return slot.of(keys(enabled))
}

/** vimEnabled tells whether Vim keys are on. */
export const vimEnabled = (): boolean => enabled

/** setVim turns Vim keys on or off in view (and in every post opened after). */
export function setVim(view: EditorView, on: boolean): void {
  enabled = on
  view.dispatch({ effects: slot.reconfigure(keys(on)) })
}

/** defineWrite makes :w (and :write) run save, as it does in Vim. */
export function defineWrite(save: () => void): void {
  if (exDefined) return
  exDefined = true
  Vim.defineEx('write', 'w', () => save())
}

/**
 * vimWantsEscape tells whether Esc is Vim's in view (it leaves insert or
 * visual mode there), so the window leaves it alone (Focus mode stays).
 */
export function vimWantsEscape(view: EditorView): boolean {
  if (!enabled || !view.hasFocus) return false
  const st = getCM(view)?.state.vim
  return !!st && (st.insertMode || st.visualMode)
}
