import { describe, expect, it } from 'vitest'
import { summarize } from './exportdialog'
import { isForeignFolder } from './api'

describe('summarize', () => {
  it('counts what an export did', () => {
    expect(summarize({ dir: '/s', posts: 1, written: 12, unchanged: 0, removed: 0, failed: [], warnings: null })).toBe(
      '1 post: 12 written, 0 unchanged, 0 removed',
    )
  })
  it('names failures and warnings only when there are some', () => {
    const r = {
      dir: '/s', posts: 3, written: 0, unchanged: 20, removed: 2,
      failed: [{ source: 'a', error: 'x' }],
      warnings: [{ post: 'b', message: 'y' }, { post: 'c', message: 'z' }],
    }
    expect(summarize(r)).toBe('3 posts: 0 written, 20 unchanged, 2 removed, 1 failed, 2 warnings')
  })
})

describe('isForeignFolder', () => {
  it('knows the export refusal of a folder with unknown files', () => {
    expect(isForeignFolder(new Error('export /x: the folder holds files Quire did not write and no .quire-manifest.json'))).toBe(true)
    expect(isForeignFolder(new Error('export /x: permission denied'))).toBe(false)
  })
})
