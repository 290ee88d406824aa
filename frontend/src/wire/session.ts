// The editor and its saver: the text of the post in the shared state, saved
// as it is typed, and the one way a post is put into the editor (show). It
// also holds the wait that keeps keys typed before a switch in their post.
import { EditorSelection, EditorState, type Extension } from '@codemirror/state'
import { EditorView, showPanel } from '@codemirror/view'
import { api, type OpenPost } from '../api'
import { editorA11y } from '../a11y'
import { h } from '../dom'
import { Editor } from '../editor'
import { splitHead } from '../frontmatter'
import { Outline } from '../outline'
import { AutoSaver, type SaveState } from '../saver'
import { spellcheck } from '../spell'
import { startCursor, type AppState } from '../state'
import { bodyCount, bodyStats, formatStats } from '../stats'
import { typewriter } from '../typewriter'
import { vimKeys } from '../vimmode'

export interface SessionHooks {
  parent: HTMLElement
  saveState: (s: SaveState) => void
  /** restore takes a trashed post out of the trash (the trash bar's button). */
  restore: (id: number) => void
  onFiles: (files: File[], pos: number) => void
  onBarePaste: (pos: number) => void
}

export interface Session {
  editor: Editor
  view: EditorView
  saver: AutoSaver
  outline: Outline
  /** show puts an opened post into the editor (read only when it is in the trash). */
  show(o: OpenPost, trashed?: boolean): void
  /** showNothing empties the editor: no post is open (typing makes one). */
  showNothing(): void
  /** settle waits for the editor's pending keys and saves the post (again if keys came during the save). */
  settle(): Promise<void>
  /** goTo puts the caret at pos (or selects to end), in view, with the keyboard in the editor. */
  goTo(pos: number, end?: number): void
  /** goToLine puts the caret at the start of a line (clamped to the text's), in view. */
  goToLine(line: number): void
}

// Keys typed into the editor can still be on their way when a click asks
// for another post: WebKit hands key events to the page one at a time and
// mouse events on a queue of their own, so on a busy machine a click
// overtakes the end of a sentence. A switch therefore waits until the
// editor's keys have been quiet for a moment, then saves what they typed.
const KEYS_QUIET_MS = 300

/** keysQuiet resolves once last() is quietMs in the past, or after capMs at most. */
export async function keysQuiet(last: () => number, quietMs: number, capMs = Infinity): Promise<void> {
  const started = performance.now()
  while (performance.now() - last() < quietMs && performance.now() - started < capMs) await new Promise((r) => setTimeout(r, 30))
}

export function createSession(state: AppState, hooks: SessionHooks): Session {
  const saver = new AutoSaver({
    save: async (text, revision, explicit) => {
      if (!state.post) {
        // Typing into the blank editor makes a new post.
        const created = await api.createPost('')
        state.created(created)
        revision = created.revision
      }
      return api.savePost(state.post!.id, revision, text, explicit)
    },
    keep: (text) => (state.post ? api.keepRecovery(state.post.id, text) : Promise.resolve()),
    onState: hooks.saveState,
    onSaved: () => state.emit('saved', { id: state.post?.id ?? null }),
    onConflict: (c) => state.emit('conflict', c),
  })

  const outline = new Outline(hooks.parent)
  const editor = new Editor({
    parent: hooks.parent,
    doc: '',
    onChange: (text) => state.emit('edited', text),
    onCursor: (line, col) => state.setStatus({ cursor: `Ln ${line}, Col ${col}` }),
    onBlur: () => void saver.flush(),
    onFiles: hooks.onFiles,
    onBarePaste: hooks.onBarePaste,
    extensions: [outline.extension(), spellcheck(), bodyCount, editorA11y()],
    perState: () => [vimKeys(), typewriter()],
  })
  const view = editor.view
  // Counted edit by edit (stats.ts), so the count is the text's at once.
  // The reading time is the page's once the preview has rendered it: the
  // text's count reads fenced code as prose, which the page skips, so a
  // post of code would say 5 min here and 1 min on its page.
  let pageMinutes: number | null = null
  const counts = () => {
    const s = bodyStats(view.state.field(bodyCount))
    return formatStats(pageMinutes === null ? s : { ...s, minutes: Math.max(1, pageMinutes) })
  }
  state.on('edited', (text) => {
    saver.changed(text)
    state.setStatus({ counts: counts() })
  })
  state.on('readingMinutes', (m) => {
    pageMinutes = m
    state.setStatus({ counts: counts() })
  })

  let lastEditorKey = 0
  view.contentDOM.addEventListener('keydown', () => (lastEditorKey = performance.now()), true)

  /** trashedView: a post in the trash reads but does not take typing, under a bar offering Restore. */
  const trashedView = (id: number): Extension => {
    const bar = h('div', { class: 'trash-bar', role: 'status' },
      h('span', {}, 'This post is in the trash. Restore it to edit it.'),
      h('button', { class: 'trash-restore', onclick: () => hooks.restore(id) }, 'Restore'))
    return [EditorState.readOnly.of(true), EditorView.editable.of(false), showPanel.of(() => ({ dom: bar, top: true }))]
  }

  const goTo = (pos: number, end = pos) => {
    view.focus()
    view.dispatch({ selection: EditorSelection.range(pos, end), effects: EditorView.scrollIntoView(pos, { y: 'center' }), userEvent: 'select' })
  }

  return {
    editor, view, saver, outline,
    show(o, trashed = false) {
      const t0 = performance.now()
      editor.load(o.text, splitHead(o.text).end, trashed ? trashedView(o.id) : [])
      saver.load(o.text, o.revision, new Date(o.updated))
      performance.measure('quire:switch-editor', { start: t0, end: performance.now() })
      // The status bar follows the caret of the post just opened.
      const head = view.state.selection.main.head
      const line = view.state.doc.lineAt(head)
      pageMinutes = null // the last post's, until this one renders
      state.setStatus({ cursor: `Ln ${line.number}, Col ${head - line.from + 1}`, counts: counts() })
      state.open(o, trashed)
    },
    showNothing() {
      editor.load('')
      saver.load('', 0)
      pageMinutes = null
      state.setStatus({ cursor: startCursor, counts: counts() })
      state.open(null)
    },
    async settle() {
      for (;;) {
        await keysQuiet(() => lastEditorKey, KEYS_QUIET_MS)
        await saver.flush()
        if (!saver.dirty || saver.state.kind === 'error' || saver.state.kind === 'conflict') return
      }
    },
    goTo,
    goToLine(line) {
      const doc = view.state.doc
      goTo(doc.line(Math.min(Math.max(line, 1), doc.lines)).from)
    },
  }
}
