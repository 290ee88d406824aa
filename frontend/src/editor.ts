// The Markdown editor: CodeMirror 6 configured for prose.
import { EditorState, type Extension } from '@codemirror/state'
import {
  EditorView,
  keymap,
  drawSelection,
  highlightActiveLine,
  highlightSpecialChars,
  dropCursor,
  rectangularSelection,
  placeholder,
} from '@codemirror/view'
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands'
import { markdown, markdownLanguage } from '@codemirror/lang-markdown'
import { languages } from '@codemirror/language-data'
import { syntaxHighlighting, defaultHighlightStyle, bracketMatching } from '@codemirror/language'
import { searchKeymap, highlightSelectionMatches } from '@codemirror/search'

export interface EditorOptions {
  parent: HTMLElement
  doc: string
  onChange: (text: string) => void
  onCursor?: (line: number, col: number) => void
}

/** prose returns the extensions that make CodeMirror a writing editor. */
export function prose(): Extension {
  return [
    highlightSpecialChars(),
    history(),
    drawSelection(),
    dropCursor(),
    rectangularSelection(),
    highlightActiveLine(),
    highlightSelectionMatches(),
    bracketMatching(),
    EditorView.lineWrapping,
    // Fenced code is highlighted by its info string's language, loaded on demand.
    markdown({ base: markdownLanguage, codeLanguages: languages }),
    syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
    placeholder('Start writing…'),
    keymap.of([...defaultKeymap, ...historyKeymap, ...searchKeymap, indentWithTab]),
  ]
}

export function createEditor(opts: EditorOptions): EditorView {
  return new EditorView({
    parent: opts.parent,
    state: EditorState.create({
      doc: opts.doc,
      extensions: [
        prose(),
        EditorView.updateListener.of((u) => {
          if (u.docChanged) opts.onChange(u.state.doc.toString())
          if ((u.selectionSet || u.docChanged) && opts.onCursor) {
            const head = u.state.selection.main.head
            const line = u.state.doc.lineAt(head)
            opts.onCursor(line.number, head - line.from + 1)
          }
        }),
      ],
    }),
  })
}
