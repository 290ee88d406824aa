// The library sidebar in the window: it marks the post in the editor, opens
// the one picked, and lists again (debounced) when posts change; and the
// recent posts quick open offers first.
import { api } from '../api'
import { fail } from '../banner'
import { $ } from '../dom'
import { narrowQuery, type Layout } from '../layout'
import { Library } from '../library'
import { RecentPosts } from '../quickopen'
import type { AppState } from '../state'
import { saveSetting } from '../windowsettings'

export interface LibraryHooks {
  layout: Layout
  open: (id: number) => void
  create: () => void
  /** focusEditor gives the keyboard to the editor. */
  focusEditor: () => void
}

export interface LibraryPart {
  library: Library
  recent: RecentPosts
  /** refreshCounts reads the categories and tags in use again (and emits them as terms). */
  refreshCounts: () => Promise<void>
}

export function wireLibrary(state: AppState, hooks: LibraryHooks): LibraryPart {
  const { layout } = hooks
  const library = new Library($<HTMLElement>('library'), {
    open: (id) => {
      // In a narrow window the library floats over the editor: a post
      // picked there closes it and the keyboard goes to the post.
      if (layout.libraryShown && window.matchMedia(narrowQuery).matches) {
        layout.toggleLibrary(false)
        hooks.focusEditor()
      }
      hooks.open(id)
    },
    create: hooks.create,
    error: fail,
  })
  // Posts opened or edited lately, for quick open; kept as a window setting.
  const recent = new RecentPosts(api.getSetting('recent-posts'), (v) => saveSetting('recent-posts', v))

  const refreshCounts = async () => {
    try {
      const [categories, tags] = await library.refreshCounts()
      state.emit('terms', { categories, tags })
    } catch (e) {
      fail(e)
    }
  }
  // One reload for a burst of saves and changes.
  let timer: ReturnType<typeof setTimeout> | null = null
  const queueRefresh = () => {
    if (timer) clearTimeout(timer)
    timer = setTimeout(() => {
      void library.reload(true)
      void refreshCounts()
    }, 400)
  }

  state.on('opened', ({ post }) => {
    library.select(post?.id ?? 0)
    if (post) recent.touch(post.id)
  })
  state.on('created', (post) => {
    library.select(post.id)
    saveSetting('last-post', String(post.id))
  })
  state.on('saved', ({ id }) => {
    if (id) recent.touch(id)
    queueRefresh()
  })
  state.on('postsChanged', queueRefresh)
  return { library, recent, refreshCounts }
}
