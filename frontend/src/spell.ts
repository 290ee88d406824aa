// Spell checking in the editor: the web view's own checker (WebKitGTK's,
// turned on by the app on Linux) checks what is marked spellcheck=true. The
// editor asks for it on prose only: code spans, fenced and indented code,
// HTML, URLs and the front matter are marked spellcheck=false.
import { RangeSetBuilder, type Extension } from '@codemirror/state'
import { Decoration, EditorView, ViewPlugin, type DecorationSet, type ViewUpdate } from '@codemirror/view'
import { syntaxTree } from '@codemirror/language'

/** notProse are the syntax nodes whose text is not checked. */
const notProse = new Set(['Frontmatter', 'FencedCode', 'CodeBlock', 'InlineCode', 'URL', 'Autolink', 'HTMLBlock', 'HTMLTag', 'CommentBlock', 'Comment'])

const noCheck = Decoration.mark({ attributes: { spellcheck: 'false' } })

let enabled = true

/** noSpellRanges lists the [from, to) ranges of the visible text that are not prose. */
export function noSpellRanges(view: { state: EditorView['state']; visibleRanges: readonly { from: number; to: number }[] }): [number, number][] {
  const out: [number, number][] = []
  const tree = syntaxTree(view.state)
  for (const { from, to } of view.visibleRanges) {
    tree.iterate({
      from,
      to,
      enter: (n) => {
        if (!notProse.has(n.name)) return
        const last = out[out.length - 1]
        if (last && n.from <= last[1]) last[1] = Math.max(last[1], n.to)
        else out.push([n.from, n.to])
        return false
      },
    })
  }
  return out
}

function build(view: EditorView): DecorationSet {
  const b = new RangeSetBuilder<Decoration>()
  for (const [from, to] of noSpellRanges(view)) if (to > from) b.add(from, to, noCheck)
  return b.finish()
}

/** spellcheck is the editor's extension: the attribute, and the marks on what is not prose. */
export function spellcheck(): Extension {
  return [
    EditorView.contentAttributes.of(() => ({ spellcheck: enabled ? 'true' : 'false' })),
    ViewPlugin.fromClass(
      class {
        decorations: DecorationSet
        constructor(view: EditorView) {
          this.decorations = build(view)
        }
        update(u: ViewUpdate) {
          if (u.docChanged || u.viewportChanged || syntaxTree(u.startState) !== syntaxTree(u.state)) this.decorations = build(u.view)
        }
      },
      { decorations: (p) => p.decorations },
    ),
  ]
}

/** setSpellcheck turns checking on or off in the editor (the setting). */
export function setSpellcheck(view: EditorView, on: boolean): void {
  enabled = on
  view.dispatch({}) // the attribute is recomputed on the next update
}
