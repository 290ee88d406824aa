import { describe, expect, it } from 'vitest'
import type { Summary } from './api'
import { fuzzyFilter } from './fuzzy'
import { byRecency, RecentPosts } from './quickopen'

const post = (id: number, title: string): Summary =>
  ({ id, title, slug: '', date: '', updated: '2025-01-01T00:00:00Z', status: 'draft', categories: [], tags: [], revision: 1, snippet: '' })

describe('quick open order', () => {
  // Imported together, in the order of their file names: newest edit time last.
  const posts = [post(3, 'Zulu'), post(2, 'Mike'), post(1, 'Alpha')]
  it('lists posts opened lately first, the latest first, then the rest A to Z', () => {
    expect(byRecency(posts, [2]).map((s) => s.title)).toEqual(['Mike', 'Alpha', 'Zulu'])
    expect(byRecency(posts, [3, 1]).map((s) => s.title)).toEqual(['Zulu', 'Alpha', 'Mike'])
  })
  it('ranks matches by score, then by recency', () => {
    const items = byRecency([post(1, 'Go notes'), post(2, 'Go notes'), post(3, 'Gopher')], [2])
    expect(fuzzyFilter('go notes', items, (s) => s.title).map((s) => s.id)).toEqual([2, 1])
  })
})

describe('RecentPosts', () => {
  it('keeps the latest first and merges the list saved before, posts opened meanwhile first', async () => {
    const saved: string[] = []
    const r = new RecentPosts(Promise.resolve('[4, 2, 9]'), (v) => saved.push(v))
    r.touch(2)
    await Promise.resolve()
    await Promise.resolve()
    expect(r.ids).toEqual([2, 4, 9])
    expect(saved.at(-1)).toBe('[2,4,9]')
    r.touch(9)
    expect(r.ids).toEqual([9, 2, 4])
  })
})
