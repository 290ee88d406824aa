// @vitest-environment happy-dom
import { beforeEach, describe, expect, test, vi } from 'vitest'
import type { Revision } from './api'

// The api module is replaced at its boundary: a post with three revisions.
const fake = vi.hoisted(() => ({
  revisions: [] as Revision[],
  texts: new Map<number, string>(),
  restored: [] as number[],
}))
vi.mock('./api', () => ({
  api: {
    revisions: async () => fake.revisions,
    revisionText: async (_id: number, rev: number) => fake.texts.get(rev) ?? '',
    restoreRevision: async (_id: number, rev: number) => void fake.restored.push(rev),
  },
}))
const { HistoryPanel } = await import('./history')

const rev = (n: number, kind: string, current = false): Revision => ({
  postId: 4, rev: n, kind, created: `2024-03-0${n}T10:00:00Z`, title: 'Post', size: 1536 * n, current,
})
const now = 'one\ntwo\nthree\n'

function make(postId = 4) {
  const root = document.createElement('div')
  document.body.replaceChildren(root)
  const host = { postId: () => postId, text: () => now, restored: vi.fn(async () => {}), error: vi.fn() }
  return { root, host, panel: new HistoryPanel(root, host) }
}
const items = (root: HTMLElement) => [...root.querySelectorAll<HTMLElement>('.rev')]

beforeEach(() => {
  fake.revisions = [rev(3, 'save', true), rev(2, 'autosave'), rev(1, 'create')]
  fake.texts = new Map([[3, now], [2, 'one\n2\nthree\n'], [1, '']])
  fake.restored = []
})

describe('HistoryPanel', () => {
  test('List: each revision with what made it, its size and number', async () => {
    const { root, panel } = make()
    await panel.refresh()
    expect(items(root).map((li) => li.querySelector('.rev-kind')!.textContent)).toEqual(['Saved revision (current)', 'Autosaved', 'Created'])
    expect(items(root)[1].querySelector('.rev-meta')!.textContent).toMatch(/3\.0 KB · #2$/)
    expect(items(root)[0].classList.contains('current')).toBe(true)
  })

  test('NoPost: a blank editor has no history yet', async () => {
    const { root, panel } = make(0)
    await panel.refresh()
    expect(root.querySelector('.rev-list')!.textContent).toBe('Nothing saved yet.')
  })

  test('Diff: an older revision shows its lines against the text now', async () => {
    const { root, panel } = make()
    await panel.refresh()
    items(root)[1].querySelector<HTMLButtonElement>('.rev-open')!.click()
    await vi.waitFor(() => expect(root.querySelector('.rev-lines .ddel')).not.toBeNull())
    expect(items(root)[1].classList.contains('shown')).toBe(true)
    expect([...root.querySelectorAll('.rev-lines > div')].map((d) => d.textContent)).toContain('- 2')
    expect(root.querySelector('.rev-lines .dadd')!.textContent).toBe('+ two')
    expect(root.querySelector('.rev-diff-head span')!.textContent).toBe('Revision #2 (−) against the text now (+)')
  })

  test('Same: the current revision says it is the text now, with no Restore', async () => {
    const { root, panel } = make()
    await panel.refresh()
    items(root)[0].querySelector<HTMLButtonElement>('.rev-open')!.click()
    await vi.waitFor(() => expect(root.querySelector('.rev-diff-head')).not.toBeNull())
    expect(root.querySelector('.rev-diff-head span')!.textContent).toBe('Same as the text now')
    expect(root.querySelector('.rev-restore')).toBeNull()
  })

  test('Restore: restoring a revision tells the window, which opens the post again', async () => {
    const { root, panel, host } = make()
    await panel.refresh()
    items(root)[2].querySelector<HTMLButtonElement>('.rev-open')!.click()
    await vi.waitFor(() => expect(root.querySelector('.rev-restore')).not.toBeNull())
    root.querySelector<HTMLButtonElement>('.rev-restore')!.click()
    await vi.waitFor(() => expect(host.restored).toHaveBeenCalledWith(4))
    expect(fake.restored).toEqual([1])
    expect(host.error).not.toHaveBeenCalled()
  })
})
