import { describe, expect, it } from 'vitest'
import { diffLines, foldUnchanged, type DiffOp } from './diff'

const apply = (ops: DiffOp[], side: '-' | '+') => ops.filter((o) => o.op === ' ' || o.op === side).map((o) => o.line).join('\n')

describe('diffLines', () => {
  const cases: [string, string, string][] = [
    ['Same', 'a\nb\nc', 'a\nb\nc'],
    ['Added', 'a\nc', 'a\nb\nc'],
    ['Removed', 'a\nb\nc', 'a\nc'],
    ['Changed', 'title: One\nbody', 'title: Two\nbody'],
    ['Empty to text', '', 'x\ny'],
    ['Everything different', 'a\nb\nc', 'x\ny'],
    ['Interleaved', 'a\nb\nc\nd\ne\nf', 'a\nx\nc\ny\ne\nf\ng'],
  ]
  for (const [name, a, b] of cases) {
    it(name, () => {
      const ops = diffLines(a, b)
      // Both texts can be read back from the script.
      expect(apply(ops, '-')).toBe(a)
      expect(apply(ops, '+')).toBe(b)
    })
  }
  it('is minimal for one changed line', () => {
    const ops = diffLines('a\nb\nc', 'a\nB\nc')
    expect(ops.filter((o) => o.op !== ' ')).toEqual([
      { op: '-', line: 'b' },
      { op: '+', line: 'B' },
    ])
  })
  it('reads both texts back from a large, very different pair', () => {
    const a = Array.from({ length: 20000 }, (_, i) => `a${i % 7000}`).join('\n')
    const b = Array.from({ length: 20000 }, (_, i) => (i % 3 ? `a${i % 7000}` : `b${i}`)).join('\n')
    const ops = diffLines(a, b)
    expect(apply(ops, '-')).toBe(a)
    expect(apply(ops, '+')).toBe(b)
  })
  it('tells lines apart past the surrogates, and shows past the last code as replaced', () => {
    const many = (p: string, n: number) => Array.from({ length: n }, (_, i) => `${p}${i}`).join('\n')
    const a = many('x', 56000)
    const b = a + '\nend'
    const ops = diffLines(a, b)
    expect(ops.filter((o) => o.op !== ' ')).toEqual([{ op: '+', line: 'end' }])
    const huge = many('y', 70000)
    const replaced = diffLines(huge, huge + '\nz')
    expect(apply(replaced, '-')).toBe(huge)
    expect(apply(replaced, '+')).toBe(huge + '\nz')
  })
})

describe('foldUnchanged', () => {
  const same = (n: number) => Array.from({ length: n }, (_, i) => ({ op: ' ', line: `s${i}` }))
  const del = { op: '-', line: 'old' }
  const add = { op: '+', line: 'new' }
  const shape = (ops: ({ op: string } | { fold: number })[]) => ops.map((o) => ('fold' in o ? `…${o.fold}` : o.op)).join('')
  it.each([
    ['a change in the middle of a long file keeps three lines each side', [...same(10), del, add, ...same(10)], '…7   -+   …7'],
    ['a short run between changes stays whole', [del, ...same(7), add], '-       +'],
    ['a run of eight between changes folds to two', [del, ...same(8), add], '-   …2   +'],
    ['no change: all of it folds', same(5), '…5'],
    ['nothing to fold', [del, add], '-+'],
  ])('%s', (_name, ops, want) => expect(shape(foldUnchanged(ops))).toBe(want))
})
