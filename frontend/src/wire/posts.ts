// What the writer does to posts as a whole: open one, make a new one,
// duplicate, move to the trash (with Undo) and back, and the questions a
// post can raise on the way (unsaved text found, changed elsewhere).
import { api, type OpenPost } from '../api'
import { fail, notice } from '../banner'
import { choose } from '../dialog'
import type { Library } from '../library'
import type { AppState } from '../state'
import { saveSetting } from '../windowsettings'
import type { Session } from './session'

export interface PostsHooks {
  session: Session
  library: Library
  /** showSettings opens the settings panel on the post just shown. */
  showSettings: () => Promise<void>
}

export interface Posts {
  open(id: number): Promise<void>
  create(): Promise<void>
  duplicate(): Promise<void>
  trash(): Promise<void>
  restore(id: number): Promise<void>
  /** reloadIfClean shows post id again as saved, unless it holds unsaved text or another post is open. */
  reloadIfClean(id: number): void
}

export function wirePosts(state: AppState, hooks: PostsHooks): Posts {
  const { session } = hooks
  const { saver } = session
  state.on('conflict', (c) => void resolveConflict(c, state, session))

  let switching = 0
  async function open(id: number): Promise<void> {
    if (state.post?.id === id) return
    const gen = ++switching
    try {
      await session.settle()
      const t0 = performance.now()
      // A post picked from the trash is in the trash: the library lists nothing else there.
      const trashed = hooks.library.inTrash
      const o = await api.openPost(id)
      await session.settle() // keys that came while the post was read
      if (gen !== switching) return // another post was asked for meanwhile
      session.show(o, trashed)
      performance.measure('quire:switch', { start: t0, end: performance.now() })
      saveSetting('last-post', String(id))
      if (o.recovery) void offerRecovery(o, state, session).catch(fail)
    } catch (e) {
      fail(e)
    }
  }

  /** shown puts a post just made into the editor and the library. */
  function shown(o: OpenPost): void {
    session.show(o)
    saveSetting('last-post', String(o.id))
    state.emit('postsChanged')
  }

  async function create(): Promise<void> {
    try {
      await session.settle()
      shown(await api.createPost(''))
      await hooks.showSettings()
      const title = document.getElementById('field-title') as HTMLInputElement | null
      title?.focus()
      title?.select()
    } catch (e) {
      fail(e)
    }
  }

  async function duplicate(): Promise<void> {
    if (!state.post) return
    try {
      await session.settle()
      shown(await api.duplicatePost(state.post.id))
    } catch (e) {
      fail(e)
    }
  }

  async function restore(id: number): Promise<void> {
    try {
      await api.restorePost(id)
      const library = hooks.library
      if (library.inTrash) library.showTrash(false)
      if (state.post?.id !== id) return
      session.show(await api.openPost(id))
      state.emit('postsChanged')
      session.view.focus()
    } catch (e) {
      fail(e)
    }
  }

  async function trash(): Promise<void> {
    const post = state.post
    if (!post) return
    const id = post.id
    try {
      await session.settle()
      // The post listed next to it opens, as in a mail reader.
      const neighbour = hooks.library.neighbour(id)
      await api.trashPost(id)
      const undo = async () => {
        try {
          await api.restorePost(id)
          await session.settle()
          state.post = null // so that open does not take id for the post already open
          await open(id)
          state.emit('postsChanged')
        } catch (e) {
          fail(e)
        }
      }
      notice(`“${post.title || 'Untitled'}” was moved to the trash.`, { label: 'Undo', run: () => void undo() })
      const next = neighbour ?? (await api.listPosts({ sort: 'updated', limit: 1 })).posts[0]?.id
      state.post = null
      if (next) await open(next)
      else session.showNothing()
      state.emit('postsChanged')
    } catch (e) {
      fail(e)
    }
  }

  followPurges(state, session, hooks.library, open)

  return {
    open, create, duplicate, trash, restore,
    reloadIfClean(id) {
      if (state.post?.id !== id || saver.dirty) return
      void api.openPost(id).then((o) => {
        if (state.post?.id === id && !saver.dirty) session.show(o)
      }, fail)
    },
  }
}

/** offerRecovery offers back the unsaved text found with post o. */
async function offerRecovery(o: OpenPost, state: AppState, session: Session): Promise<void> {
  const choice = await choose('Unsaved text found', `“${o.title || 'Untitled'}” has text that was typed but never saved (the app closed, or the front matter had an error). Bring it back?`, [
    { id: 'restore', label: 'Bring it back', primary: true },
    { id: 'discard', label: 'Discard it' },
  ])
  if (state.post?.id !== o.id) return
  if (choice === 'restore' && o.recovery) session.editor.replaceAll(o.recovery)
  else if (choice === 'discard') await api.discardRecovery(o.id).catch(fail)
}

/** resolveConflict asks which version goes on after a save met a revision made elsewhere. */
async function resolveConflict(c: { current: number; saved: number }, state: AppState, session: Session): Promise<void> {
  const { saver, editor } = session
  const id = state.post?.id
  if (!id) return
  const choice = await choose(
    'This post changed somewhere else',
    `While you were writing, the post was changed outside this window (it is now revision #${c.current}). Nothing was overwritten: your text is kept as revision #${c.saved}. Which version should go on?`,
    [
      { id: 'mine', label: 'Keep my version', primary: true },
      { id: 'theirs', label: 'Use the other version' },
    ],
  )
  try {
    const o = await api.openPost(id)
    if (choice === 'theirs') {
      session.show(o)
      notice(`Your version is in the history as revision #${c.saved}.`)
    } else {
      // The editor keeps the writer's text; the post's record is the one saved now.
      state.post = o
      saver.resolved(editor.text, o.revision, o.text)
    }
  } catch (e) {
    fail(e)
  }
}

// A post deleted for good from the trash is gone: the editor must not go
// on showing it (or save it back). Its neighbour in the trash opens, or
// nothing when the trash was emptied.
function followPurges(state: AppState, session: Session, library: Library, open: (id: number) => Promise<void>): void {
  library.root.addEventListener('library:purged', (e) => {
    const d = (e as CustomEvent<{ id?: number; next: number | null }>).detail
    const post = state.post
    if (!post || (d.id === undefined ? !state.trashed : d.id !== post.id)) return
    session.showNothing()
    if (d.next) void open(d.next)
  })
}
