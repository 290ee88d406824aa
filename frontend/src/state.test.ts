import { describe, expect, test } from 'vitest'
import type { OpenPost } from './api'
import { AppState, Emitter } from './state'

const post = (id: number, title = `Post ${id}`): OpenPost => ({
  id, revision: 1, slug: `post-${id}`, title, status: 'draft', updated: '2024-01-01T00:00:00Z', text: `---\ntitle: ${title}\n---\n`,
})

describe('Emitter', () => {
  type Events = { ping: number; done: void }

  test('OK: every subscriber hears an event, in the order it subscribed', () => {
    const e = new Emitter<Events>()
    const heard: string[] = []
    e.on('ping', (n) => heard.push(`a${n}`))
    e.on('ping', (n) => heard.push(`b${n}`))
    e.on('done', () => heard.push('done'))
    e.emit('ping', 1)
    e.emit('done')
    expect(heard).toEqual(['a1', 'b1', 'done'])
  })

  test('Unsubscribed: a listener that left hears nothing more', () => {
    const e = new Emitter<Events>()
    const heard: number[] = []
    const off = e.on('ping', (n) => heard.push(n))
    e.emit('ping', 1)
    off()
    e.emit('ping', 2)
    expect(heard).toEqual([1])
  })

  test('LeavingDuringEmit: the round goes on to the listeners after it', () => {
    const e = new Emitter<Events>()
    const heard: string[] = []
    const off = e.on('ping', () => {
      heard.push('first')
      off()
    })
    e.on('ping', () => heard.push('second'))
    e.emit('ping', 1)
    e.emit('ping', 2)
    expect(heard).toEqual(['first', 'second', 'second'])
  })
})

describe('AppState', () => {
  test('Open: the post and its trash flag are recorded before the parts hear of it', () => {
    const s = new AppState()
    const seen: unknown[] = []
    s.on('opened', (e) => seen.push([e.post?.id, e.trashed, s.post?.id, s.trashed]))
    s.open(post(7), true)
    s.open(null, true)
    expect(seen).toEqual([[7, true, 7, true], [undefined, false, undefined, false]])
    expect(s.post).toBeNull()
  })

  test('Created: the blank editor\'s new post becomes the current one', () => {
    const s = new AppState()
    const seen: number[] = []
    s.on('created', (p) => seen.push(p.id))
    s.created(post(3))
    expect(seen).toEqual([3])
    expect(s.post?.id).toBe(3)
  })

  test('Status: counts and caret change apart, each event carrying both', () => {
    const s = new AppState()
    const seen: { counts: string; cursor: string }[] = []
    s.on('status', (st) => seen.push(st))
    s.setStatus({ counts: '3 words' })
    s.setStatus({ cursor: 'Ln 2, Col 5' })
    expect(seen).toEqual([
      { counts: '3 words', cursor: 'Ln 1, Col 1' },
      { counts: '3 words', cursor: 'Ln 2, Col 5' },
    ])
  })
})
