// The window's shared state (the post in the editor, whether it came from
// the trash, what the status bar says) and the typed events that tell the
// window's parts about changes to it. The parts (library, side panels,
// preview, status bar, saving, commands) subscribe to what they show rather
// than call one another, so main.ts only composes them, and a part can be
// tested by emitting the events it listens to.
import type { OpenPost } from './api'

type Listener<T> = (data: T) => void

/** Emitter calls an event's listeners in the order they subscribed. */
export class Emitter<E> {
  private listeners = new Map<keyof E, Listener<never>[]>()

  /** on subscribes fn to the event name; the function it returns unsubscribes. */
  on<K extends keyof E>(name: K, fn: Listener<E[K]>): () => void {
    const list = (this.listeners.get(name) ?? []) as Listener<E[K]>[]
    this.listeners.set(name, [...list, fn] as Listener<never>[])
    return () => {
      const now = (this.listeners.get(name) ?? []) as Listener<E[K]>[]
      this.listeners.set(name, now.filter((f) => f !== fn) as Listener<never>[])
    }
  }

  emit<K extends keyof E>(name: K, ...data: E[K] extends void ? [] : [E[K]]): void {
    // A copy: a listener that unsubscribes (or subscribes) does not change this round.
    for (const fn of [...((this.listeners.get(name) ?? []) as Listener<E[K]>[])]) fn(data[0] as E[K])
  }
}

/** The categories and tags in use, sorted by name (for the filters and completions). */
export interface Terms {
  categories: string[]
  tags: string[]
}

export interface AppEvents {
  /** A post is now in the editor; with post null, none is (typing makes one). */
  opened: { post: OpenPost | null; trashed: boolean }
  /** Typing into the blank editor made this post; the editor keeps its text. */
  created: OpenPost
  /** An edit changed the editor's text. */
  edited: string
  /** The post in the editor (null: none yet) was saved. */
  saved: { id: number | null }
  /** A save met a revision made elsewhere; the writer's text is kept as saved. */
  conflict: { current: number; saved: number; message: string }
  /** Posts were added, changed or removed: lists and counts are out of date. */
  postsChanged: void
  /** The categories and tags in use were read again. */
  terms: Terms
  /** The media library changed (an image was added). */
  mediaChanged: void
  /** The rendered post's title, for the toolbar and the window. */
  title: string
  /** The rendered post's reading time, in minutes, as its page shows it. */
  readingMinutes: number
  /** The status bar's counts or caret position changed. */
  status: { counts: string; cursor: string }
}

export const startCursor = 'Ln 1, Col 1'

/** AppState is the state the parts share, and the events about it. */
export class AppState extends Emitter<AppEvents> {
  /** post is the post in the editor; null while the editor is blank. */
  post: OpenPost | null = null
  /** trashed says the post was opened from the trash: it reads but takes no typing. */
  trashed = false
  counts = ''
  cursor = startCursor

  /** open records that post (or none) is now in the editor and tells the parts. */
  open(post: OpenPost | null, trashed = false): void {
    this.post = post
    this.trashed = post !== null && trashed
    this.emit('opened', { post, trashed: this.trashed })
  }

  /** created records the post typing into the blank editor made. */
  created(post: OpenPost): void {
    this.post = post
    this.emit('created', post)
  }

  /** setStatus changes what the status bar says. */
  setStatus(s: { counts?: string; cursor?: string }): void {
    this.counts = s.counts ?? this.counts
    this.cursor = s.cursor ?? this.cursor
    this.emit('status', { counts: this.counts, cursor: this.cursor })
  }
}
