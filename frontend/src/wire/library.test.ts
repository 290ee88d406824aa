// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import type { ListOptions, OpenPost, Summary } from '../api'
import type { Layout } from '../layout'
import { AppState, type Terms } from '../state'

// The api module is replaced at its boundary: a library of three posts.
const fake = vi.hoisted(() => ({ lists: 0, settings: new Map<string, string>() }))
vi.mock('../api', () => {
  const summary = (id: number): Summary => ({
    id, slug: `s${id}`, title: `Post ${id}`, date: '2024-03-01T10:00:00Z', updated: '2024-03-01T10:00:00Z',
    status: 'draft', categories: [], tags: [], revision: 1, snippet: '',
  })
  return {
    api: {
      listPosts: async (opt: ListOptions) => {
        fake.lists++
        return { posts: [1, 2, 3].map(summary).slice(opt.offset ?? 0), total: 3 }
      },
      counts: async () => ({ categories: [{ name: 'notes', count: 3 }], tags: [{ name: 'go', count: 1 }] }),
      getSetting: async () => '',
      setSetting: async (k: string, v: string) => void fake.settings.set(k, v),
    },
  }
})
const { wireLibrary } = await import('./library')

const post = (id: number): OpenPost => ({ id, revision: 1, slug: `s${id}`, title: `Post ${id}`, status: 'draft', updated: '', text: '' })

function make() {
  document.body.innerHTML = '<div id="library"></div>'
  const state = new AppState()
  const hooks = { layout: { libraryShown: true } as Layout, open: vi.fn(), create: vi.fn(), focusEditor: vi.fn() }
  return { state, hooks, part: wireLibrary(state, hooks) }
}
const selected = () => [...document.querySelectorAll<HTMLElement>('.lib-item.selected')].map((r) => r.dataset.id)

beforeEach(() => {
  fake.lists = 0
  fake.settings.clear()
})
afterEach(() => vi.useRealTimers())

describe('wireLibrary', () => {
  test('Opened: the post opened is the selected row and first among the recent', async () => {
    const { state, part } = make()
    await part.library.reload()
    state.open(post(2))
    expect(selected()).toEqual(['2'])
    expect(part.recent.ids[0]).toBe(2)
    state.open(null)
    expect(selected()).toEqual([])
  })

  test('Created: a post made by typing is selected and kept as the last post', async () => {
    vi.useFakeTimers()
    const { state, part } = make()
    await part.library.reload()
    state.created(post(3))
    expect(selected()).toEqual(['3'])
    await vi.advanceTimersByTimeAsync(300)
    expect(fake.settings.get('last-post')).toBe('3')
  })

  test('Saved: a burst of saves and changes lists the posts again once, and reads the terms', async () => {
    vi.useFakeTimers()
    const { state, part } = make()
    await part.library.reload()
    const terms: Terms[] = []
    state.on('terms', (t) => terms.push(t))
    const before = fake.lists
    state.emit('saved', { id: 1 })
    state.emit('postsChanged')
    state.emit('saved', { id: 1 })
    await vi.advanceTimersByTimeAsync(500)
    expect(fake.lists - before).toBe(1)
    expect(terms).toEqual([{ categories: ['notes'], tags: ['go'] }])
  })

  test('Pick: a row clicked asks the window to open its post', async () => {
    const { part, hooks } = make()
    await part.library.reload()
    document.querySelector<HTMLElement>('.lib-item[data-id="3"]')!.click()
    expect(hooks.open).toHaveBeenCalledWith(3)
  })
})
