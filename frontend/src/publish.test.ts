import { describe, expect, it } from 'vitest'
import type { PublishReport } from './api/publish'
import { summary } from './publish'

const base: PublishReport = {
  dir: '/home/ann/site', dryRun: false, published: [], written: 3, removed: 1,
  export: { dir: '/home/ann/site', posts: 2, written: 3, unchanged: 10, removed: 1, failed: [], warnings: [] },
  git: null,
}

describe('summary', () => {
  it('says a folder outside git was exported only', () => {
    expect(summary(base)).toEqual(['/home/ann/site: 3 files written, 1 file removed.', 'The folder is not a git work tree: the site was exported only.'])
  })
  it('names the published posts, the commit and the push', () => {
    const r: PublishReport = {
      ...base,
      published: [{ slug: 'due', title: 'Due today' }],
      git: { branch: 'main', upstream: 'origin/main', added: [], changed: [], removed: [], files: 5, message: 'Publish: 1 post added\n\nAdded:\n- Due today', commit: 'abc', pushed: 1, unpushed: 0, nothingChanged: false },
    }
    expect(summary(r)).toEqual([
      'Published 1 scheduled post: Due today.',
      '/home/ann/site: 3 files written, 1 file removed.',
      'Committed 5 files on main: Publish: 1 post added',
      'Pushed 1 commit to origin/main.',
    ])
  })
  it('says when nothing changed', () => {
    const r: PublishReport = { ...base, written: 0, removed: 0, git: { branch: 'main', added: [], changed: [], removed: [], files: 0, pushed: 0, unpushed: 0, nothingChanged: true } }
    expect(summary(r)[1]).toBe('Nothing changed: no commit, nothing pushed.')
  })
})
