// The history panel: a post's revisions with time and size, a diff of one
// against the current text, and restoring it.
import { api, type Revision } from './api'
import { diffLines, foldUnchanged } from './diff'
import { h, formatDateTime, formatSize } from './dom'

export interface HistoryHost {
  postId: () => number
  text: () => string
  restored: (id: number) => Promise<void>
  error: (e: Error) => void
}

const kinds: Record<string, string> = {
  create: 'Created', autosave: 'Autosaved', save: 'Saved revision', publish: 'Published', import: 'Imported',
  external: 'Changed outside Quire', restore: 'Restored', conflict: 'Conflicting version',
}

export class HistoryPanel {
  private list: HTMLElement
  private diff: HTMLElement

  constructor(readonly root: HTMLElement, private readonly host: HistoryHost) {
    this.list = h('ol', { class: 'rev-list' })
    this.diff = h('div', { class: 'rev-diff' })
    root.replaceChildren(h('h2', {}, 'History'), this.list, this.diff)
  }

  async refresh(): Promise<void> {
    const id = this.host.postId()
    this.diff.replaceChildren()
    if (!id) {
      this.list.replaceChildren(h('li', { class: 'muted' }, 'Nothing saved yet.'))
      return
    }
    try {
      const revs = await api.revisions(id)
      this.list.replaceChildren(...revs.map((r) => this.item(r)))
    } catch (e) {
      this.host.error(e as Error)
    }
  }

  private item(r: Revision): HTMLElement {
    // Only the revision shown below is marked (.shown); "(current)" says
    // which one the post is now.
    return h('li', { class: `rev${r.current ? ' current' : ''}`, 'data-rev': r.rev },
      h('button', { class: 'rev-open', onclick: () => void this.show(r) },
        h('span', { class: 'rev-kind' }, `${kinds[r.kind] ?? r.kind}${r.current ? ' (current)' : ''}`),
        h('span', { class: 'rev-meta' }, `${formatDateTime(r.created)} · ${formatSize(r.size)} · #${r.rev}`)))
  }

  private async show(r: Revision): Promise<void> {
    for (const li of this.list.querySelectorAll<HTMLElement>('.rev')) li.classList.toggle('shown', li.dataset.rev === String(r.rev))
    try {
      const old = await api.revisionText(r.postId, r.rev)
      const ops = diffLines(old, this.host.text())
      const changed = ops.some((o) => o.op !== ' ')
      const lines = foldUnchanged(ops).map((o) =>
        'fold' in o
          ? h('div', { class: 'dfold' }, `⋯ ${o.fold} unchanged ${o.fold === 1 ? 'line' : 'lines'}`)
          : h('div', { class: `d${o.op === ' ' ? 'same' : o.op === '-' ? 'del' : 'add'}` }, `${o.op} ${o.line}`))
      const restore = h('button', { class: 'primary rev-restore', onclick: () => void this.restore(r) }, `Restore revision #${r.rev}`)
      this.diff.replaceChildren(
        h('div', { class: 'rev-diff-head' }, h('span', {}, changed ? `Revision #${r.rev} (−) against the text now (+)` : 'Same as the text now'), r.current ? null : restore),
        h('div', { class: 'rev-lines' }, ...(changed ? lines : [])),
      )
    } catch (e) {
      this.host.error(e as Error)
    }
  }

  private async restore(r: Revision): Promise<void> {
    try {
      await api.restoreRevision(r.postId, r.rev)
      await this.host.restored(r.postId)
      await this.refresh()
    } catch (e) {
      this.host.error(e as Error)
    }
  }
}

