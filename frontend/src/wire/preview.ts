// The preview beside the editor: renders of the text as it changes, the
// problems list under it, and remote content (images and media from other
// hosts), which loads only in posts the writer allowed it for; the choice is
// a window setting per post.
import { api, type RenderedPreview } from '../api'
import { fail, showError } from '../banner'
import { $ } from '../dom'
import { Preview } from '../preview'
import { ProblemsList } from '../problems'
import { RenderScheduler } from '../schedule'
import type { AppState } from '../state'
import { followThemeInFrame } from '../theme'

/** wirePreview makes the preview follow the editor; goToLine takes the editor to a problem's line. */
export async function wirePreview(state: AppState, goToLine: (line: number) => void): Promise<Preview> {
  const frame = $<HTMLIFrameElement>('preview')
  const preview = new Preview(frame, await api.themeCSS().catch(() => ''))
  preview.linksTo(api.openExternal)
  followThemeInFrame(frame)

  const remoteKey = (id: number) => `remote-content:${id}`
  const remoteAllowed = new Map<number, boolean>()
  let remoteFor: number | null = null
  /** remember keeps the writer's Load for post id. */
  const remember = (id: number) => {
    remoteAllowed.set(id, true)
    api.setSetting(remoteKey(id), 'allow').catch(fail)
  }
  /** allowFor sets the preview's policy for the post now in the editor. */
  const allowFor = (id: number | null) => {
    remoteFor = id
    // Blocked until the setting says otherwise: a render may come first.
    preview.newPost(id !== null && remoteAllowed.get(id) === true)
    if (id === null || remoteAllowed.has(id)) return
    api.getSetting(remoteKey(id)).then((v) => {
      remoteAllowed.set(id, v === 'allow')
      if (remoteFor === id) preview.setRemoteAllowed(v === 'allow')
    }, fail)
  }
  preview.onAllowRemote(() => {
    preview.setRemoteAllowed(true)
    // In the blank editor it is kept once typing makes the post.
    if (remoteFor !== null) remember(remoteFor)
  })

  // What will not render as meant, under the preview; a click takes the
  // editor to its line.
  const problems = new ProblemsList($<HTMLElement>('preview-problems'), goToLine)
  const scheduler = new RenderScheduler<RenderedPreview>(
    (text) => api.renderPreview(text),
    (res) => {
      void preview.show({ title: res.title, html: res.html, meta: res.meta })
      problems.show(res.problems)
      state.emit('title', res.title)
      state.emit('readingMinutes', res.readingMinutes)
    },
    (err) => showError(err),
  )

  state.on('opened', ({ post }) => {
    allowFor(post?.id ?? null)
    scheduler.update(post?.text ?? '')
  })
  state.on('created', (post) => {
    if (remoteFor === null && preview.remoteAllowed()) remember(post.id)
    remoteFor = post.id
  })
  state.on('edited', (text) => scheduler.update(text))
  return preview
}
