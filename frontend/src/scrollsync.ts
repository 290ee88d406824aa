// Scroll sync between the editor and the preview, both ways, by source line:
// the backend marks every rendered block with data-line (its first line in
// the file), so each pane's scroll position maps to a line and back. Between
// two marked blocks the position is interpolated. Mapping by line rather than
// by proportion keeps the panes aligned past images, embeds and code blocks,
// whose heights differ wildly between source and page.
import type { EditorView } from '@codemirror/view'
import type { Preview } from './preview'

/** An anchor ties a source line to a vertical offset in a pane. */
export interface Anchor {
  line: number
  top: number
}

// segment finds the anchors around value in the sorted list, by key.
function segment(anchors: Anchor[], value: number, key: 'line' | 'top'): [Anchor, Anchor] {
  let lo = 0
  let hi = anchors.length - 1
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if (anchors[mid][key] <= value) lo = mid
    else hi = mid - 1
  }
  return [anchors[lo], anchors[Math.min(lo + 1, anchors.length - 1)]]
}

function interpolate(a: Anchor, b: Anchor, value: number, from: 'line' | 'top', to: 'line' | 'top'): number {
  const span = b[from] - a[from]
  if (span <= 0) return a[to]
  const t = Math.min(1, Math.max(0, (value - a[from]) / span))
  return a[to] + t * (b[to] - a[to])
}

/**
 * normalize sorts anchors by line, keeps the first (topmost) anchor for each
 * line, drops anchors that go back up the page (nested or floated blocks),
 * and brackets them with the start and the end of the document.
 */
export function normalize(anchors: Anchor[], lastLine: number, height: number): Anchor[] {
  const sorted = [...anchors].sort((a, b) => a.line - b.line || a.top - b.top)
  const out: Anchor[] = [{ line: 1, top: 0 }]
  for (const a of sorted) {
    const prev = out[out.length - 1]
    if (a.line <= prev.line || a.top < prev.top) continue
    out.push(a)
  }
  const last = out[out.length - 1]
  if (lastLine + 1 > last.line && height >= last.top) out.push({ line: lastLine + 1, top: height })
  return out
}

/** lineToOffset maps a (fractional) source line to a pane offset. */
export function lineToOffset(anchors: Anchor[], line: number): number {
  const [a, b] = segment(anchors, line, 'line')
  return interpolate(a, b, line, 'line', 'top')
}

/** offsetToLine maps a pane offset to a (fractional) source line. */
export function offsetToLine(anchors: Anchor[], top: number): number {
  const [a, b] = segment(anchors, top, 'top')
  return interpolate(a, b, top, 'top', 'line')
}

// The editor's top visible line, with the fraction of it scrolled past.
function editorTopLine(view: EditorView): number {
  const y = view.scrollDOM.scrollTop - view.documentPadding.top
  const block = view.lineBlockAtHeight(Math.max(0, y))
  const line = view.state.doc.lineAt(block.from).number
  return line + (block.height > 0 ? Math.min(1, Math.max(0, (y - block.top) / block.height)) : 0)
}

function scrollEditorToLine(view: EditorView, line: number): void {
  const n = Math.min(view.state.doc.lines, Math.max(1, Math.floor(line)))
  const block = view.lineBlockAt(view.state.doc.line(n).from)
  view.scrollDOM.scrollTop = block.top + (line - n) * block.height + view.documentPadding.top
}

function previewAnchors(doc: Document, lastLine: number): Anchor[] {
  const win = doc.defaultView!
  const list: Anchor[] = []
  doc.querySelectorAll<HTMLElement>('[data-line]').forEach((el) => {
    const line = Number(el.dataset.line)
    if (Number.isFinite(line)) list.push({ line, top: el.getBoundingClientRect().top + win.scrollY })
  })
  return normalize(list, lastLine, doc.documentElement.scrollHeight - win.innerHeight)
}

// followCaret scrolls the preview down, if needed, until the block holding
// the editor's caret is in view; at the last line of the post, to the end.
function followCaret(doc: Document, view: EditorView): void {
  const win = doc.defaultView!
  const state = view.state
  const caret = state.doc.lineAt(state.selection.main.head).number
  const end = doc.documentElement.scrollHeight - win.innerHeight
  if (caret >= state.doc.lines) {
    if (win.scrollY < end) win.scrollTo({ top: end })
    return
  }
  let block: HTMLElement | null = null
  for (const el of doc.querySelectorAll<HTMLElement>('[data-line]')) {
    if (Number(el.dataset.line) <= caret) block = el
  }
  if (!block) return
  const bottom = block.getBoundingClientRect().bottom + win.scrollY
  const margin = 32
  if (bottom > win.scrollY + win.innerHeight - margin) win.scrollTo({ top: Math.min(end, bottom - win.innerHeight + margin) })
}

// TYPING_MS is how long after a key the writer still counts as typing.
const TYPING_MS = 2000

/**
 * attachScrollSync keeps the preview scrolled to the editor's top line and the
 * editor to the preview's, following whichever pane the writer is using.
 */
export function attachScrollSync(view: EditorView, preview: Preview): void {
  // The pane the writer last touched leads; the other follows. Following
  // only from the leader stops the two scroll handlers from echoing.
  let leader: 'editor' | 'preview' = 'editor'
  const lead = (who: 'editor' | 'preview') => () => (leader = who)
  for (const ev of ['pointerdown', 'wheel', 'keydown', 'focusin']) {
    view.dom.addEventListener(ev, lead('editor'), { passive: true })
  }
  // While the writer types, the preview also keeps the block being typed in
  // on screen: typing below a tall image, the editor's top line stays on the
  // image while the text goes on below it. Typing is text input (not a
  // shortcut such as Ctrl+A); a wheel or a click means the writer went
  // reading, and the preview follows the top line only.
  let typedAt = -Infinity
  view.contentDOM.addEventListener('beforeinput', () => (typedAt = performance.now()), { passive: true })
  for (const ev of ['wheel', 'pointerdown']) view.dom.addEventListener(ev, () => (typedAt = -Infinity), { passive: true })
  const typing = () => view.hasFocus && performance.now() - typedAt < TYPING_MS
  let frame = 0
  const schedule = (fn: () => void) => {
    cancelAnimationFrame(frame)
    frame = requestAnimationFrame(fn)
  }
  // The preview's document is rebuilt when remote content is allowed for a
  // post or blocked again: follow whichever is current.
  let doc: Document | null = null
  const syncPreview = () => {
    if (!doc) return
    const anchors = previewAnchors(doc, view.state.doc.lines)
    doc.defaultView?.scrollTo({ top: lineToOffset(anchors, editorTopLine(view)) })
    if (typing()) followCaret(doc, view)
  }
  view.scrollDOM.addEventListener('scroll', () => leader === 'editor' && schedule(syncPreview), { passive: true })
  // New content moves blocks: re-align the preview to the editor.
  preview.onUpdate(() => leader === 'editor' && schedule(syncPreview))
  preview.onDocument((d) => {
    doc = d
    const win = d.defaultView!
    for (const ev of ['pointerdown', 'wheel', 'keydown']) {
      d.addEventListener(ev, lead('preview'), { passive: true })
    }
    win.addEventListener(
      'scroll',
      () =>
        leader === 'preview' &&
        schedule(() => scrollEditorToLine(view, offsetToLine(previewAnchors(d, view.state.doc.lines), win.scrollY))),
      { passive: true },
    )
  })
}
