import { describe, expect, it } from 'vitest'
import { planSummary, resultMessage, splitAtMatch, unticked } from './replaceall'
import type { ReplacePlan } from './api/replace'

describe('splitAtMatch', () => {
  const cases: [string, string, number, string, [string, string, string]][] = [
    ['OK', 'I like Go a lot', 8, 'Go', ['I like ', 'Go', ' a lot']],
    ['at the start', 'Go now', 1, 'Go', ['', 'Go', ' now']],
    ['columns count characters, not UTF-16 units', '😀 and Go', 7, 'Go', ['😀 and ', 'Go', '']],
    ['a match across lines', 'one\ntwo', 3, 'e\nt', ['on', 'e\nt', 'wo']],
    ['a column that does not fit shows the line as it is', 'abc', 2, 'x', ['abc', '', '']],
  ]
  for (const [name, line, col, text, want] of cases) it(name, () => expect(splitAtMatch(line, col, text)).toEqual(want))
})

const plan: ReplacePlan = {
  token: 1,
  total: 3,
  posts: [
    { id: 1, slug: 'a', title: 'A', revision: 2, matches: [0, 1].map((index) => ({ postId: 1, index, line: 5 + index, column: 1, text: 'x', before: 'x', after: 'y' })) },
    { id: 2, slug: 'b', title: 'B', revision: 3, matches: [{ postId: 2, index: 0, line: 4, column: 1, text: 'x', before: 'x', after: 'y' }] },
  ],
}

describe('the dialog’s words', () => {
  it('summarizes a search', () => {
    expect(planSummary(plan)).toBe('3 matches in 2 posts')
    expect(planSummary({ token: 2, total: 0, posts: [] })).toBe('No matches.')
  })
  it('lists the unticked matches', () => {
    expect(unticked(plan, new Set(['1:1', '9:9']))).toEqual([{ postId: 1, index: 1 }])
  })
  it('says what a replace did and what it skipped', () => {
    expect(resultMessage({ changed: [{ id: 1, slug: 'a', title: 'A', revision: 3, replaced: 1, lines: [] }], skipped: [], replaced: 1 }))
      .toBe('Replaced 1 match in 1 post. History (Ctrl+Shift+H) undoes each post.')
    expect(resultMessage({ changed: [], skipped: [{ id: 2, slug: 'b', reason: 'it changed since the search' }], replaced: 0 }))
      .toBe('Replaced 0 matches in 0 posts. Not changed: b (it changed since the search).')
  })
})
