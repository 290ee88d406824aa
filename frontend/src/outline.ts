// The outline: a pane listing the post's headings, indented by level, with
// the section holding the caret marked. Headings come from CodeMirror's
// Markdown syntax tree, so a "#" in fenced code or front matter is never one.
import { EditorSelection, type EditorState, type Extension } from '@codemirror/state'
import { EditorView, ViewPlugin, type ViewUpdate } from '@codemirror/view'
import { ensureSyntaxTree, syntaxTree } from '@codemirror/language'
import { h } from './dom'

export interface Heading {
  level: number
  text: string
  /** from is where the heading's line starts in the document. */
  from: number
}

const headingNode = /^(?:ATXHeading([1-6])|SetextHeading([12]))$/

/** headingText is a heading's source without its marks: "## Why *this*" is "Why this". */
export function headingText(src: string, setext: boolean): string {
  let s = setext ? src.split('\n')[0] : src.replace(/^ {0,3}#{1,6}(?=\s|$)/, '').replace(/\s#+\s*$/, '')
  s = s.replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/[*_`~]+/g, '')
  return s.trim()
}

/**
 * headings lists the Markdown headings of state's document in order,
 * parsing for at most budget ms more.
 */
export function headings(state: EditorState, budget = 50): Heading[] {
  // The whole tree, not only what the viewport made the parser read; a
  // long post parses within the time given, or the outline shows what is
  // parsed and fills in on the next update.
  const tree = ensureSyntaxTree(state, state.doc.length, budget) ?? syntaxTree(state)
  const out: Heading[] = []
  tree.iterate({
    enter: (n) => {
      const m = headingNode.exec(n.name)
      if (!m) return
      const setext = !!m[2]
      const text = headingText(state.doc.sliceString(n.from, n.to), setext)
      if (text) out.push({ level: Number(m[1] ?? m[2]), text, from: n.from })
      return false
    },
  })
  return out
}

/** currentIndex is the heading whose section holds pos, or -1 before the first. */
export function currentIndex(list: Heading[], pos: number): number {
  let i = -1
  for (let k = 0; k < list.length && list[k].from <= pos; k++) i = k
  return i
}

/** Outline is the pane; its extension keeps it up to date with the editor. */
export class Outline {
  readonly el: HTMLElement
  private readonly list: HTMLOListElement
  private view: EditorView | null = null
  private items: Heading[] = []
  private current = -1
  private timer: ReturnType<typeof setTimeout> | null = null

  /** The pane goes first in editorPane, beside the editor. */
  constructor(editorPane: HTMLElement) {
    this.list = h('ol', { class: 'outline-list' }) as HTMLOListElement
    this.el = h('nav', { class: 'outline', id: 'outline', 'aria-label': 'Outline', hidden: true, tabindex: -1 }, h('h2', {}, 'Outline'), this.list)
    this.el.addEventListener('keydown', (e) => this.onKey(e))
    editorPane.prepend(this.el)
  }

  get open(): boolean {
    return !this.el.hidden
  }

  /** toggle shows or hides the pane; shown, it takes the focus to the current heading. */
  toggle(show = !this.open): void {
    this.el.hidden = !show
    this.el.parentElement?.classList.toggle('outline-open', show)
    if (!show) {
      this.view?.focus()
      return
    }
    if (this.view) this.refresh(this.view.state)
    const b = this.buttons()[Math.max(this.current, 0)]
    ;(b ?? this.el).focus()
  }

  /**
   * extension keeps the pane up to date with the editor: a change re-reads
   * the headings, a move of the caret re-marks. A plugin, not a listener,
   * so that the next post (a new editor state) is read too.
   */
  extension(): Extension {
    const outline = this
    return ViewPlugin.fromClass(
      class {
        constructor(view: EditorView) {
          outline.view = view
          outline.schedule(0)
        }
        update(u: ViewUpdate) {
          if (u.docChanged || syntaxTree(u.startState) !== syntaxTree(u.state)) outline.schedule(150)
          else if (u.selectionSet && outline.open) outline.mark(currentIndex(outline.items, u.state.selection.main.head))
        }
      },
    )
  }

  /** schedule re-reads the headings after a pause in typing (once per pause, not per key). */
  private schedule(ms: number): void {
    if (!this.open) return
    if (this.timer) clearTimeout(this.timer)
    this.timer = setTimeout(() => this.view && this.refresh(this.view.state), ms)
  }

  private refresh(state: EditorState): void {
    this.timer = null
    this.items = headings(state)
    const base = Math.min(...this.items.map((x) => x.level))
    this.list.replaceChildren(
      ...this.items.map((x, i) =>
        h('li', { style: `--depth: ${x.level - base}` },
          h('button', { type: 'button', class: 'outline-item', 'data-level': String(x.level), onclick: () => this.go(i) }, x.text)),
      ),
    )
    if (!this.items.length) this.list.append(h('li', { class: 'outline-empty' }, 'No headings'))
    this.current = -2
    this.mark(currentIndex(this.items, state.selection.main.head))
  }

  private buttons(): HTMLButtonElement[] {
    return Array.from(this.list.querySelectorAll<HTMLButtonElement>('button.outline-item'))
  }

  private mark(i: number): void {
    if (i === this.current) return
    this.current = i
    this.buttons().forEach((b, k) => {
      if (k === i) b.setAttribute('aria-current', 'location')
      else b.removeAttribute('aria-current')
    })
    this.buttons()[i]?.scrollIntoView({ block: 'nearest' })
  }

  /** go moves the editor's caret to heading i and scrolls it to the top (the preview follows the editor). */
  private go(i: number): void {
    const v = this.view
    const x = this.items[i]
    if (!v || !x) return
    const pos = Math.min(x.from, v.state.doc.length)
    // Focus first: the preview follows the scroll of the pane that has the
    // writer's attention (scrollsync.ts).
    v.focus()
    v.dispatch({
      selection: EditorSelection.cursor(pos),
      effects: EditorView.scrollIntoView(pos, { y: 'start', yMargin: 24 }),
      userEvent: 'select',
    })
    this.mark(i)
  }

  private onKey(e: KeyboardEvent): void {
    if (e.key === 'Escape') {
      e.preventDefault()
      this.toggle(false)
      return
    }
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return
    const bs = this.buttons()
    const at = bs.indexOf(document.activeElement as HTMLButtonElement)
    const next = bs[Math.min(Math.max(at + (e.key === 'ArrowDown' ? 1 : -1), 0), bs.length - 1)]
    if (next) {
      e.preventDefault()
      next.focus()
    }
  }
}
