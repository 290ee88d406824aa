// The banner at the top of the window: a backend error or a notice as a
// readable message, with a button for an action (Undo) when there is one.
// Every part reports through it, so messages look and time out alike.
import { $, h } from './dom'

/** A button offered beside a message (Undo, say). */
export interface BannerAction {
  label: string
  run: () => void
}

let timer: ReturnType<typeof setTimeout> | null = null

/** showError shows err's message (kind 'info' for a notice); null hides the banner. */
export function showError(err: Error | null, kind: 'error' | 'info' = 'error', action?: BannerAction): void {
  const banner = $<HTMLDivElement>('error')
  if (timer) clearTimeout(timer)
  banner.hidden = err === null
  banner.dataset.kind = kind
  banner.replaceChildren()
  if (!err) return
  banner.append(h('span', {}, err.message))
  if (action) {
    banner.append(h('button', { class: 'banner-action', onclick: () => { showError(null); action.run() } }, action.label))
  }
  banner.append(h('button', { class: 'banner-close', 'aria-label': 'Dismiss', onclick: () => showError(null) }, '×'))
  // A notice goes by itself; an error, or a notice offering an action, stays longer to be read.
  timer = setTimeout(() => showError(null), kind === 'info' && !action ? 5000 : 15000)
}

/** fail shows anything thrown as an error. */
export const fail = (e: unknown): void => showError(e instanceof Error ? e : new Error(String(e)))

/** notice shows a message that is not an error. */
export const notice = (message: string, action?: BannerAction): void => showError(new Error(message), 'info', action)
