// The preview's problems list: what in the post will not render as the
// author meant (an unknown shortcode, an unclosed highlight), each with its
// line; a click takes the editor there.

import { h } from './dom'

export interface Problem {
  line: number
  message: string
}

/** summary is the list's heading: "1 problem", "3 problems", or "" for none. */
export function summary(problems: readonly Problem[]): string {
  const n = problems.length
  return n === 0 ? '' : `${n} ${n === 1 ? 'problem' : 'problems'}`
}

/** label is one entry: "Line 12: unknown shortcode 'x'" (no line: the message). */
export function label(p: Problem): string {
  return p.line > 0 ? `Line ${p.line}: ${p.message}` : p.message
}

/** sameProblems tells whether a render changed the list, so that typing does not rebuild it. */
export function sameProblems(a: readonly Problem[], b: readonly Problem[]): boolean {
  return a.length === b.length && a.every((p, i) => p.line === b[i].line && p.message === b[i].message)
}

export class ProblemsList {
  private shown: Problem[] = []

  constructor(
    private readonly el: HTMLElement,
    private readonly pick: (line: number) => void,
  ) {
    el.hidden = true
  }

  show(problems: readonly Problem[] | null | undefined): void {
    const list = problems ?? []
    if (sameProblems(list, this.shown)) return
    this.shown = [...list]
    this.el.hidden = list.length === 0
    this.el.replaceChildren(
      h('div', { class: 'problems-head' }, summary(list)),
      h('ul', {}, ...list.map((p) => h('li', {}, h('button', { type: 'button', onclick: () => p.line > 0 && this.pick(p.line) }, label(p))))),
    )
  }
}
