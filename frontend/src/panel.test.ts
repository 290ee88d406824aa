// @vitest-environment happy-dom
import { beforeEach, describe, expect, test, vi } from 'vitest'
import type { FieldEdit, Fields } from './api'

// The api module is replaced at its boundary: the backend reads the front
// matter into fields and writes one edit back as a new front matter block.
const fake = vi.hoisted(() => ({
  fields: null as unknown as Fields,
  edits: [] as { head: string; edit: FieldEdit }[],
  refuse: '' as string,
}))
vi.mock('./api', () => ({
  api: {
    fields: async () => fake.fields,
    editField: async (head: string, edit: FieldEdit) => {
      fake.edits.push({ head, edit })
      if (fake.refuse) throw new Error(fake.refuse)
      return `---\nedited: ${edit.field}\n---\n`
    },
  },
}))
const { SettingsPanel } = await import('./panel')

const head = '---\ntitle: Hello\n---\n'
const fields = (): Fields => ({
  values: { title: 'Hello', slug: 'hello', date: '2024-03-01T10:00', status: 'published', categories: ['Notes'], tags: ['go', 'ts'], summary: 'A post.', layout: '' },
  extra: [{ key: 'weight', value: '3' }],
  warnings: [],
})

function make(text = `${head}Body.\n`) {
  const root = document.createElement('div')
  document.body.replaceChildren(root)
  const host = { text: vi.fn(() => text), postId: () => 5, replaceHead: vi.fn() }
  return { root, host, panel: new SettingsPanel(root, host) }
}
const input = (root: HTMLElement, id: string) => root.querySelector<HTMLInputElement>(`#${id}`)!
const change = (el: HTMLElement) => el.dispatchEvent(new Event('change'))

beforeEach(() => {
  fake.fields = fields()
  fake.edits = []
  fake.refuse = ''
})

describe('SettingsPanel', () => {
  test('Fields: the post\'s front matter shows in the fields', async () => {
    const { root, panel } = make()
    await panel.refresh()
    expect(input(root, 'field-title').value).toBe('Hello')
    expect(input(root, 'field-slug').value).toBe('hello')
    expect(input(root, 'field-status').value).toBe('published')
    expect(input(root, 'field-summary').value).toBe('A post.')
    expect([...root.querySelectorAll('#chips-tags .chip')].map((c) => c.firstChild!.textContent)).toEqual(['go', 'ts'])
    expect(root.querySelector<HTMLInputElement>('.extra-key')!.value).toBe('weight')
    expect(root.querySelector('.field-hint')!.textContent).toBe('Follows the title: hello')
  })

  test('Edit: a changed field goes to the backend and its answer replaces the front matter', async () => {
    const { root, panel, host } = make()
    await panel.refresh()
    const status = input(root, 'field-status')
    status.value = 'draft'
    change(status)
    await vi.waitFor(() => expect(host.replaceHead).toHaveBeenCalled())
    expect(fake.edits[0]).toEqual({ head, edit: { field: 'status', value: 'draft', postId: 5 } })
    expect(host.replaceHead).toHaveBeenCalledWith(head.length, '---\nedited: status\n---\n')
  })

  test('Title: the slug follows a title edit while it was not set by hand', async () => {
    const { root, panel } = make()
    await panel.refresh()
    const title = input(root, 'field-title')
    title.value = 'Hello again'
    title.dispatchEvent(new Event('input'))
    expect(root.querySelector('.field-hint')!.textContent).toBe('Follows the title: hello-again')
    change(title)
    await vi.waitFor(() => expect(fake.edits).toHaveLength(1))
    expect(fake.edits[0].edit).toMatchObject({ field: 'title', value: 'Hello again', followTitle: true })
  })

  test('Chips: Enter adds a tag, a chip\'s button removes it', async () => {
    const { root, panel } = make()
    await panel.refresh()
    const tag = input(root, 'field-tags-input')
    tag.value = 'css'
    tag.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', cancelable: true }))
    await vi.waitFor(() => expect(fake.edits).toHaveLength(1))
    expect(fake.edits[0].edit).toMatchObject({ field: 'tags', list: ['go', 'ts', 'css'] })
    root.querySelector<HTMLButtonElement>('#chips-tags .chip-remove[aria-label="Remove go"]')!.click()
    await vi.waitFor(() => expect(fake.edits).toHaveLength(2))
    expect(fake.edits[1].edit).toMatchObject({ field: 'tags', list: ['ts'] })
  })

  test('Completions: known tags are offered, except those the post has', async () => {
    const { root, panel } = make()
    await panel.refresh()
    panel.completions(['Notes', 'Travel'], ['go', 'rust'])
    const offered = (id: string) => [...root.querySelectorAll<HTMLOptionElement>(`#${id} option`)].map((o) => o.value)
    expect(offered('complete-tags')).toEqual(['rust'])
    expect(offered('complete-categories')).toEqual(['Travel'])
  })

  test('Refused: a value the backend refuses is shown by its field and the text stays', async () => {
    const { root, panel, host } = make()
    await panel.refresh()
    fake.refuse = 'slug: not a slug'
    const slug = input(root, 'field-slug')
    slug.value = 'No Good'
    change(slug)
    await vi.waitFor(() => expect(root.querySelector('#error-slug')!.textContent).toBe('slug: not a slug'))
    expect(host.replaceHead).not.toHaveBeenCalled()
  })

  test('Broken: front matter that does not parse disables the form and says why', async () => {
    const { root, panel } = make('---\ntitle: Hello\n')
    await panel.refresh()
    expect(root.classList.contains('stale')).toBe(true)
    expect(input(root, 'field-title').disabled).toBe(true)
    expect(root.querySelector('.field-error.general')!.textContent).not.toBe('')
  })
})
