// The post settings panel: a structured view of the front matter in the
// editor. It reads the fields through the backend (backend/post parses
// them) and an edit asks the backend for the rewritten block, which the
// editor puts in place as one undoable change. A refused value is shown next
// to its field and the text is left as it was.
import { api, type FieldEdit, type Fields } from './api'
import { h } from './dom'
import { splitHead } from './frontmatter'
import { followsTitle, slugify } from './slug'

export interface PanelHost {
  /** text is the editor's current text. */
  text: () => string
  /** replaceHead puts a new front-matter block in place of the first end characters. */
  replaceHead: (end: number, head: string) => void
  postId: () => number
}

type ChipField = 'categories' | 'tags'

export class SettingsPanel {
  /** shownFor is the post whose fields the form shows. */
  private shownFor = 0
  readonly root: HTMLElement
  private fields: Fields | null = null
  private follow = true
  private errors = new Map<string, HTMLElement>()
  private inputs: Record<string, HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement> = {}
  private chips: Record<ChipField, HTMLElement> = {} as Record<ChipField, HTMLElement>
  private lists: Record<ChipField, HTMLDataListElement> = {} as Record<ChipField, HTMLDataListElement>
  private known: Record<ChipField, string[]> = { categories: [], tags: [] }
  private extra: HTMLElement
  private general: HTMLElement
  private slugHint: HTMLElement
  private titleTimer: ReturnType<typeof setTimeout> | null = null
  private queue: Promise<void> = Promise.resolve()

  constructor(root: HTMLElement, private readonly host: PanelHost) {
    this.root = root
    const err = (name: string) => {
      const e = h('div', { class: 'field-error', id: `error-${name}`, role: 'alert' })
      this.errors.set(name, e)
      return e
    }
    const input = (name: string, attrs: Record<string, string> = {}) => {
      const el = h('input', { id: `field-${name}`, name, ...attrs }) as HTMLInputElement
      this.inputs[name] = el
      return el
    }
    const label = (name: string, text: string, control: HTMLElement, extra: Node | null = null) =>
      h('div', { class: 'field' }, h('label', { for: `field-${name}` }, text), control, extra, err(name))

    const title = input('title', { type: 'text', autocomplete: 'off' })
    title.addEventListener('input', () => {
      this.showSlugPreview()
      if (this.titleTimer) clearTimeout(this.titleTimer)
      this.titleTimer = setTimeout(() => this.edit({ field: 'title', value: title.value, followTitle: this.follow }), 300)
    })
    title.addEventListener('change', () => {
      if (this.titleTimer) clearTimeout(this.titleTimer)
      this.edit({ field: 'title', value: title.value, followTitle: this.follow })
    })
    const slug = input('slug', { type: 'text', autocomplete: 'off', spellcheck: 'false' })
    slug.addEventListener('change', () => this.edit({ field: 'slug', value: slug.value }))
    this.slugHint = h('div', { class: 'field-hint' })
    const date = input('date', { type: 'datetime-local' })
    // A date the field cannot read (30 February) has an empty value: say so
    // rather than write "no date". Typed digits change the value on the way
    // (02/3 is the 3rd), so a date is written when the typing pauses or the
    // field is left, not at each change.
    let dateTimer: ReturnType<typeof setTimeout> | null = null
    const commitDate = () => {
      if (dateTimer) clearTimeout(dateTimer)
      dateTimer = null
      if (date.validity.badInput) {
        this.errors.get('date')!.textContent = 'Not a valid date and time: the post keeps its date.'
        return
      }
      if (date.value !== (this.fields?.date ?? '')) void this.edit({ field: 'date', value: date.value })
    }
    date.addEventListener('change', () => {
      if (dateTimer) clearTimeout(dateTimer)
      dateTimer = setTimeout(commitDate, 800)
    })
    date.addEventListener('blur', commitDate)
    const status = h('select', { id: 'field-status', name: 'status' },
      h('option', { value: 'draft' }, 'Draft'), h('option', { value: 'published' }, 'Published'), h('option', { value: 'scheduled' }, 'Scheduled')) as HTMLSelectElement
    this.inputs.status = status
    status.addEventListener('change', () => this.edit({ field: 'status', value: status.value }))
    const summary = h('textarea', { id: 'field-summary', name: 'summary', rows: 3 }) as HTMLTextAreaElement
    this.inputs.summary = summary
    summary.addEventListener('change', () => this.edit({ field: 'summary', value: summary.value }))
    const layout = input('layout', { type: 'text', autocomplete: 'off' })
    layout.addEventListener('change', () => this.edit({ field: 'layout', value: layout.value }))

    this.general = h('div', { class: 'field-error general', role: 'alert' })
    this.extra = h('div', { class: 'extra-list' })
    root.replaceChildren(
      h('h2', {}, 'Post settings'),
      this.general,
      label('title', 'Title', title),
      label('slug', 'Slug', slug, this.slugHint),
      label('date', 'Date and time', date),
      label('status', 'Status', status),
      this.chipField('categories', 'Categories'),
      this.chipField('tags', 'Tags'),
      label('summary', 'Summary', summary),
      label('layout', 'Layout', layout),
      h('div', { class: 'field' }, h('label', {}, 'Other front matter'), this.extra, err('extra'),
        h('button', { class: 'add-extra', onclick: () => this.addExtraRow() }, 'Add field')),
    )
  }

  private chipField(name: ChipField, text: string): HTMLElement {
    const chips = h('div', { class: 'chips', id: `chips-${name}` })
    const list = h('datalist', { id: `complete-${name}` }) as HTMLDataListElement
    const input = h('input', { id: `field-${name}-input`, type: 'text', list: `complete-${name}`, placeholder: `Add ${name === 'tags' ? 'a tag' : 'a category'}`, autocomplete: 'off' }) as HTMLInputElement
    const add = () => {
      const v = input.value.replace(/,$/, '').trim()
      if (!v || !this.fields) return
      input.value = ''
      this.edit({ field: name, list: [...this.fields[name], v] })
    }
    input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ',') {
        e.preventDefault()
        add()
      } else if (e.key === 'Backspace' && input.value === '' && this.fields && this.fields[name].length) {
        this.edit({ field: name, list: this.fields[name].slice(0, -1) })
      }
    })
    input.addEventListener('change', add)
    this.chips[name] = chips
    this.lists[name] = list
    const e = h('div', { class: 'field-error', id: `error-${name}`, role: 'alert' })
    this.errors.set(name, e)
    return h('div', { class: 'field' }, h('label', { for: `field-${name}-input` }, text), h('div', { class: 'chip-box' }, chips, input), list, e)
  }

  /** completions sets the existing categories and tags offered while typing. */
  completions(categories: string[], tags: string[]): void {
    this.known = { categories, tags }
    this.offer()
  }

  // offer fills the suggestions with the known names the post does not
  // have yet: a chip already added is not offered again.
  private offer(): void {
    for (const name of ['categories', 'tags'] as ChipField[]) {
      const have = new Set((this.fields?.[name] ?? []).map((v) => v.toLowerCase()))
      this.lists[name].replaceChildren(...this.known[name].filter((v) => !have.has(v.toLowerCase())).map((v) => h('option', { value: v })))
    }
  }

  /** refresh reads the fields from the editor's text (after it changed or another post opened). */
  async refresh(): Promise<void> {
    const head = splitHead(this.host.text())
    if (head.error) {
      this.general.textContent = head.error
      this.setStale(true)
      return
    }
    try {
      const f = await api.fields(head.head, this.host.postId())
      this.general.textContent = f.warnings.join('\n')
      this.setStale(false)
      this.show(f)
    } catch (e) {
      this.general.textContent = `The front matter has an error: ${(e as Error).message}`
      this.setStale(true)
    }
  }

  /**
   * setStale disables the form while the front matter does not parse: its
   * values are the last good ones, not what the editor says now.
   */
  private setStale(on: boolean): void {
    this.root.classList.toggle('stale', on)
    for (const el of this.root.querySelectorAll<HTMLInputElement | HTMLButtonElement | HTMLSelectElement | HTMLTextAreaElement>('input, select, textarea, button')) el.disabled = on
  }

  private show(f: Fields): void {
    const another = this.host.postId() !== this.shownFor
    this.shownFor = this.host.postId()
    this.fields = f
    this.follow = followsTitle(f.slug, f.title)
    const set = (name: string, v: string) => {
      const el = this.inputs[name]
      // A date the field cannot read stays as typed, with its message, until
      // the writer mends it or opens another post: a refresh arriving late
      // (a save made before it was typed) must not wipe it.
      if (!another && el instanceof HTMLInputElement && el.validity.badInput) return
      if (el && document.activeElement !== el && el.value !== v) el.value = v
    }
    set('title', f.title)
    set('slug', f.slug)
    set('date', f.date)
    set('status', f.status)
    set('summary', f.summary)
    set('layout', f.layout)
    // A refused date stays said until the field reads again.
    if (!(this.inputs.date as HTMLInputElement).validity.badInput) this.errors.get('date')!.textContent = ''
    // A published post without a date is dated by its last edit wherever it
    // is listed: say so at the status, where it was chosen.
    this.errors.get('status')!.textContent =
      f.status === 'published' && !f.date ? 'Published without a date: lists and feeds will use the time of its last edit. Set a date above.' : ''
    this.showSlugPreview()
    this.offer()
    for (const name of ['categories', 'tags'] as ChipField[]) {
      this.chips[name].replaceChildren(
        ...f[name].map((v, i) =>
          h('span', { class: 'chip' }, v,
            h('button', { class: 'chip-remove', title: `Remove ${v}`, 'aria-label': `Remove ${v}`,
              onclick: () => this.edit({ field: name, list: f[name].filter((_, j) => j !== i) }) }, '×')),
        ),
      )
    }
    if (!this.extra.contains(document.activeElement)) {
      this.extra.replaceChildren(...f.extra.map((x) => this.extraRow(x.key, x.value)))
    }
  }

  private showSlugPreview(): void {
    const title = this.inputs.title.value
    this.slugHint.textContent = this.follow ? `Follows the title: ${slugify(title)}` : 'Edited by hand'
  }

  private extraRow(key: string, value: string): HTMLElement {
    const k = h('input', { class: 'extra-key', value: key, 'aria-label': 'Key', placeholder: 'key' }) as HTMLInputElement
    const v = h('input', { class: 'extra-value', value, 'aria-label': `Value of ${key || 'new key'}`, placeholder: 'value (YAML)' }) as HTMLInputElement
    let oldKey = key
    const save = () => {
      if (!k.value.trim()) return
      this.edit({ field: 'extra', key: k.value, oldKey, value: v.value }, 'extra').then((ok) => {
        if (ok) oldKey = k.value.trim()
      })
    }
    k.addEventListener('change', save)
    v.addEventListener('change', save)
    const remove = h('button', { class: 'extra-remove', title: 'Remove', onclick: () => void (oldKey ? this.edit({ field: 'extra-remove', key: oldKey }, 'extra') : row.remove()) }, '×')
    const row = h('div', { class: 'extra-row' }, k, v, remove)
    return row
  }

  private addExtraRow(): void {
    const row = this.extraRow('', '')
    this.extra.append(row)
    row.querySelector('input')?.focus()
  }

  /** edit applies one field edit through the backend; edits run one after another. */
  edit(e: FieldEdit, errorName = e.field): Promise<boolean> {
    const run = async (): Promise<boolean> => {
      const errEl = this.errors.get(errorName)
      const before = splitHead(this.host.text())
      if (before.error) {
        if (errEl) errEl.textContent = before.error
        return false
      }
      try {
        const head = await api.editField(before.head, { ...e, postId: this.host.postId() })
        if (errEl) errEl.textContent = ''
        const now = splitHead(this.host.text())
        if (head !== now.head) this.host.replaceHead(now.end, head)
        await this.refresh()
        return true
      } catch (err) {
        if (errEl) errEl.textContent = (err as Error).message
        return false
      }
    }
    const p = this.queue.then(run)
    this.queue = p.then(() => undefined, () => undefined)
    return p
  }
}
