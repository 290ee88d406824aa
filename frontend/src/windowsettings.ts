// Window settings (layout, last post, recent posts, theme, Vim keys) kept in
// the database. Written a moment after they change, so a drag or a burst of
// toggles makes one write.
import { api } from './api'
import { fail } from './banner'

const timers = new Map<string, ReturnType<typeof setTimeout>>()

/** saveSetting stores a window setting in the database, a moment later (drags and bursts coalesce). */
export function saveSetting(key: string, value: string): void {
  const t = timers.get(key)
  if (t) clearTimeout(t)
  timers.set(key, setTimeout(() => void api.setSetting(key, value).catch(fail), 200))
}
