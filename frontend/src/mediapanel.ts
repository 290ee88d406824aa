// The media panel: every image in the library with a thumbnail, its size
// and dimensions, the posts that use it (or "Unused"), and buttons to
// insert it at the cursor and to delete it (only when no post uses it; the
// backend refuses it too).
import { api, mediaURL, type MediaItem } from './api'
import { choose } from './dialog'
import { h, formatSize } from './dom'

export interface MediaHost {
  /** insert puts an image into the open post at the cursor (asking for alt text). */
  insert: (item: MediaItem) => void
  /** add asks for an image file and inserts it. */
  add: () => Promise<void>
  open: (postId: number) => void
  error: (e: Error) => void
}

/** usedBy describes where an image is used, for its row. */
export function usedBy(item: MediaItem): string {
  if (!item.uses.length) return 'Unused'
  const names = item.uses.map((u) => `${u.title || u.slug}${u.trashed ? ' (in the trash)' : ''}`)
  return `Used in ${names.join(', ')}`
}

export class MediaPanel {
  private list: HTMLElement
  private summary: HTMLElement

  constructor(readonly root: HTMLElement, private readonly host: MediaHost) {
    this.list = h('ul', { class: 'media-list' })
    this.summary = h('div', { class: 'media-summary muted' })
    root.replaceChildren(
      h('div', { class: 'media-head' }, h('h2', {}, 'Media'),
        h('button', { class: 'media-add', onclick: () => void this.host.add().then(() => this.refresh()) }, 'Insert image…')),
      h('p', { class: 'muted media-hint' }, 'Paste or drop an image into the editor to add it.'),
      this.summary,
      this.list,
    )
  }

  async refresh(): Promise<void> {
    try {
      const items = await api.listMedia()
      const unused = items.filter((i) => !i.uses.length).length
      const total = items.reduce((n, i) => n + i.bytes, 0)
      this.summary.textContent = items.length
        ? `${items.length} image${items.length === 1 ? '' : 's'}, ${formatSize(total)}${unused ? ` · ${unused} unused` : ''}`
        : ''
      this.list.replaceChildren(...(items.length ? items.map((i) => this.item(i)) : [h('li', { class: 'muted' }, 'No images yet.')]))
    } catch (e) {
      this.host.error(e as Error)
    }
  }

  private item(it: MediaItem): HTMLElement {
    const used = it.uses.length > 0
    const dims = it.width && it.height ? `${it.width} × ${it.height}` : it.mime === 'image/svg+xml' ? 'SVG' : ''
    const del = h('button', {
      class: 'media-delete',
      disabled: used,
      title: used ? 'Used by a post: remove it from the post first' : 'Delete this image',
      onclick: () => void this.delete(it),
    }, 'Delete')
    const uses = h('div', { class: `media-uses${used ? '' : ' unused'}` })
    if (used) {
      uses.append('Used in ')
      it.uses.forEach((u, i) => {
        if (i) uses.append(', ')
        uses.append(h('a', { href: '#', onclick: (e: Event) => { e.preventDefault(); this.host.open(u.postId) } }, `${u.title || u.slug}${u.trashed ? ' (in the trash)' : ''}`))
      })
    } else {
      uses.append(h('span', { class: 'badge unused' }, 'Unused'))
    }
    return h('li', { class: `media-item${it.missing ? ' missing' : ''}`, 'data-name': it.name },
      h('img', { class: 'media-thumb', src: mediaURL(it.name), alt: it.original || it.name, loading: 'lazy', width: 64, height: 64 }),
      h('div', { class: 'media-info' },
        h('div', { class: 'media-name', title: it.name }, it.original || it.name),
        h('div', { class: 'media-meta' }, [dims, formatSize(it.bytes), it.missing ? 'file missing' : ''].filter(Boolean).join(' · ')),
        uses,
        h('div', { class: 'media-actions' },
          h('button', { class: 'media-insert', onclick: () => this.host.insert(it) }, 'Insert'),
          del)))
  }

  private async delete(it: MediaItem): Promise<void> {
    const c = await choose('Delete image', `Delete ${it.original || it.name} from the media library? No post uses it.`, [
      { id: 'delete', label: 'Delete', primary: true },
      { id: 'cancel', label: 'Cancel' },
    ])
    if (c !== 'delete') return
    try {
      await api.deleteMedia(it.name)
    } catch (e) {
      this.host.error(e as Error)
    }
    await this.refresh()
  }
}
