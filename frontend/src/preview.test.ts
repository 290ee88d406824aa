import { describe, expect, it } from 'vitest'
import { isSafeURL, previewDocument } from './preview'

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
