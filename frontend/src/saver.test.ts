import { describe, expect, it, vi } from 'vitest'
import { AUTOSAVE_DELAY, AUTOSAVE_MAX_WAIT, AutoSaver, RECOVERY_EVERY, describeState, type SaveOutcome, type SaveState } from './saver'

function setup(save?: (text: string, rev: number, explicit: boolean) => Promise<SaveOutcome>) {
  vi.useFakeTimers()
  const states: SaveState[] = []
  const saves: [string, number, boolean][] = []
  const kept: string[] = []
  const conflicts: unknown[] = []
  const s = new AutoSaver({
    save: async (text, rev, explicit) => {
      saves.push([text, rev, explicit])
      return save ? save(text, rev, explicit) : { revision: rev + 1 }
    },
    keep: async (text) => void kept.push(text),
    onState: (st) => states.push(st),
    onConflict: (c) => conflicts.push(c),
    now: () => new Date(2026, 0, 1, 12, 3),
  })
  s.load('start', 1)
  return { s, states, saves, kept, conflicts }
}

describe('AutoSaver', () => {
  it('saves once typing stops', async () => {
    const { s, saves } = setup()
    s.changed('a')
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY / 2)
    s.changed('ab')
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY / 2)
    expect(saves).toEqual([])
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY)
    expect(saves).toEqual([['ab', 1, false]])
    expect(describeState(s.state)).toBe('Saved 12:03')
    expect(s.revision).toBe(2)
  })

  it('saves while typing goes on without a pause, at least every AUTOSAVE_MAX_WAIT', async () => {
    const { s, saves } = setup()
    // A key every 100 ms for three times the longest wait: the pause after a key never comes.
    const keys = (3 * AUTOSAVE_MAX_WAIT) / 100
    for (let i = 1; i <= keys; i++) {
      s.changed('x'.repeat(i))
      await vi.advanceTimersByTimeAsync(100)
    }
    expect(saves.length).toBeGreaterThanOrEqual(2)
    expect(saves[0][0].length).toBeLessThanOrEqual(AUTOSAVE_MAX_WAIT / 100 + 1)
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY)
    expect(saves.at(-1)![0]).toBe('x'.repeat(keys))
  })

  it('saves at once on flush (blur, switch, close) and makes an explicit revision on Ctrl+S', async () => {
    const { s, saves } = setup()
    s.changed('x')
    await s.flush()
    s.changed('xy')
    await s.flush(true)
    expect(saves).toEqual([['x', 1, false], ['xy', 2, true]])
    expect(s.dirty).toBe(false)
  })

  it('keeps a recovery copy while unsaved, at most a second old', async () => {
    const { s, kept } = setup(() => new Promise(() => {})) // a save that never finishes
    s.changed('typed')
    await vi.advanceTimersByTimeAsync(RECOVERY_EVERY)
    expect(kept).toEqual(['typed'])
  })

  it('shows why a save failed and keeps the text unsaved', async () => {
    const { s, states } = setup(async () => {
      throw new Error('line 2: status "maybe" is not one of draft, published, scheduled')
    })
    s.changed('---\nstatus: maybe\n---\n')
    await s.flush()
    expect(describeState(states.at(-1)!)).toBe('Not saved: line 2: status "maybe" is not one of draft, published, scheduled')
    expect(s.dirty).toBe(true)
  })

  it('never runs two saves at once; typing during a save is saved next', async () => {
    let release: () => void = () => {}
    const { s, saves } = setup((_t, rev) => new Promise((r) => (release = () => r({ revision: rev + 1 }))))
    s.changed('one')
    const first = s.flush()
    s.changed('one two')
    const second = s.flush()
    expect(saves).toHaveLength(1)
    release()
    await first
    await vi.advanceTimersByTimeAsync(0)
    release()
    await second
    expect(saves.map((x) => x[0])).toEqual(['one', 'one two'])
    expect(saves[1][1]).toBe(2)
  })

  it('stops at a conflict until the writer chooses', async () => {
    const { s, saves, conflicts, states } = setup(async (_t, rev) =>
      rev === 1 ? { revision: 1, conflict: { current: 3, saved: 4, message: 'changed' } } : { revision: rev + 1 })
    s.changed('mine')
    await s.flush()
    expect(conflicts).toHaveLength(1)
    expect(states.at(-1)!.kind).toBe('conflict')
    s.changed('mine more')
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY * 2)
    expect(saves).toHaveLength(1)
    // Keep mine: based on the current revision now.
    s.resolved('mine more', 3, 'theirs')
    await vi.advanceTimersByTimeAsync(0)
    expect(saves.at(-1)).toEqual(['mine more', 3, true])
  })

  it('after a failed save, going back to the saved text saves again (clearing the recovery copy)', async () => {
    let fail = true
    const { s, saves, states } = setup(async (_t, rev) => {
      if (fail) throw new Error('bad')
      return { revision: rev + 1 }
    })
    s.changed('broken')
    await s.flush()
    expect(states.at(-1)!.kind).toBe('error')
    fail = false
    s.changed('start')
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY)
    expect(saves.map((x) => x[0])).toEqual(['broken', 'start'])
    expect(describeState(states.at(-1)!)).toBe('Saved 12:03')
  })

  it('does nothing when nothing changed', async () => {
    const { s, saves } = setup()
    s.changed('start')
    await s.flush()
    expect(saves).toEqual([])
  })
})
