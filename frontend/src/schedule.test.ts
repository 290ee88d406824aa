import { describe, expect, it } from 'vitest'
import { RenderScheduler } from './schedule'

// deferred returns a promise with its resolve function, so a test decides
// when each "backend render" finishes.
function deferred<T>() {
  let resolve!: (v: T) => void
  const promise = new Promise<T>((r) => (resolve = r))
  return { promise, resolve }
}

const flush = () => new Promise((r) => setTimeout(r, 0))

describe('RenderScheduler', () => {
  it('renders the newest text and skips the ones typed during a render', async () => {
    const calls: string[] = []
    const gates: Array<ReturnType<typeof deferred<string>>> = []
    const shown: string[] = []
    const s = new RenderScheduler<string>(
      (text) => {
        calls.push(text)
        const d = deferred<string>()
        gates.push(d)
        return d.promise
      },
      (html) => shown.push(html),
      (e) => {
        throw e
      },
    )
    s.update('a')
    s.update('ab')
    s.update('abc')
    expect(calls).toEqual(['a'])
    gates[0].resolve('<p>a</p>')
    await flush()
    // 'ab' was never sent: only the newest waiting text is.
    expect(calls).toEqual(['a', 'abc'])
    // The stale result for 'a' was not painted since 'abc' was waiting.
    expect(shown).toEqual([])
    gates[1].resolve('<p>abc</p>')
    await flush()
    expect(shown).toEqual(['<p>abc</p>'])
    expect(s.idle).toBe(true)
  })

  it('does not render the same text twice', async () => {
    const calls: string[] = []
    const s = new RenderScheduler<string>(
      async (t) => {
        calls.push(t)
        return t
      },
      () => {},
      () => {},
    )
    s.update('x')
    await flush()
    s.update('x')
    await flush()
    expect(calls).toEqual(['x'])
  })

  it('reports errors and keeps going', async () => {
    const errors: string[] = []
    const shown: string[] = []
    const s = new RenderScheduler<string>(
      async (t) => {
        if (t === 'bad') throw new Error('front matter: line 2: not a date')
        return t.toUpperCase()
      },
      (r) => shown.push(r),
      (e) => errors.push(e.message),
    )
    s.update('bad')
    await flush()
    s.update('good')
    await flush()
    expect(errors).toEqual(['front matter: line 2: not a date'])
    expect(shown).toEqual(['GOOD'])
  })
})
