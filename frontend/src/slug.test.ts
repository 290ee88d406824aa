import { describe, expect, it } from 'vitest'
import { followsTitle, slugify } from './slug'

// The same cases as backend/post/slug_test.go: the preview shows what the backend will make.
describe('slugify', () => {
  const cases: [string, string, string][] = [
    ['Plain', 'KubeCon 2017 Austin Summary', 'kubecon-2017-austin-summary'],
    ['Accents', 'Crème brûlée à la française', 'creme-brulee-a-la-francaise'],
    ['Special', 'Straße, Ærø & Łódź', 'strasse-aero-and-lodz'],
    ['Punctuation', '  Hello, World!!! -- again?  ', 'hello-world-again'],
    ['Apostrophe', "Don't panic", 'dont-panic'],
    ['PathLike', '../../etc/passwd', 'etc-passwd'],
    ['Backslash', 'C:\\Windows\\System32', 'c-windows-system32'],
    ['Control', 'a\x00b\tc\n', 'a-b-c'],
    ['OtherScript', '日本語 のブログ', '日本語-のブログ'],
    ['Empty', '!!!', 'untitled'],
    ['Reserved', 'CON', 'con-post'],
    ['ReservedCom', 'com1', 'com1-post'],
  ]
  for (const [name, title, want] of cases) it(name, () => expect(slugify(title)).toBe(want))
  it('is at most 100 bytes', () => expect(new TextEncoder().encode(slugify('word '.repeat(60))).length).toBeLessThanOrEqual(100))
})

describe('followsTitle', () => {
  const cases: [string, string, string, boolean][] = [
    ['made from the title', 'hello-world', 'Hello, World', true],
    ['made unique with a number', 'hello-world-2', 'Hello, World', true],
    ['no slug yet', '', 'Anything', true],
    ['edited by hand', 'my-own-slug', 'Hello, World', false],
    ['from an older title', 'old-title', 'New title', false],
  ]
  for (const [name, slug, title, want] of cases) it(name, () => expect(followsTitle(slug, title)).toBe(want))
})
