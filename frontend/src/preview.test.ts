import { describe, expect, it } from 'vitest'
import { changedRange, isSafeURL, previewDocument } from './preview'

describe('isSafeURL', () => {
  const cases: Array<[string, boolean]> = [
    ['https://example.org/', true],
    ['http://example.org/', true],
    ['mailto:me@example.org', true],
    ['#section', true],
    ['other-post.md', true],
    ['/media/a.png', true],
    ['data:image/png;base64,AAAA', true],
    ['javascript:alert(1)', false],
    ['JaVaScRiPt:alert(1)', false],
    [' javascript:alert(1)', false],
    ['java\tscript:alert(1)', false],
    ['java\nscript:alert(1)', false],
    ['vbscript:msgbox(1)', false],
    ['data:text/html,<script>alert(1)</script>', false],
    ['data:image/svg+xml,<svg onload=alert(1)>', false],
    ['file:///etc/passwd', false],
  ]
  for (const [url, want] of cases) {
    it(`${JSON.stringify(url)} -> ${want}`, () => expect(isSafeURL(url)).toBe(want))
  }
})

describe('previewDocument', () => {
  it('forbids script in its policy and cannot be closed early by theme CSS', () => {
    const doc = previewDocument('body{color:red}</style><script>alert(1)</script>')
    expect(doc).toContain("script-src 'none'")
    expect(doc).toContain("default-src 'none'")
    expect(doc).not.toContain('</style><script>')
  })
})

describe('changedRange', () => {
  const eq = (a: string, b: string) => a === b
  const cases: Array<[string, string[], string[], { start: number; endOld: number; endNew: number }]> = [
    ['one block edited', ['h1', 'p1', 'p2', 'p3'], ['h1', 'p1', 'p2x', 'p3'], { start: 2, endOld: 3, endNew: 3 }],
    ['a block added at the end', ['h1', 'p1'], ['h1', 'p1', 'p2'], { start: 2, endOld: 2, endNew: 3 }],
    ['a block removed in the middle', ['a', 'b', 'c'], ['a', 'c'], { start: 1, endOld: 2, endNew: 1 }],
    ['nothing changed', ['a', 'b'], ['a', 'b'], { start: 2, endOld: 2, endNew: 2 }],
    ['everything changed', ['a', 'b'], ['x', 'y', 'z'], { start: 0, endOld: 2, endNew: 3 }],
    ['from empty', [], ['a'], { start: 0, endOld: 0, endNew: 1 }],
    ['repeated blocks: prefix and suffix do not overlap', ['a', 'a'], ['a', 'a', 'a'], { start: 2, endOld: 2, endNew: 3 }],
  ]
  for (const [name, old, next, want] of cases) {
    it(name, () => {
      const got = changedRange(old, next, eq)
      expect(got).toEqual(want)
      // Keeping old's ends and taking next's middle gives next.
      expect([...old.slice(0, got.start), ...next.slice(got.start, got.endNew), ...old.slice(got.endOld)]).toEqual(next)
    })
  }
})
