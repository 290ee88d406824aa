// The library sidebar: search, filters, sort, the post list (virtualised:
// only the rows in view exist, pages are fetched as they scroll in) and the
// trash.
import { choose } from './dialog'
import { api, type ListOptions, type Summary } from './api'
import { h, formatDate } from './dom'

const ROW = 76 // px, fixed so the list can be virtual
const PAGE = 50 // a first page a little longer than the list shows; search snippets are made per row

/** The sort menu's choices; Relevance is offered only while searching. */
const sortChoices: [string, string][] = [
  ['relevance', 'Relevance'], ['date', 'Newest'], ['date-asc', 'Oldest'], ['updated', 'Last edited'], ['title', 'Title A–Z'],
]

/**
 * sortOptions turns a sort menu choice into the list's options. Relevance
 * goes as no sort: the backend ranks the matches by bm25, unless the query
 * is only words found in most posts, which rank nothing (newest first then).
 */
function sortOptions(choice: string): Pick<ListOptions, 'sort' | 'reverse'> {
  switch (choice) {
    case 'relevance': return { sort: '' }
    case 'date-asc': return { sort: 'date', reverse: true }
    case 'updated': return { sort: 'updated' }
    case 'title': return { sort: 'title' }
    default: return { sort: 'date' }
  }
}

export interface LibraryHooks {
  open: (id: number) => void
  create: () => void
  error: (e: Error) => void
}

export class Library {
  private opts: ListOptions = { sort: 'date' }
  private trash = false
  private total = 0
  private pages = new Map<number, Summary[]>()
  private loading = new Set<number>()
  private generation = 0
  private selected = 0
  private searchTimer: ReturnType<typeof setTimeout> | null = null
  private sortBeforeSearch: string | null = null // the sort menu's choice before the search began
  readonly root: HTMLElement
  private readonly scroller: HTMLElement
  private readonly spacer: HTMLElement
  private readonly rows: HTMLElement
  /** The trash's Restore and Delete forever buttons, beside the rows (an option holds no buttons). */
  private readonly actionsLayer: HTMLElement
  /** The row the keyboard is on (aria-activedescendant), an index in the list; -1 for none yet. */
  private cursor = -1
  private readonly count: HTMLElement
  readonly search: HTMLInputElement
  private readonly status: HTMLSelectElement
  private readonly category: HTMLSelectElement
  private readonly tag: HTMLSelectElement
  private readonly sort: HTMLSelectElement
  private readonly trashToggle: HTMLButtonElement
  private readonly emptyButton: HTMLButtonElement

  constructor(root: HTMLElement, private readonly hooks: LibraryHooks) {
    this.root = root
    this.search = h('input', { type: 'search', class: 'lib-search', placeholder: 'Search posts', 'aria-label': 'Search posts', oninput: () => this.queueSearch() }) as HTMLInputElement
    const sel = (label: string, options: [string, string][], onchange: () => void) =>
      h('select', { 'aria-label': label, onchange }, ...options.map(([v, t]) => h('option', { value: v }, t))) as HTMLSelectElement
    this.status = sel('Status', [['', 'Any status'], ['draft', 'Drafts'], ['published', 'Published'], ['scheduled', 'Scheduled']], () => this.reload())
    this.category = sel('Category', [['', 'Any category']], () => this.reload())
    this.tag = sel('Tag', [['', 'Any tag']], () => this.reload())
    this.sort = sel('Sort', sortChoices, () => this.reload())
    this.followSearch('')
    this.sort.value = 'date'
    this.trashToggle = h('button', { class: 'lib-trash', title: 'Show the trash', 'aria-pressed': 'false', onclick: () => this.showTrash(!this.trash) }, 'Trash') as HTMLButtonElement
    this.emptyButton = h('button', { class: 'lib-empty-trash', title: 'Delete every post in the trash for good', onclick: () => void this.emptyTrash() }, 'Empty trash') as HTMLButtonElement
    this.count = h('div', { class: 'lib-count' })
    this.spacer = h('div', { class: 'lib-spacer' })
    this.rows = h('div', { class: 'lib-rows', role: 'listbox', 'aria-label': 'Posts', tabindex: '0' })
    this.actionsLayer = h('div', { class: 'lib-actions-layer' })
    this.scroller = h('div', { class: 'lib-scroller', onscroll: () => this.paint() }, this.spacer, this.rows, this.actionsLayer)
    this.keyboard()
    root.replaceChildren(
      h('div', { class: 'lib-head' },
        h('div', { class: 'lib-row1' }, this.search, h('button', { class: 'lib-new primary', title: 'New post (Ctrl+N)', onclick: () => hooks.create() }, 'New')),
        h('div', { class: 'lib-filters' }, this.status, this.category, this.tag, this.sort),
        h('div', { class: 'lib-row1' }, this.count, this.emptyButton, this.trashToggle)),
      this.scroller,
    )
    new ResizeObserver(() => this.paint()).observe(this.scroller)
  }

  get inTrash(): boolean {
    return this.trash
  }

  select(id: number): void {
    this.selected = id
    this.paint()
  }

  showTrash(on: boolean): void {
    this.trash = on
    this.trashToggle.setAttribute('aria-pressed', String(on))
    this.trashToggle.textContent = on ? 'Back to posts' : 'Trash'
    this.root.classList.toggle('showing-trash', on)
    void this.reload()
  }

  /** purge deletes one trashed post for good, once the writer has said so. */
  private async purge(s: Summary): Promise<void> {
    const choice = await choose('Delete forever?', `“${s.title || 'Untitled'}” will be deleted for good, with its history. This cannot be undone.`, [
      { id: 'purge', label: 'Delete forever', primary: true },
      { id: 'cancel', label: 'Cancel' },
    ])
    if (choice !== 'purge') return
    try {
      const next = this.neighbour(s.id)
      await api.purgePost(s.id)
      this.root.dispatchEvent(new CustomEvent('library:purged', { detail: { id: s.id, next } }))
      await this.reload()
    } catch (e) {
      this.hooks.error(e as Error)
    }
  }

  /** emptyTrash deletes the trashed posts for good, once the writer has said so. */
  private async emptyTrash(): Promise<void> {
    const choice = await choose('Empty the trash?', `The ${this.total === 1 ? 'post' : `${this.total} posts`} in the trash will be deleted for good, with their history. This cannot be undone.`, [
      { id: 'empty', label: 'Delete forever', primary: true },
      { id: 'cancel', label: 'Cancel' },
    ])
    if (choice !== 'empty') return
    try {
      await api.emptyTrash()
      this.root.dispatchEvent(new CustomEvent('library:purged', { detail: { next: null } }))
      await this.reload()
    } catch (e) {
      this.hooks.error(e as Error)
    }
  }

  private queueSearch(): void {
    if (this.searchTimer) clearTimeout(this.searchTimer)
    // A short pause so one search runs per burst of typing, not per key.
    this.searchTimer = setTimeout(() => void this.reload(), 20)
  }

  /** reload fetches the list again with the current search, filters and sort (from the top unless keepScroll). */
  async reload(keepScroll = false): Promise<void> {
    const started = performance.now()
    const q = this.search.value.trim()
    this.followSearch(q)
    this.opts = {
      query: q,
      status: this.status.value as ListOptions['status'],
      category: this.category.value,
      tag: this.tag.value,
      ...sortOptions(this.sort.value),
    }
    const gen = ++this.generation
    this.pages.clear()
    this.loading.clear()
    try {
      const first = await this.fetch(0)
      if (gen !== this.generation) return
      this.total = first.total
      this.pages.set(0, first.posts)
      if (!keepScroll) this.scroller.scrollTop = 0
      this.paint()
      performance.measure('quire:search', { start: started, end: performance.now() })
      this.root.dispatchEvent(new CustomEvent('library:loaded', { detail: { query: q, total: first.total } }))
    } catch (e) {
      this.hooks.error(e as Error)
    }
  }

  /**
   * followSearch keeps the sort menu in step with the search: a search
   * starts in Relevance (best match first), any other order the writer picks
   * during it is honoured, and clearing it brings back the order from before.
   */
  private followSearch(q: string): void {
    const relevance = this.sort.querySelector<HTMLOptionElement>('option[value="relevance"]')!
    if (q && this.sortBeforeSearch === null) {
      this.sortBeforeSearch = this.sort.value
      this.sort.value = 'relevance'
    } else if (!q && this.sortBeforeSearch !== null) {
      if (this.sort.value === 'relevance') this.sort.value = this.sortBeforeSearch
      this.sortBeforeSearch = null
    }
    relevance.hidden = relevance.disabled = !q
  }

  /** refreshCounts reloads the category and tag filters. */
  async refreshCounts(): Promise<string[][]> {
    const c = await api.counts()
    const fill = (s: HTMLSelectElement, first: string, names: string[]) => {
      const cur = s.value
      s.replaceChildren(h('option', { value: '' }, first), ...names.map((n) => h('option', { value: n }, n)))
      s.value = names.includes(cur) ? cur : ''
    }
    // Alphabetical, whatever the case: a filter is looked through by name.
    const byName = (a: string, b: string) => a.localeCompare(b, undefined, { sensitivity: 'base' })
    const cats = c.categories.map((x) => x.name).sort(byName)
    const tags = c.tags.map((x) => x.name).sort(byName)
    fill(this.category, 'Any category', cats)
    fill(this.tag, 'Any tag', tags)
    return [cats, tags]
  }

  private fetch(page: number) {
    const opt = { ...this.opts, offset: page * PAGE, limit: PAGE }
    return this.trash ? api.listTrash(opt) : api.listPosts(opt)
  }

  private async load(page: number): Promise<void> {
    if (this.loading.has(page) || this.pages.has(page)) return
    this.loading.add(page)
    const gen = this.generation
    try {
      const res = await this.fetch(page)
      if (gen !== this.generation) return
      this.pages.set(page, res.posts)
      this.paint()
    } catch (e) {
      this.hooks.error(e as Error)
    } finally {
      this.loading.delete(page)
    }
  }

  /**
   * neighbour is the post listed after id (before it, when id is the last),
   * among the rows loaded; null when id is not loaded or stands alone.
   */
  neighbour(id: number): number | null {
    for (const [page, posts] of this.pages) {
      const i = posts.findIndex((s) => s.id === id)
      if (i < 0) continue
      const at = page * PAGE + i
      return (this.item(at + 1) ?? this.item(at - 1))?.id ?? null
    }
    return null
  }

  private item(i: number): Summary | undefined {
    return this.pages.get(Math.floor(i / PAGE))?.[i % PAGE]
  }

  /** paint renders the rows in view (and a few around them). */
  paint(): void {
    const what = this.trash ? 'in the trash' : this.opts.query ? 'found' : this.total === 1 ? 'post' : 'posts'
    this.count.textContent = `${this.total.toLocaleString('en')} ${what}`
    this.spacer.style.height = `${this.total * ROW}px`
    const top = this.scroller.scrollTop
    const height = this.scroller.clientHeight || 600
    const first = Math.max(0, Math.floor(top / ROW) - 5)
    const last = Math.min(this.total, Math.ceil((top + height) / ROW) + 5)
    const nodes: HTMLElement[] = []
    const actions: HTMLElement[] = []
    for (let i = first; i < last; i++) {
      const s = this.item(i)
      if (!s) {
        void this.load(Math.floor(i / PAGE))
        nodes.push(h('div', { class: 'lib-item placeholder', style: `top:${i * ROW}px` }))
        continue
      }
      nodes.push(this.row(s, i))
      if (this.trash) actions.push(this.trashActions(s, i))
    }
    this.rows.replaceChildren(...nodes)
    this.actionsLayer.replaceChildren(...actions)
    this.paintCursor()
    if (this.total === 0) {
      this.actionsLayer.replaceChildren(h('div', { class: 'lib-empty' }, this.trash ? 'The trash is empty.' : this.opts.query ? 'No post matches.' : 'No posts yet.'))
    }
  }

  private row(s: Summary, i: number): HTMLElement {
    const snippet = h('div', { class: 'lib-snippet' })
    // Match is HTML from the backend: escaped text with <mark> around the matched words.
    if (s.match) snippet.innerHTML = s.match
    else snippet.textContent = s.snippet
    return h(
      'div',
      {
        class: `lib-item${s.id === this.selected ? ' selected' : ''}`,
        role: 'option',
        id: rowId(i),
        'aria-selected': String(s.id === this.selected),
        'aria-posinset': String(i + 1),
        'aria-setsize': String(this.total),
        'data-id': s.id,
        style: `top:${i * ROW}px`,
        onclick: () => {
          this.cursor = i
          this.hooks.open(s.id)
        },
      },
      h('div', { class: 'lib-title' }, s.title || 'Untitled'),
      h('div', { class: 'lib-meta' }, h('span', { class: `badge ${s.status}` }, s.status), ` ${formatDate(s.date) || 'no date'}`),
      snippet,
    )
  }

  private async restore(id: number): Promise<void> {
    try {
      await api.restorePost(id)
      await this.reload()
    } catch (e) {
      this.hooks.error(e as Error)
    }
  }

  /** trashActions are a trashed row's buttons, laid over its row, outside the listbox. */
  private trashActions(s: Summary, i: number): HTMLElement {
    const name = s.title || 'Untitled'
    return h('span', { class: 'lib-trash-actions', style: `top:${i * ROW + 50}px` },
      h('button', { class: 'lib-restore', title: 'Restore from the trash', 'aria-label': `Restore: ${name}`, onclick: () => void this.restore(s.id) }, 'Restore'),
      h('button', { class: 'lib-purge', title: 'Delete this post for good', 'aria-label': `Delete forever: ${name}`, onclick: () => void this.purge(s) }, 'Delete forever'))
  }

  /**
   * keyboard makes the list one stop in the Tab order, moved through with
   * the arrow keys, Home, End and Page Up/Down and opened with Enter: the
   * focus stays on the listbox and aria-activedescendant names the row,
   * which suits a virtual list (rows come and go as it scrolls) and is what
   * screen readers announce for listboxes. In the trash, Delete deletes the
   * row's post forever (after asking).
   */
  private keyboard(): void {
    this.rows.addEventListener('focus', () => {
      if (this.cursor < 0 || this.cursor >= this.total) this.cursor = Math.max(0, this.indexOf(this.selected))
      this.reveal()
    })
    this.rows.addEventListener('blur', () => this.paintCursor())
    this.rows.addEventListener('keydown', (e) => {
      if (e.ctrlKey || e.metaKey || e.altKey || this.total === 0) return
      const page = Math.max(1, Math.floor(this.scroller.clientHeight / ROW) - 1)
      const to: Record<string, number> = {
        ArrowDown: this.cursor + 1, ArrowUp: this.cursor - 1, Home: 0, End: this.total - 1,
        PageDown: this.cursor + page, PageUp: this.cursor - page,
      }
      if (e.key in to) {
        e.preventDefault()
        this.cursor = Math.min(this.total - 1, Math.max(0, to[e.key]))
        this.reveal()
        return
      }
      const s = this.item(this.cursor)
      if (!s) return
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault()
        this.hooks.open(s.id)
      } else if (e.key === 'Delete' && this.trash) {
        e.preventDefault()
        void this.purge(s)
      }
    })
  }

  /** indexOf is the position of post id among the rows loaded, -1 when not loaded. */
  private indexOf(id: number): number {
    for (const [page, posts] of this.pages) {
      const i = posts.findIndex((s) => s.id === id)
      if (i >= 0) return page * PAGE + i
    }
    return -1
  }

  /**
   * reveal scrolls the keyboard's row into view (the scroll paints the rows
   * it brings) and marks it. It repaints no row itself: a focus that comes
   * with a mouse press must leave the pressed row in place, or its click
   * would be lost.
   */
  private reveal(): void {
    const top = this.cursor * ROW
    if (top < this.scroller.scrollTop) this.scroller.scrollTop = top
    else if (top + ROW > this.scroller.scrollTop + this.scroller.clientHeight) this.scroller.scrollTop = top + ROW - this.scroller.clientHeight
    this.paintCursor()
  }

  /** paintCursor marks the keyboard's row while the list has the focus. */
  private paintCursor(): void {
    const on = document.activeElement === this.rows && this.cursor >= 0 && this.cursor < this.total
    const row = on ? this.rows.querySelector<HTMLElement>(`#${rowId(this.cursor)}`) : null
    for (const el of this.rows.querySelectorAll('.lib-item.active')) if (el !== row) el.classList.remove('active')
    row?.classList.add('active')
    if (row) this.rows.setAttribute('aria-activedescendant', row.id)
    else this.rows.removeAttribute('aria-activedescendant')
  }

  /** titles fetches every title (for quick open). */
  async titles(): Promise<Summary[]> {
    const out: Summary[] = []
    for (let offset = 0; ; offset += 1000) {
      const res = await api.listPosts({ sort: 'updated', offset, limit: 1000 })
      out.push(...res.posts)
      if (out.length >= res.total || res.posts.length === 0) return out
    }
  }
}

/** rowId names the row at index i of the list (for aria-activedescendant). */
const rowId = (i: number) => `lib-row-${i}`
