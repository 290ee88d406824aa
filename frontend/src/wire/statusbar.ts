// The status bar and the toolbar's title and save state: what they say
// follows the shared state's events (counts, caret, the rendered title) and
// the saver's state.
import { api } from '../api'
import { $ } from '../dom'
import { describeState, type SaveState } from '../saver'
import type { AppState } from '../state'

export interface StatusBar {
  /** saveState shows the saver's state beside the title. */
  saveState: (s: SaveState) => void
  /** busy says what the window is doing in the save state's place; null gives it back. */
  busy: (what: string | null) => void
}

export function wireStatusBar(state: AppState): StatusBar {
  const bar = $<HTMLElement>('statusbar')
  const saveEl = $<HTMLElement>('status')
  const docTitle = $<HTMLElement>('doc-title')
  let last: SaveState | null = null

  const paint = () => (bar.textContent = [state.counts, state.cursor].filter(Boolean).join('  ·  '))
  /** showTitle shows the post's title in the toolbar and the window's title bar. */
  const showTitle = (title: string) => {
    docTitle.textContent = title
    api.setWindowTitle(state.post ? `${title || 'Untitled'} — Quire` : 'Quire')
  }
  state.on('status', paint)
  state.on('title', showTitle)
  state.on('opened', ({ post }) => showTitle(post?.title ?? ''))
  paint()

  return {
    saveState: (s) => {
      last = s
      saveEl.textContent = describeState(s)
      saveEl.dataset.state = s.kind
      saveEl.title = s.kind === 'error' || s.kind === 'conflict' ? s.message : ''
    },
    busy: (what) => {
      saveEl.textContent = what ?? (last ? describeState(last) : '')
    },
  }
}
