// @vitest-environment happy-dom
import { beforeEach, describe, expect, test, vi } from 'vitest'
import type { ListOptions, ListResult, Summary } from './api'

// The api module is replaced at its boundary: these are the backend's answers.
const fake = vi.hoisted(() => ({
  posts: [] as Summary[],
  trash: [] as Summary[],
  calls: [] as { what: string; opt: ListOptions }[],
}))
vi.mock('./api', () => {
  const page = (list: Summary[], opt: ListOptions): ListResult => {
    const found = opt.query ? list.filter((s) => s.title.toLowerCase().includes(opt.query!.toLowerCase())) : list
    return { posts: found.slice(opt.offset ?? 0, (opt.offset ?? 0) + (opt.limit ?? found.length)), total: found.length }
  }
  return {
    api: {
      listPosts: async (opt: ListOptions) => (fake.calls.push({ what: 'list', opt }), page(fake.posts, opt)),
      listTrash: async (opt: ListOptions) => (fake.calls.push({ what: 'trash', opt }), page(fake.trash, opt)),
      counts: async () => ({ categories: [{ name: 'go', count: 1 }, { name: 'Art', count: 2 }], tags: [] }),
      restorePost: async () => {},
      purgePost: async () => {},
      emptyTrash: async () => {},
    },
  }
})
const { Library } = await import('./library')

const summary = (id: number, title: string, more: Partial<Summary> = {}): Summary => ({
  id, slug: `s${id}`, title, date: '2024-03-0' + (id % 9 + 1) + 'T10:00:00Z', updated: '2024-03-01T10:00:00Z',
  status: 'draft', categories: [], tags: [], revision: 1, snippet: `snippet of ${title}`, ...more,
})

function make() {
  const root = document.createElement('div')
  document.body.replaceChildren(root)
  const hooks = { open: vi.fn(), create: vi.fn(), error: vi.fn() }
  return { root, hooks, lib: new Library(root, hooks) }
}
const rows = (root: HTMLElement) => [...root.querySelectorAll<HTMLElement>('.lib-item:not(.placeholder)')]
const titles = (root: HTMLElement) => rows(root).map((r) => r.querySelector('.lib-title')!.textContent)

beforeEach(() => {
  fake.posts = [summary(1, 'First light'), summary(2, ''), summary(3, 'Third time', { status: 'published', match: 'the <mark>third</mark> one' })]
  fake.trash = [summary(9, 'Gone', { trashed: '2024-03-02T10:00:00Z' })]
  fake.calls = []
})

describe('Library', () => {
  test('Rows: each post of the list result is a row with its title, status and snippet', async () => {
    const { root, lib, hooks } = make()
    await lib.reload()
    expect(titles(root)).toEqual(['First light', 'Untitled', 'Third time'])
    expect(root.querySelector('.lib-count')!.textContent).toBe('3 posts')
    const third = rows(root)[2]
    expect(third.dataset.id).toBe('3')
    expect(third.querySelector('.badge')!.textContent).toBe('published')
    // A search match is the backend's HTML, with the words marked.
    expect(third.querySelector('.lib-snippet mark')!.textContent).toBe('third')
    expect(rows(root)[0].querySelector('.lib-snippet')!.textContent).toBe('snippet of First light')
    expect(hooks.error).not.toHaveBeenCalled()
  })

  test('Select: the post in the editor is the selected row', async () => {
    const { root, lib } = make()
    await lib.reload()
    lib.select(2)
    expect(rows(root).map((r) => r.getAttribute('aria-selected'))).toEqual(['false', 'true', 'false'])
  })

  test('Click: a click on a row opens its post', async () => {
    const { root, lib, hooks } = make()
    await lib.reload()
    rows(root)[2].click()
    expect(hooks.open).toHaveBeenCalledWith(3)
  })

  test('Keys: arrows move through the list and Enter opens the post under the cursor', async () => {
    const { root, lib, hooks } = make()
    await lib.reload()
    lib.select(1)
    const list = root.querySelector<HTMLElement>('[role=listbox]')!
    list.focus()
    expect(list.getAttribute('aria-activedescendant')).toBe('lib-row-0')
    const key = (k: string) => list.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true }))
    key('ArrowDown')
    key('ArrowDown')
    key('ArrowDown') // past the end stays on the last
    expect(list.getAttribute('aria-activedescendant')).toBe('lib-row-2')
    key('Home')
    key('ArrowDown')
    key('Enter')
    expect(hooks.open).toHaveBeenCalledWith(2)
  })

  test('New: the New button asks for a new post', () => {
    const { root, hooks } = make()
    root.querySelector<HTMLButtonElement>('.lib-new')!.click()
    expect(hooks.create).toHaveBeenCalledOnce()
  })

  test('Search: typing searches, by relevance, and clearing it brings back the sort', async () => {
    const { root, lib } = make()
    await lib.reload()
    const search = root.querySelector<HTMLInputElement>('.lib-search')!
    search.value = 'third'
    search.dispatchEvent(new Event('input'))
    await vi.waitFor(() => expect(titles(root)).toEqual(['Third time']))
    expect(fake.calls.at(-1)!.opt).toMatchObject({ query: 'third', sort: '' })
    expect(root.querySelector('.lib-count')!.textContent).toBe('1 found')
    search.value = ''
    await lib.reload()
    expect(fake.calls.at(-1)!.opt).toMatchObject({ query: '', sort: 'date' })
    expect(titles(root)).toHaveLength(3)
  })

  test('Trash: the trash lists trashed posts, with Restore beside each', async () => {
    const { root, lib } = make()
    await lib.reload()
    lib.showTrash(true)
    await vi.waitFor(() => expect(titles(root)).toEqual(['Gone']))
    expect(lib.inTrash).toBe(true)
    expect(fake.calls.at(-1)!.what).toBe('trash')
    expect(root.querySelector('.lib-count')!.textContent).toBe('1 in the trash')
    expect(root.querySelector('.lib-restore')!.getAttribute('aria-label')).toBe('Restore: Gone')
  })

  test('Empty: an empty list says so', async () => {
    fake.posts = []
    const { root, lib } = make()
    await lib.reload()
    expect(root.querySelector('.lib-empty')!.textContent).toBe('No posts yet.')
  })

  test('Neighbour: the post listed after, or before the last', async () => {
    const { lib } = make()
    await lib.reload()
    expect(lib.neighbour(1)).toBe(2)
    expect(lib.neighbour(3)).toBe(2)
    expect(lib.neighbour(42)).toBeNull()
  })

  test('Counts: the filters list categories by name, whatever the case', async () => {
    const { root, lib } = make()
    const [cats] = await lib.refreshCounts()
    expect(cats).toEqual(['Art', 'go'])
    const category = root.querySelector<HTMLSelectElement>('select[aria-label=Category]')!
    expect([...category.options].map((o) => o.value)).toEqual(['', 'Art', 'go'])
  })
})
