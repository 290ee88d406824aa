import { afterEach, describe, expect, it, vi } from 'vitest'
import { api, call } from './index'

describe('call', () => {
  it('passes results through', async () => expect(await call('x', Promise.resolve(42))).toBe(42))
  it('turns a Go error string into an Error with its text', async () => {
    await expect(call('save', Promise.reject('line 2: status "maybe" is not one of draft, published, scheduled'))).rejects.toThrow(
      new Error('line 2: status "maybe" is not one of draft, published, scheduled'),
    )
  })
  it('keeps an Error as it is', async () => {
    await expect(call('x', Promise.reject(new Error('boom')))).rejects.toThrow('boom')
  })
  it('names the action when the rejection says nothing', async () => {
    await expect(call('open post', Promise.reject(''))).rejects.toThrow('open post failed')
    await expect(call('open post', Promise.reject(undefined))).rejects.toThrow('open post failed')
  })
})

describe('api', () => {
  afterEach(() => vi.unstubAllGlobals())
  it('sends a save request to the bound Posts service and rejects with its message', async () => {
    const Save = vi.fn().mockRejectedValue('post 7: not found')
    vi.stubGlobal('window', { go: { app: { Posts: { Save } } } })
    await expect(api.savePost(7, 3, '---\ntitle: x\n---\n', true)).rejects.toThrow('post 7: not found')
    expect(Save).toHaveBeenCalledWith(expect.objectContaining({ id: 7, revision: 3, text: '---\ntitle: x\n---\n', explicit: true }))
  })
  it('fills every field of a front-matter edit', async () => {
    const EditField = vi.fn().mockResolvedValue('---\n---\n')
    vi.stubGlobal('window', { go: { app: { Posts: { EditField } } } })
    expect(await api.editField('', { field: 'title', value: 'T' })).toBe('---\n---\n')
    expect(EditField.mock.calls[0][1]).toMatchObject({ field: 'title', value: 'T', list: [], key: '', oldKey: '', postId: 0, followTitle: false })
  })
  it('ignores menu events without the Wails runtime (a plain browser)', () => {
    vi.stubGlobal('window', {})
    expect(() => api.onMenu(() => {})).not.toThrow()
  })
})
