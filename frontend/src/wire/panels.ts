// The side panels (post settings, history, media) in the window: which one
// is open, and each kept in step with the post in the editor while shown.
import { api } from '../api'
import { fail } from '../banner'
import { $ } from '../dom'
import { HistoryPanel } from '../history'
import type { Layout, Panel } from '../layout'
import { MediaPanel } from '../mediapanel'
import { SettingsPanel } from '../panel'
import type { Session } from './session'
import type { AppState } from '../state'

export interface PanelHooks {
  layout: Layout
  session: Session
  /** inLibrary says the keyboard is in the library (a closed panel leaves it there). */
  inLibrary: () => boolean
  open: (id: number) => void
  insertImage: (link: string, original: string) => void
  addImage: () => Promise<void>
}

export interface Panels {
  /** toggle opens panel, or closes it when it is the one open ('' closes any). */
  toggle(panel: Panel): void
  /** showSettings opens the post settings panel with the fields of the text now. */
  showSettings(): Promise<void>
}

export function wirePanels(state: AppState, hooks: PanelHooks): Panels {
  const { layout, session } = hooks
  const { editor, view } = session
  const shown = (p: Panel) => layout.state.panel === p

  const settings = new SettingsPanel($<HTMLElement>('settings-panel'), {
    text: () => editor.text,
    postId: () => state.post?.id ?? 0,
    replaceHead: (end, head) => view.dispatch({ changes: { from: 0, to: end, insert: head }, userEvent: 'input.frontmatter' }),
  })
  const history = new HistoryPanel($<HTMLElement>('history-panel'), {
    postId: () => state.post?.id ?? 0,
    text: () => editor.text,
    restored: async (id) => {
      session.show(await api.openPost(id))
      state.emit('postsChanged')
    },
    error: fail,
  })
  const media = new MediaPanel($<HTMLElement>('media-panel'), {
    insert: (item) => hooks.insertImage(`media/${item.name}`, item.original),
    add: () => hooks.addImage(),
    open: hooks.open,
    error: fail,
  })

  state.on('opened', ({ post }) => {
    if (!post) return
    if (shown('settings')) void settings.refresh()
    if (shown('history')) void history.refresh()
  })
  // The fields follow the text once typing pauses.
  let settingsTimer: ReturnType<typeof setTimeout> | null = null
  state.on('edited', () => {
    if (!shown('settings')) return
    if (settingsTimer) clearTimeout(settingsTimer)
    settingsTimer = setTimeout(() => void settings.refresh(), 250)
  })
  state.on('saved', () => {
    if (shown('history')) void history.refresh()
    if (shown('media')) void media.refresh()
  })
  state.on('mediaChanged', () => {
    if (shown('media')) void media.refresh()
  })
  state.on('terms', (t) => settings.completions(t.categories, t.tags))

  return {
    toggle(panel) {
      layout.set({ panel: layout.state.panel === panel ? '' : panel })
      // A closed panel gives the keyboard back to the editor, caret where it was.
      if (!layout.state.panel && !hooks.inLibrary()) view.focus()
      if (shown('settings')) void settings.refresh()
      if (shown('history')) void history.refresh()
      if (shown('media')) void media.refresh()
    },
    async showSettings() {
      if (!shown('settings')) layout.set({ panel: 'settings' })
      await settings.refresh()
    },
  }
}
