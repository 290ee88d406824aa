// The post settings panel: a structured view of the front matter in the
// editor. It reads the fields through the backend (backend/post parses
// them) and an edit asks the backend for the rewritten block, which the
// editor puts in place as one undoable change. A refused value is shown next
// to its field and the text is left as it was. Its fields are the known
// front-matter fields of backend/post, from the module generated from them
// (api/fields.ts): their order, labels and controls.
import { api, type FieldEdit, type Fields } from './api'
import { panelFields, statuses, type KnownField, type ListKey, type PanelKey } from './api/fields'
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

type ChipField = ListKey

/** The panel's list fields, shown as chips. */
const chipFields = panelFields.filter((f) => f.input === 'chips').map((f) => f.key as ChipField)

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
  private known = Object.fromEntries(chipFields.map((k) => [k, [] as string[]])) as Record<ChipField, string[]>
  private extra: HTMLElement
  private general: HTMLElement
  private slugHint: HTMLElement
  private titleTimer: ReturnType<typeof setTimeout> | null = null
  private queue: Promise<void> = Promise.resolve()

  constructor(root: HTMLElement, private readonly host: PanelHost) {
    this.root = root
    this.slugHint = h('div', { class: 'field-hint' })
    this.general = h('div', { class: 'field-error general', role: 'alert' })
    this.extra = h('div', { class: 'extra-list' })
    const label = (f: KnownField & { key: PanelKey }) =>
      h('div', { class: 'field' }, h('label', { for: `field-${f.key}` }, f.label), this.control(f),
        f.key === 'slug' ? this.slugHint : null, this.error(f.key))
    root.replaceChildren(
      h('h2', {}, 'Post settings'),
      this.general,
      ...panelFields.map((f) => (f.input === 'chips' ? this.chipField(f.key as ChipField, f.label, f.placeholder) : label(f))),
      h('div', { class: 'field' }, h('label', {}, 'Other front matter'), this.extra, this.error('extra'),
        h('button', { class: 'add-extra', onclick: () => this.addExtraRow() }, 'Add field')),
    )
  }

  private error(name: string): HTMLElement {
    const e = h('div', { class: 'field-error', id: `error-${name}`, role: 'alert' })
    this.errors.set(name, e)
    return e
  }

  /** control makes the input of a field by its kind, and what a change in it does. */
  private control(f: KnownField & { key: PanelKey }): HTMLElement {
    const name = f.key
    switch (f.input) {
      case 'datetime-local':
        return this.dateInput(name)
      case 'select': {
        const select = h('select', { id: `field-${name}`, name },
          ...statuses.map((s) => h('option', { value: s }, s[0].toUpperCase() + s.slice(1)))) as HTMLSelectElement
        this.inputs[name] = select
        select.addEventListener('change', () => this.edit({ field: name, value: select.value }))
        return select
      }
      case 'textarea': {
        const area = h('textarea', { id: `field-${name}`, name, rows: 3 }) as HTMLTextAreaElement
        this.inputs[name] = area
        area.addEventListener('change', () => this.edit({ field: name, value: area.value }))
        return area
      }
    }
    const attrs: Record<string, string> = { type: 'text', autocomplete: 'off' }
    if (name === 'slug') attrs.spellcheck = 'false'
    const input = h('input', { id: `field-${name}`, name, ...attrs }) as HTMLInputElement
    this.inputs[name] = input
    if (name !== 'title') {
      input.addEventListener('change', () => this.edit({ field: name, value: input.value }))
      return input
    }
    // The title is written as the typing pauses, and the slug follows it
    // while it has not been set by hand.
    input.addEventListener('input', () => {
      this.showSlugPreview()
      if (this.titleTimer) clearTimeout(this.titleTimer)
      this.titleTimer = setTimeout(() => this.edit({ field: 'title', value: input.value, followTitle: this.follow }), 300)
    })
    input.addEventListener('change', () => {
      if (this.titleTimer) clearTimeout(this.titleTimer)
      this.edit({ field: 'title', value: input.value, followTitle: this.follow })
    })
    return input
  }

  private dateInput(name: PanelKey): HTMLInputElement {
    const date = h('input', { id: `field-${name}`, name, type: 'datetime-local' }) as HTMLInputElement
    this.inputs[name] = date
    // A date the field cannot read (30 February) has an empty value: say so
    // rather than write "no date". Typed digits change the value on the way
    // (02/3 is the 3rd), so a date is written when the typing pauses or the
    // field is left, not at each change.
    let dateTimer: ReturnType<typeof setTimeout> | null = null
    const commitDate = () => {
      if (dateTimer) clearTimeout(dateTimer)
      dateTimer = null
      if (date.validity.badInput) {
        this.errors.get(name)!.textContent = 'Not a valid date and time: the post keeps its date.'
        return
      }
      if (date.value !== (this.fields?.values[name] ?? '')) void this.edit({ field: name, value: date.value })
    }
    date.addEventListener('change', () => {
      if (dateTimer) clearTimeout(dateTimer)
      dateTimer = setTimeout(commitDate, 800)
    })
    date.addEventListener('blur', commitDate)
    return date
  }

  private chipField(name: ChipField, text: string, placeholder: string): HTMLElement {
    const chips = h('div', { class: 'chips', id: `chips-${name}` })
    const list = h('datalist', { id: `complete-${name}` }) as HTMLDataListElement
    const input = h('input', { id: `field-${name}-input`, type: 'text', list: `complete-${name}`, placeholder, autocomplete: 'off' }) as HTMLInputElement
    const add = () => {
      const v = input.value.replace(/,$/, '').trim()
      if (!v || !this.fields) return
      input.value = ''
      this.edit({ field: name, list: [...this.fields.values[name], v] })
    }
    input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ',') {
        e.preventDefault()
        add()
      } else if (e.key === 'Backspace' && input.value === '' && this.fields && this.fields.values[name].length) {
        this.edit({ field: name, list: this.fields.values[name].slice(0, -1) })
      }
    })
    input.addEventListener('change', add)
    this.chips[name] = chips
    this.lists[name] = list
    return h('div', { class: 'field' }, h('label', { for: `field-${name}-input` }, text), h('div', { class: 'chip-box' }, chips, input), list, this.error(name))
  }

  /** completions sets the existing categories and tags offered while typing. */
  completions(categories: string[], tags: string[]): void {
    this.known = { ...this.known, categories, tags }
    this.offer()
  }

  // offer fills the suggestions with the known names the post does not
  // have yet: a chip already added is not offered again.
  private offer(): void {
    for (const name of chipFields) {
      const have = new Set((this.fields?.values[name] ?? []).map((v) => v.toLowerCase()))
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
    const v = f.values
    this.follow = followsTitle(v.slug, v.title)
    const set = (name: string, v: string) => {
      const el = this.inputs[name]
      // A date the field cannot read stays as typed, with its message, until
      // the writer mends it or opens another post: a refresh arriving late
      // (a save made before it was typed) must not wipe it.
      if (!another && el instanceof HTMLInputElement && el.validity.badInput) return
      if (el && document.activeElement !== el && el.value !== v) el.value = v
    }
    for (const pf of panelFields) if (pf.input !== 'chips') set(pf.key, v[pf.key] as string)
    // A refused date stays said until the field reads again.
    if (!(this.inputs.date as HTMLInputElement).validity.badInput) this.errors.get('date')!.textContent = ''
    // A published post without a date is dated by its last edit wherever it
    // is listed: say so at the status, where it was chosen.
    this.errors.get('status')!.textContent =
      v.status === 'published' && !v.date ? 'Published without a date: lists and feeds will use the time of its last edit. Set a date above.' : ''
    this.showSlugPreview()
    this.offer()
    for (const name of chipFields) {
      this.chips[name].replaceChildren(
        ...v[name].map((c, i) =>
          h('span', { class: 'chip' }, c,
            h('button', { class: 'chip-remove', title: `Remove ${c}`, 'aria-label': `Remove ${c}`,
              onclick: () => this.edit({ field: name, list: v[name].filter((_, j) => j !== i) }) }, '×')),
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
