import { describe, expect, it } from 'vitest'
import { EditorSelection, EditorState } from '@codemirror/state'
import { defaultAlt, escapeAlt, imageFiles, imageMarkdown, insertImages, tooLargeMessage } from './images'
import { usedBy } from './mediapanel'
import type { MediaItem } from './api'

describe('imageMarkdown', () => {
  const cases: [string, string, string][] = [
    ['plain', 'A cat', '![A cat](media/0123456789abcdef.png)'],
    ['brackets escaped', 'a [b] c', '![a \\[b\\] c](media/0123456789abcdef.png)'],
    ['backslash escaped', 'C:\\x', '![C:\\\\x](media/0123456789abcdef.png)'],
    ['lines joined', ' two\nlines ', '![two lines](media/0123456789abcdef.png)'],
    ['empty alt', '', '![](media/0123456789abcdef.png)'],
  ]
  for (const [name, alt, want] of cases) it(name, () => expect(imageMarkdown(alt, 'media/0123456789abcdef.png')).toBe(want))
  it('escapeAlt leaves other text alone', () => expect(escapeAlt('x*y_z')).toBe('x*y_z'))
})

describe('defaultAlt', () => {
  const cases: [string, string][] = [
    ['my-cat_photo.png', 'my cat photo'],
    ['/home/me/Pictures/Sunset at sea.JPG', 'Sunset at sea'],
    ['C:\\Users\\me\\dog.webp', 'dog'],
    ['image.png', ''],
    ['Screenshot 3.png', ''],
    ['', ''],
  ]
  for (const [name, want] of cases) it(name || '(paste)', () => expect(defaultAlt(name)).toBe(want))
})

describe('insertImages', () => {
  it('inserts at the position, as one change, the cursor after', () => {
    const s = EditorState.create({ doc: 'Hello world', selection: EditorSelection.cursor(0) })
    const t = s.update(insertImages(6, ['![a](media/a.png)', '![b](media/b.png)']))
    expect(t.state.doc.toString()).toBe('Hello ![a](media/a.png)\n\n![b](media/b.png)world')
    expect(t.state.selection.main.head).toBe(6 + '![a](media/a.png)\n\n![b](media/b.png)'.length)
    expect(t.isUserEvent('input')).toBe(true)
  })
})

describe('imageFiles', () => {
  const file = (name: string) => ({ name }) as unknown as File
  it('takes the files of a drop', () => {
    const dt = { files: [file('a.png'), file('b.txt')], items: [] } as unknown as DataTransfer
    expect(imageFiles(dt).map((f) => f.name)).toEqual(['a.png', 'b.txt'])
  })
  it('takes file items of a paste, not text', () => {
    const dt = {
      files: [],
      items: [
        { kind: 'string', getAsFile: () => null },
        { kind: 'file', getAsFile: () => file('image.png') },
      ],
    } as unknown as DataTransfer
    expect(imageFiles(dt).map((f) => f.name)).toEqual(['image.png'])
  })
  it('a text paste has none', () => expect(imageFiles({ files: [], items: [{ kind: 'string', getAsFile: () => null }] } as unknown as DataTransfer)).toEqual([]))
  it('no data has none', () => expect(imageFiles(null)).toEqual([]))
})

describe('sizes and uses', () => {
  it('tooLargeMessage says it as the backend does', () => expect(tooLargeMessage('big.png', 31.25 * 1024 * 1024)).toBe('big.png is 31.3 MB; images can be at most 25.0 MB'))
  const item = (uses: MediaItem['uses']): MediaItem => ({ name: 'x.png', hash: '', mime: 'image/png', bytes: 1, width: 1, height: 1, original: '', created: '', uses, missing: false })
  it('unused', () => expect(usedBy(item([]))).toBe('Unused'))
  it('used', () =>
    expect(usedBy(item([
      { postId: 1, slug: 'a', title: 'Cats', status: 'published', trashed: false },
      { postId: 2, slug: 'old', title: '', status: 'draft', trashed: true },
    ]))).toBe('Used in Cats, old (in the trash)'))
})
