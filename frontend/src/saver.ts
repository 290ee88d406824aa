// AutoSaver decides when the open post is saved: shortly after typing stops,
// when asked (blur, switching post, closing, Ctrl+S), never two saves at
// once, and it keeps unsaved text in a recovery copy at most a second old
// so a crash loses at most the last second of typing. It knows nothing of
// the DOM: the clock, the save call and the state display are injected.

export type SaveState =
  | { kind: 'saved'; at: Date | null }
  | { kind: 'dirty' }
  | { kind: 'saving' }
  | { kind: 'error'; message: string }
  | { kind: 'conflict'; message: string }

export interface SaveOutcome {
  revision: number
  conflict?: { current: number; saved: number; message: string }
}

export interface SaverDeps {
  save: (text: string, revision: number, explicit: boolean) => Promise<SaveOutcome>
  keep: (text: string) => Promise<void>
  onState: (s: SaveState) => void
  /** onSaved runs after each good save (library refresh, title). */
  onSaved?: (revision: number) => void
  onConflict?: (c: NonNullable<SaveOutcome['conflict']>, text: string) => void
  setTimeout?: (fn: () => void, ms: number) => unknown
  clearTimeout?: (t: unknown) => void
  now?: () => Date
}

export const AUTOSAVE_DELAY = 800
/**
 * AUTOSAVE_MAX_WAIT bounds how long typing that never pauses for
 * AUTOSAVE_DELAY goes unsaved: a fast typist (or a slow machine, where keys
 * arrive bunched) would otherwise be saved only when they stop, and the
 * history would hold one autosave for an hour of writing.
 */
export const AUTOSAVE_MAX_WAIT = 5000
export const RECOVERY_EVERY = 1000

export class AutoSaver {
  private text = ''
  private savedText = ''
  revision = 0
  private timer: unknown = null
  private keepTimer: unknown = null
  private maxTimer: unknown = null // the save due however the typing goes on (AUTOSAVE_MAX_WAIT)
  private running: Promise<void> | null = null
  private explicitWanted = false
  private blocked = false // a conflict waits for the writer's choice
  private failed = false // the last save failed: save even text equal to the saved one (clears its recovery copy)
  state: SaveState = { kind: 'saved', at: null }
  private readonly st: (fn: () => void, ms: number) => unknown
  private readonly ct: (t: unknown) => void
  private readonly now: () => Date

  constructor(private readonly deps: SaverDeps) {
    this.st = deps.setTimeout ?? ((fn, ms) => setTimeout(fn, ms))
    this.ct = deps.clearTimeout ?? ((t) => clearTimeout(t as ReturnType<typeof setTimeout>))
    this.now = deps.now ?? (() => new Date())
  }

  /** load starts over with a freshly opened post. */
  load(text: string, revision: number, at: Date | null = null): void {
    this.cancelTimers()
    this.text = this.savedText = text
    this.revision = revision
    this.blocked = false
    this.failed = false
    this.set({ kind: 'saved', at })
  }

  get dirty(): boolean {
    return this.text !== this.savedText || this.failed
  }

  /** changed is called on every edit. */
  changed(text: string): void {
    this.text = text
    if (!this.dirty) return
    if (this.state.kind !== 'saving' && this.state.kind !== 'conflict') this.set({ kind: 'dirty' })
    if (this.timer !== null) this.ct(this.timer)
    this.timer = this.st(() => {
      this.timer = null
      void this.flush()
    }, AUTOSAVE_DELAY)
    if (this.maxTimer === null) {
      this.maxTimer = this.st(() => {
        this.maxTimer = null
        void this.flush()
      }, AUTOSAVE_MAX_WAIT)
    }
    if (this.keepTimer === null) {
      this.keepTimer = this.st(() => {
        this.keepTimer = null
        if (this.dirty) void this.deps.keep(this.text).catch(() => {})
      }, RECOVERY_EVERY)
    }
  }

  /** flush saves now if anything is unsaved (explicit: as a revision of its own). */
  async flush(explicit = false): Promise<void> {
    if (explicit) this.explicitWanted = true
    if (this.timer !== null) {
      this.ct(this.timer)
      this.timer = null
    }
    if (this.maxTimer !== null) {
      this.ct(this.maxTimer)
      this.maxTimer = null
    }
    while (this.running) await this.running
    if (this.blocked) return
    if (!this.dirty && !this.explicitWanted) return
    if (!this.dirty && this.explicitWanted && this.state.kind === 'saved') {
      // Nothing new: the current revision already holds this text.
      this.explicitWanted = false
      return this.deps.save(this.text, this.revision, true).then((r) => {
        this.revision = r.revision
        this.set({ kind: 'saved', at: this.now() })
      }, (e) => this.set({ kind: 'error', message: errorText(e) }))
    }
    const text = this.text
    const ex = this.explicitWanted
    this.explicitWanted = false
    this.set({ kind: 'saving' })
    this.running = (async () => {
      try {
        const r = await this.deps.save(text, this.revision, ex)
        if (r.conflict) {
          this.blocked = true
          this.set({ kind: 'conflict', message: r.conflict.message })
          this.deps.onConflict?.(r.conflict, text)
          return
        }
        this.revision = r.revision
        this.savedText = text
        this.failed = false
        this.set(this.dirty ? { kind: 'dirty' } : { kind: 'saved', at: this.now() })
        this.deps.onSaved?.(r.revision)
      } catch (e) {
        this.failed = true
        this.set({ kind: 'error', message: errorText(e) })
      } finally {
        this.running = null
      }
    })()
    await this.running
    // Typing went on during the save: schedule the next one.
    if (this.dirty && !this.blocked && this.state.kind !== 'error' && this.timer === null) this.changed(this.text)
  }

  /**
   * resolved continues after the writer chose: the post is now at revision
   * with savedText; text (the editor's) is saved over it as a revision of its
   * own, so the other version stays in the history and is not replaced by a
   * running autosave.
   */
  resolved(text: string, revision: number, savedText: string): void {
    this.blocked = false
    this.revision = revision
    this.savedText = savedText
    this.text = text
    if (this.dirty) {
      this.set({ kind: 'dirty' })
      void this.flush(true)
    } else this.set({ kind: 'saved', at: this.now() })
  }

  private cancelTimers(): void {
    if (this.timer !== null) this.ct(this.timer)
    if (this.keepTimer !== null) this.ct(this.keepTimer)
    if (this.maxTimer !== null) this.ct(this.maxTimer)
    this.timer = this.keepTimer = this.maxTimer = null
  }

  private set(s: SaveState): void {
    this.state = s
    this.deps.onState(s)
  }
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e)
}

/** describeState is the text the toolbar shows. */
export function describeState(s: SaveState): string {
  switch (s.kind) {
    case 'saved':
      return s.at ? `Saved ${s.at.toTimeString().slice(0, 5)}` : 'Saved'
    case 'dirty':
      return 'Edited'
    case 'saving':
      return 'Saving…'
    case 'error':
      return `Not saved: ${s.message}`
    case 'conflict':
      return 'Not saved: changed elsewhere'
  }
}
