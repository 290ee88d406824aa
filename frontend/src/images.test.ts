import { describe, expect, it } from 'vitest'
import { EditorSelection, EditorState } from '@codemirror/state'
import { defaultAlt, escapeAlt, imageFiles, imageMarkdown, insertImages, tooLargeMessage, uploadFile } from './images'
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

describe('uploadFile', () => {
  const fakeBlob = (size: number, name = 'x.png') => ({ size, name, slice: (a: number, b: number) => ({ a, b: Math.min(b, size) }) }) as unknown as Blob & { name: string }
  const recorder = () => {
    const calls: string[] = []
    return {
      calls,
      up: {
        beginUpload: async (name: string, size: number) => (calls.push(`begin ${name} ${size}`), 'u1'),
        uploadChunk: async (id: string, b64: string) => void calls.push(`chunk ${id} ${b64}`),
        finishUpload: async (id: string) => (calls.push(`finish ${id}`), 'done'),
        cancelUpload: async (id: string) => void calls.push(`cancel ${id}`),
      },
    }
  }
  const read = async (b: Blob) => {
    const { a, b: e } = b as unknown as { a: number; b: number }
    return `${a}-${e}`
  }
  it('sends the file in pieces of 24 KB, then finishes', async () => {
    const r = recorder()
    expect(await uploadFile(fakeBlob(100 * 1024), r.up, read)).toBe('done')
    expect(r.calls).toEqual(['begin x.png 102400', 'chunk u1 0-24576', 'chunk u1 24576-49152', 'chunk u1 49152-73728', 'chunk u1 73728-98304', 'chunk u1 98304-102400', 'finish u1'])
  })
  it('refuses a file over the limit before sending anything', async () => {
    const r = recorder()
    await expect(uploadFile(fakeBlob(30 * 1024 * 1024, 'big.png'), r.up, read)).rejects.toThrow('big.png is 30.0 MB; images can be at most 25.0 MB')
    expect(r.calls).toEqual([])
  })
  it('cancels when a piece fails', async () => {
    const r = recorder()
    r.up.uploadChunk = async () => {
      throw new Error('disk full')
    }
    await expect(uploadFile(fakeBlob(10), r.up, read)).rejects.toThrow('disk full')
    await new Promise((res) => setTimeout(res, 0))
    expect(r.calls).toEqual(['begin x.png 10', 'cancel u1'])
  })
})
