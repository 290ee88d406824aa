// The Markdown editor: CodeMirror 6 configured for prose. Features are
// factories returning an Extension; the commands are in commands.ts.
import { EditorState, type Extension } from '@codemirror/state'
import {
  EditorView,
  keymap,
  type Command,
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
import { yamlFrontmatter } from '@codemirror/lang-yaml'
import { syntaxHighlighting, syntaxTree, HighlightStyle, bracketMatching, indentOnInput } from '@codemirror/language'
import { search, searchKeymap, highlightSelectionMatches } from '@codemirror/search'
import { tags as t } from '@lezer/highlight'
import { insertLink, setHeading, toggleBold, toggleCode, toggleItalic } from './commands'
import { imageInput } from './images'

export interface EditorOptions {
  parent: HTMLElement
  doc: string
  onChange: (text: string) => void
  onCursor?: (line: number, col: number) => void
  onBlur?: () => void
  /** onFiles gets files pasted or dropped into the editor and where they go (images.ts). */
  onFiles?: (files: File[], pos: number) => void
  /** onBarePaste gets a paste that carried no data the page can read (an image on Linux). */
  onBarePaste?: (pos: number) => void
  /** extensions are added to every post's state (the outline's listener, say). */
  extensions?: Extension
  /** perState makes extensions anew for each post's state (a setting's current choice: Vim keys). */
  perState?: () => Extension
}

/** proseHighlight colours Markdown and fenced code with the app's CSS variables, so it follows light and dark. */
const proseHighlight = HighlightStyle.define([
  { tag: t.heading1, fontWeight: '700', fontSize: '1.3em' },
  { tag: t.heading2, fontWeight: '700', fontSize: '1.15em' },
  { tag: [t.heading3, t.heading4, t.heading5, t.heading6], fontWeight: '700' },
  { tag: t.emphasis, fontStyle: 'italic' },
  { tag: t.strong, fontWeight: '700' },
  { tag: t.strikethrough, textDecoration: 'line-through' },
  { tag: [t.link, t.url], color: 'var(--accent)' },
  { tag: [t.processingInstruction, t.meta, t.contentSeparator], color: 'var(--muted)' },
  { tag: t.monospace, color: 'var(--code)' },
  { tag: t.quote, color: 'var(--muted)', fontStyle: 'italic' },
  { tag: [t.keyword, t.operatorKeyword, t.controlKeyword, t.definitionKeyword, t.moduleKeyword], color: 'var(--hl-keyword)' },
  { tag: [t.string, t.special(t.string), t.regexp], color: 'var(--hl-string)' },
  { tag: [t.comment, t.lineComment, t.blockComment], color: 'var(--muted)', fontStyle: 'italic' },
  { tag: [t.number, t.bool, t.null, t.atom], color: 'var(--hl-number)' },
  { tag: [t.function(t.variableName), t.function(t.propertyName), t.typeName, t.className], color: 'var(--hl-func)' },
  { tag: [t.propertyName, t.attributeName], color: 'var(--hl-prop)' },
  { tag: t.invalid, color: 'var(--danger)' },
])

/** searchPhrases labels the find panel's controls as the rest of the window labels its own. */
const searchPhrases = EditorState.phrases.of({
  next: 'Next',
  previous: 'Previous',
  all: 'Select all',
  'match case': 'Match case',
  regexp: 'Regular expression',
  'by word': 'Whole word',
  replace: 'Replace',
  'replace all': 'Replace all',
  close: 'Close',
})

/** A key of the editor's own, with what it does (Help › Keyboard Shortcuts lists them). */
export interface EditorShortcut {
  key: string
  run: Command
  label: string
}

/** formatShortcuts: bold, italic, code, link and headings. */
export const formatShortcuts: readonly EditorShortcut[] = [
  { key: 'Mod-b', run: toggleBold, label: 'Bold' },
  { key: 'Mod-i', run: toggleItalic, label: 'Italic' },
  { key: 'Mod-e', run: toggleCode, label: 'Code' },
  { key: 'Mod-k', run: insertLink, label: 'Link' },
  ...[1, 2, 3, 4, 5, 6].map((n) => ({ key: `Mod-Alt-${n}`, run: setHeading(n), label: `Heading ${n}` })),
  { key: 'Mod-Alt-0', run: setHeading(0), label: 'Plain paragraph' },
]

/** formatKeymap binds formatShortcuts. */
function formatKeymap(): Extension {
  return keymap.of(formatShortcuts.map(({ key, run }) => ({ key, run })))
}

/**
 * closingFence puts a fence typed to close a code block at the opening
 * fence's indentation: Enter inside the block indents by the code's own
 * rules (a tab inside a Go function), and the ``` typed on that line would
 * otherwise stay indented, which Markdown reads as code, not as the end.
 */
function closingFence(): Extension {
  return EditorView.inputHandler.of((view, from, to, text) => {
    if (text !== '`' && text !== '~') return false
    const { state } = view
    const line = state.doc.lineAt(from)
    if (to > line.to || state.sliceDoc(to, line.to).trim() !== '') return false
    const m = /^([ \t]+)(`{3,}|~{3,})$/.exec(state.sliceDoc(line.from, from) + text)
    if (!m) return false
    let node = syntaxTree(state).resolveInner(from, -1)
    while (node.name !== 'FencedCode' && node.parent) node = node.parent
    if (node.name !== 'FencedCode' || node.from >= line.from) return false
    const open = state.doc.lineAt(node.from)
    const o = /^([ \t]*)(`{3,}|~{3,})/.exec(open.text)
    if (!o || o[2][0] !== m[2][0] || m[2].length < o[2].length || o[1] === m[1]) return false
    const insert = o[1] + m[2]
    view.dispatch({ changes: { from: line.from, to, insert }, selection: { anchor: line.from + insert.length }, userEvent: 'input.type', scrollIntoView: true })
    return true
  })
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
    // Other places of a selected word are marked; a letter or a part of a
    // word selected is not (it lit up every 'e' in the post).
    highlightSelectionMatches({ minSelectionLength: 2, wholeWords: true }),
    bracketMatching(),
    // A typed '}' in a code fence goes back to its block's indentation (by
    // the fence language's own rule).
    indentOnInput(),
    closingFence(),
    EditorView.lineWrapping,
    // Fenced code is highlighted by its info string's language, loaded on
    // demand; Enter continues lists and quotes (the Markdown keymap).
    // The YAML front matter at the top is highlighted as YAML.
    yamlFrontmatter({ content: markdown({ base: markdownLanguage, codeLanguages: languages }) }),
    syntaxHighlighting(proseHighlight),
    search({ top: true }),
    searchPhrases,
    placeholder('Start writing…'),
    formatKeymap(),
    keymap.of([...defaultKeymap, ...historyKeymap, ...searchKeymap, indentWithTab]),
  ]
}

/** Editor owns the view; each post gets its own state, so undo never crosses posts. */
export class Editor {
  readonly view: EditorView
  private readonly extensions: Extension
  private readonly perState: () => Extension

  constructor(opts: EditorOptions) {
    this.extensions = [
      prose(),
      EditorView.updateListener.of((u) => {
        if (u.docChanged) opts.onChange(u.state.doc.toString())
        if ((u.selectionSet || u.docChanged) && opts.onCursor) {
          const head = u.state.selection.main.head
          const line = u.state.doc.lineAt(head)
          opts.onCursor(line.number, head - line.from + 1)
        }
        if (u.focusChanged && !u.view.hasFocus) opts.onBlur?.()
      }),
      opts.onFiles ? imageInput(opts.onFiles, opts.onBarePaste) : [],
      opts.extensions ?? [],
    ]
    this.perState = opts.perState ?? (() => [])
    this.view = new EditorView({ parent: opts.parent, state: this.stateFor(opts.doc) })
  }

  stateFor(doc: string, cursor?: number, extra: Extension = []): EditorState {
    return EditorState.create({
      doc,
      extensions: [this.perState(), this.extensions, extra],
      selection: cursor !== undefined ? { anchor: Math.min(cursor, doc.length) } : undefined,
    })
  }

  /** load shows another post (a fresh undo history), the cursor at the start of its body. */
  load(doc: string, cursor = 0, extra: Extension = []): void {
    this.view.setState(this.stateFor(doc, cursor, extra))
  }

  get text(): string {
    return this.view.state.doc.toString()
  }

  /** replaceAll replaces the whole text as one undoable change. */
  replaceAll(text: string): void {
    this.view.dispatch({ changes: { from: 0, to: this.view.state.doc.length, insert: text }, userEvent: 'input.replace' })
  }
}
