import './style.css'
import { api, type OpenPost, type RenderedPreview } from './api'
import { Editor } from './editor'
import { Preview } from './preview'
import { attachScrollSync } from './scrollsync'
import { openExportDialog } from './exportdialog'
import { initPublish, openPublish } from './publish'
import { showProgress } from './progressdialog'
import { RenderScheduler } from './schedule'
import { AutoSaver, describeState, type SaveState } from './saver'
import { Library } from './library'
import { SettingsPanel } from './panel'
import { HistoryPanel } from './history'
import { MediaPanel } from './mediapanel'
import { defaultAlt, imageMarkdown, insertImages, uploadFile } from './images'
import { Layout, narrowQuery, parseLayout, togglePreview, type Mode } from './layout'
import { quickOpen, RecentPosts } from './quickopen'
import { ask, choose } from './dialog'
import { splitHead } from './frontmatter'
import { bodyCount, bodyStats, formatStats } from './stats'
import { ProblemsList } from './problems'
import { EditorSelection, EditorState, type Extension } from '@codemirror/state'
import { EditorView, showPanel } from '@codemirror/view'
import { openSearchPanel } from '@codemirror/search'
import { undo, redo } from '@codemirror/commands'
import { insertLink, toggleBold, toggleItalic } from './commands'
import { $, formatSize, h } from './dom'
import { commandForKey } from './keys'
import { returnFocusAfterDialogs } from './focusreturn'
import { Outline } from './outline'
import { setSpellcheck, spellcheck } from './spell'
import { openReplaceAll, resultMessage } from './replaceall'
import { openShortcuts } from './shortcuts'
import { defineWrite, setVim, vimEnabled, vimKeys, vimWantsEscape, VIM_SETTING } from './vimmode'
import { followFocusMode, typewriter } from './typewriter'
import { editorA11y } from './a11y'
import type { ReplaceMatch, ReplaceResult } from './api/replace'
import { applyTheme, currentTheme, followThemeInFrame, initTheme, nextTheme, THEME_SETTING, type ThemeChoice } from './theme'

initTheme()

const errorBanner = $<HTMLDivElement>('error')
let errorTimer: ReturnType<typeof setTimeout> | null = null
/** showError shows a backend error (or a notice) as a readable message in the window. */
/** A button offered beside a message (Undo, say). */
interface BannerAction {
  label: string
  run: () => void
}

function showError(err: Error | null, kind: 'error' | 'info' = 'error', action?: BannerAction): void {
  if (errorTimer) clearTimeout(errorTimer)
  errorBanner.hidden = err === null
  errorBanner.dataset.kind = kind
  errorBanner.replaceChildren()
  if (!err) return
  errorBanner.append(h('span', {}, err.message))
  if (action) {
    errorBanner.append(h('button', { class: 'banner-action', onclick: () => { showError(null); action.run() } }, action.label))
  }
  errorBanner.append(h('button', { class: 'banner-close', 'aria-label': 'Dismiss', onclick: () => showError(null) }, '×'))
  errorTimer = setTimeout(() => showError(null), kind === 'info' && !action ? 5000 : 15000)
}
const fail = (e: unknown) => showError(e instanceof Error ? e : new Error(String(e)))

async function main(): Promise<void> {
  const appEl = $<HTMLElement>('app')
  const start = await api.start()
  const layout = new Layout(appEl, parseLayout(start.layout), (s) => saveSetting('layout', JSON.stringify(s)))

  // The preview and the editor; scroll sync attaches to these two.
  const preview = new Preview($<HTMLIFrameElement>('preview'), await api.themeCSS().catch(() => ''))
  preview.linksTo(api.openExternal)
  followThemeInFrame($<HTMLIFrameElement>('preview'))
  // Remote content (images and media from other hosts) loads only in posts
  // the writer allowed it for; the choice is a window setting per post.
  const remoteKey = (id: number) => `remote-content:${id}`
  const remoteAllowed = new Map<number, boolean>()
  let remoteFor: number | null = null
  /** rememberRemote keeps the writer's Load for post id. */
  const rememberRemote = (id: number) => {
    remoteAllowed.set(id, true)
    api.setSetting(remoteKey(id), 'allow').catch(fail)
  }
  /** allowRemoteFor sets the preview's policy for the post now in the editor. */
  const allowRemoteFor = (id: number | null) => {
    remoteFor = id
    // Blocked until the setting says otherwise: a render may come first.
    preview.newPost(id !== null && remoteAllowed.get(id) === true)
    if (id === null || remoteAllowed.has(id)) return
    api.getSetting(remoteKey(id)).then((v) => {
      remoteAllowed.set(id, v === 'allow')
      if (remoteFor === id) preview.setRemoteAllowed(v === 'allow')
    }, fail)
  }
  preview.onAllowRemote(() => {
    preview.setRemoteAllowed(true)
    // In the blank editor it is kept once typing makes the post.
    if (remoteFor !== null) rememberRemote(remoteFor)
  })

  let current: OpenPost | null = null
  // Posts opened or edited lately, for quick open; kept as a window setting.
  const recent = new RecentPosts(api.getSetting('recent-posts'), (v) => saveSetting('recent-posts', v))
  let currentTrashed = false // current was opened from the trash
  let counts = ''
  let cursor = 'Ln 1, Col 1'
  const statusbar = $<HTMLElement>('statusbar')
  const paintStatus = () => (statusbar.textContent = [counts, cursor].filter(Boolean).join('  ·  '))
  const saveState = $<HTMLElement>('status')
  const docTitle = $<HTMLElement>('doc-title')
  /** showTitle shows the post's title in the toolbar and the window's title bar. */
  const showTitle = (title: string) => {
    docTitle.textContent = title
    api.setWindowTitle(current ? `${title || 'Untitled'} — Quire` : 'Quire')
  }

  // What will not render as meant, under the preview; a click takes the
  // editor to its line.
  const problems = new ProblemsList($<HTMLElement>('preview-problems'), (line) => {
    const doc = view.state.doc
    const at = doc.line(Math.min(Math.max(line, 1), doc.lines)).from
    view.focus()
    view.dispatch({ selection: EditorSelection.cursor(at), effects: EditorView.scrollIntoView(at, { y: 'center' }), userEvent: 'select' })
  })

  const scheduler = new RenderScheduler<RenderedPreview>(
    (text) => api.renderPreview(text),
    (res) => {
      void preview.show({ title: res.title, html: res.html, meta: res.meta })
      problems.show(res.problems)
      showTitle(res.title)
    },
    (err) => showError(err),
  )

  const saver = new AutoSaver({
    save: async (text, revision, explicit) => {
      if (!current) {
        // Typing into the blank editor makes a new post.
        const created = await api.createPost('')
        current = created
        if (remoteFor === null && preview.remoteAllowed()) rememberRemote(created.id)
        remoteFor = created.id
        revision = created.revision
        library.select(created.id)
        saveSetting('last-post', String(created.id))
      }
      return api.savePost(current.id, revision, text, explicit)
    },
    keep: (text) => (current ? api.keepRecovery(current.id, text) : Promise.resolve()),
    onState: (s: SaveState) => {
      saveState.textContent = describeState(s)
      saveState.dataset.state = s.kind
      saveState.title = s.kind === 'error' || s.kind === 'conflict' ? s.message : ''
    },
    onSaved: () => {
      if (current) recent.touch(current.id)
      queueLibraryRefresh()
      if (layout.state.panel === 'history') void historyPanel.refresh()
      if (layout.state.panel === 'media') void mediaPanel.refresh()
    },
    onConflict: (c, text) => void resolveConflict(c, text),
  })

  let panelTimer: ReturnType<typeof setTimeout> | null = null
  const outline = new Outline($<HTMLElement>('editor'))
  const editor = new Editor({
    parent: $<HTMLElement>('editor'),
    doc: '',
    onChange: (text) => {
      scheduler.update(text)
      saver.changed(text)
      // Counted edit by edit (stats.ts), so the count is the text's at once.
      updateStats()
      if (layout.state.panel === 'settings') {
        if (panelTimer) clearTimeout(panelTimer)
        panelTimer = setTimeout(() => void settingsPanel.refresh(), 250)
      }
    },
    onCursor: (line, col) => {
      cursor = `Ln ${line}, Col ${col}`
      paintStatus()
    },
    onBlur: () => void saver.flush(),
    onFiles: (files, pos) => void addImages(files, pos),
    onBarePaste: (pos) => void pasteFromClipboard(pos),
    extensions: [outline.extension(), spellcheck(), bodyCount, editorA11y()],
    perState: () => [vimKeys(), typewriter()],
  })
  const view = editor.view
  // Reachable for the end-to-end tests (the editor's full text is not in the
  // DOM: CodeMirror draws only the lines in view).
  ;(window as unknown as { quire: object }).quire = { view, preview }
  // DOM listeners only, so it survives the editor swapping its state per post.
  attachScrollSync(view, preview)
  void api.spellCheck().then((c) => setSpellcheck(view, c.enabled), () => {})
  followFocusMode(appEl, view)
  defineWrite(() => void saver.flush(true))
  void api.getSetting(VIM_SETTING).then((v) => v === '1' && setVim(view, true), () => {})

  // Keys typed into the editor can still be on their way when a click asks
  // for another post: WebKit hands key events to the page one at a time and
  // mouse events on a queue of their own, so on a busy machine a click
  // overtakes the end of a sentence. A switch therefore waits until the
  // editor's keys have been quiet for a moment, then saves what they typed.
  let lastEditorKey = 0
  view.contentDOM.addEventListener('keydown', () => (lastEditorKey = performance.now()), true)
  const KEYS_QUIET_MS = 300
  /** keysQuiet resolves once last() is quietMs in the past, or after capMs at most. */
  async function keysQuiet(last: () => number, quietMs: number, capMs = Infinity): Promise<void> {
    const started = performance.now()
    while (performance.now() - last() < quietMs && performance.now() - started < capMs) await new Promise((r) => setTimeout(r, 30))
  }
  /** settle waits for the editor's pending keys and saves the post (again if keys came during the save). */
  async function settle(): Promise<void> {
    for (;;) {
      await keysQuiet(() => lastEditorKey, KEYS_QUIET_MS)
      await saver.flush()
      if (!saver.dirty || saver.state.kind === 'error' || saver.state.kind === 'conflict') return
    }
  }
  // A click on a post or a toolbar button leaves the keyboard in the editor,
  // so keys still arriving land in the post they were typed for (and typing
  // goes on in the post just opened).
  document.addEventListener('mousedown', (e) => {
    if (view.hasFocus && (e.target as HTMLElement).closest?.('.lib-item, .lib-new, [data-command], [data-mode-button]')) e.preventDefault()
  }, true)
  returnFocusAfterDialogs(() => view.focus())

  function updateStats(): void {
    counts = formatStats(bodyStats(view.state.field(bodyCount)))
    paintStatus()
  }

  const library = new Library($<HTMLElement>('library'), {
    open: (id) => {
      // In a narrow window the library floats over the editor: a post
      // picked there closes it and the keyboard goes to the post.
      if (layout.libraryShown && window.matchMedia(narrowQuery).matches) {
        layout.toggleLibrary(false)
        view.focus()
      }
      void openPost(id)
    },
    create: () => void newPost(),
    error: fail,
  })
  let libTimer: ReturnType<typeof setTimeout> | null = null
  function queueLibraryRefresh(): void {
    if (libTimer) clearTimeout(libTimer)
    libTimer = setTimeout(() => {
      void library.reload(true)
      void refreshCounts()
    }, 400)
  }
  async function refreshCounts(): Promise<void> {
    try {
      const [cats, tags] = await library.refreshCounts()
      settingsPanel.completions(cats, tags)
    } catch (e) {
      fail(e)
    }
  }

  const settingsPanel = new SettingsPanel($<HTMLElement>('settings-panel'), {
    text: () => editor.text,
    postId: () => current?.id ?? 0,
    replaceHead: (end, head) => view.dispatch({ changes: { from: 0, to: end, insert: head }, userEvent: 'input.frontmatter' }),
  })
  const historyPanel = new HistoryPanel($<HTMLElement>('history-panel'), {
    postId: () => current?.id ?? 0,
    text: () => editor.text,
    restored: async (id) => {
      const o = await api.openPost(id)
      show(o)
      queueLibraryRefresh()
    },
    error: fail,
  })

  const mediaPanel = new MediaPanel($<HTMLElement>('media-panel'), {
    insert: (item) => void insertFromLibrary(`media/${item.name}`, item.original),
    add: () => insertImageFromDialog(),
    open: (id) => void openPost(id),
    error: fail,
  })

  /** askAlt asks for an image's alt text; null when the insertion is cancelled. */
  function askAlt(suggest: string, what: string): Promise<string | null> {
    return ask('Describe the image', `Alt text for ${what}: what it shows, for readers who cannot see it`, suggest, null, 'Insert')
  }

  /** putImages inserts image Markdown at pos (clamped to the text as it is now) and gives the editor focus. */
  function putImages(pos: number, md: string[]): void {
    if (!md.length) return
    view.dispatch(insertImages(Math.min(pos, view.state.doc.length), md))
    view.focus()
    if (layout.state.panel === 'media') void mediaPanel.refresh()
  }

  /** addImages stores pasted or dropped files in the media library and inserts them at pos. */
  async function addImages(files: File[], pos: number): Promise<void> {
    const md: string[] = []
    for (const f of files) {
      try {
        const big = f.size > 2 * 1024 * 1024
        if (big) showError(new Error(`Adding ${f.name || 'the image'} (${formatSize(f.size)})…`), 'info')
        const added = await uploadFile(f, api)
        if (big) showError(null)
        const alt = await askAlt(defaultAlt(f.name), f.name || 'the pasted image')
        if (alt !== null) md.push(imageMarkdown(alt, added.link))
      } catch (e) {
        fail(e)
      }
    }
    putImages(pos, md)
  }

  /** pasteFromClipboard adds the clipboard's image (read by the backend) and inserts it at pos. */
  async function pasteFromClipboard(pos: number): Promise<void> {
    try {
      const added = await api.pasteImage()
      if (!added) return
      const alt = await askAlt('', 'the pasted image')
      if (alt !== null) putImages(pos, [imageMarkdown(alt, added.link)])
    } catch (e) {
      fail(e)
    }
  }

  /** insertImageFromDialog asks for an image file, adds it and inserts it at the cursor. */
  async function insertImageFromDialog(): Promise<void> {
    try {
      const path = await api.chooseImage()
      if (!path) return
      const added = await api.addImageFile(path)
      const name = path.replace(/^.*[\\/]/, '')
      const alt = await askAlt(defaultAlt(name), name)
      if (alt !== null) putImages(view.state.selection.main.head, [imageMarkdown(alt, added.link)])
    } catch (e) {
      fail(e)
    }
  }

  async function insertFromLibrary(link: string, original: string): Promise<void> {
    const alt = await askAlt(defaultAlt(original), original || 'the image')
    if (alt !== null) putImages(view.state.selection.main.head, [imageMarkdown(alt, link)])
  }

  /** show puts an opened post into the editor. */
  function show(o: OpenPost, trashed = false): void {
    current = o
    currentTrashed = trashed
    allowRemoteFor(o.id)
    const t0 = performance.now()
    editor.load(o.text, splitHead(o.text).end, trashed ? trashedView(o.id) : [])
    saver.load(o.text, o.revision, new Date(o.updated))
    performance.measure('quire:switch-editor', { start: t0, end: performance.now() })
    showTitle(o.title)
    // The status bar follows the caret of the post just opened.
    const head = view.state.selection.main.head
    const line = view.state.doc.lineAt(head)
    cursor = `Ln ${line.number}, Col ${head - line.from + 1}`
    scheduler.update(o.text)
    updateStats()
    library.select(o.id)
    recent.touch(o.id)
    if (layout.state.panel === 'settings') void settingsPanel.refresh()
    if (layout.state.panel === 'history') void historyPanel.refresh()
  }

  /** showNothing empties the editor and the preview: no post is open (typing makes one). */
  function showNothing(): void {
    current = null
    currentTrashed = false
    allowRemoteFor(null)
    editor.load('')
    saver.load('', 0)
    showTitle('')
    cursor = 'Ln 1, Col 1'
    scheduler.update('')
    updateStats()
    library.select(0)
  }

  // A post deleted for good from the trash is gone: the editor must not go
  // on showing it (or save it back). Its neighbour in the trash opens, or
  // nothing when the trash was emptied.
  library.root.addEventListener('library:purged', (e) => {
    const d = (e as CustomEvent<{ id?: number; next: number | null }>).detail
    if (!current || (d.id === undefined ? !currentTrashed : d.id !== current.id)) return
    showNothing()
    if (d.next) void openPost(d.next)
  })

  /** trashedView: a post in the trash reads but does not take typing, under a bar offering Restore. */
  function trashedView(id: number): Extension {
    const bar = h('div', { class: 'trash-bar', role: 'status' },
      h('span', {}, 'This post is in the trash. Restore it to edit it.'),
      h('button', { class: 'trash-restore', onclick: () => void restoreFromTrash(id) }, 'Restore'))
    return [EditorState.readOnly.of(true), EditorView.editable.of(false), showPanel.of(() => ({ dom: bar, top: true }))]
  }

  async function restoreFromTrash(id: number): Promise<void> {
    try {
      await api.restorePost(id)
      if (library.inTrash) library.showTrash(false)
      if (current?.id !== id) return
      show(await api.openPost(id))
      queueLibraryRefresh()
      view.focus()
    } catch (e) {
      fail(e)
    }
  }

  let switching = 0
  async function openPost(id: number): Promise<void> {
    if (current?.id === id) return
    const gen = ++switching
    try {
      await settle()
      const t0 = performance.now()
      // A post picked from the trash is in the trash: the library lists nothing else there.
      const trashed = library.inTrash
      const o = await api.openPost(id)
      await settle() // keys that came while the post was read
      if (gen !== switching) return // another post was asked for meanwhile
      show(o, trashed)
      performance.measure('quire:switch', { start: t0, end: performance.now() })
      saveSetting('last-post', String(id))
      if (o.recovery) void offerRecovery(o).catch(fail)
    } catch (e) {
      fail(e)
    }
  }

  async function offerRecovery(o: OpenPost): Promise<void> {
    const choice = await choose('Unsaved text found', `“${o.title || 'Untitled'}” has text that was typed but never saved (the app closed, or the front matter had an error). Bring it back?`, [
      { id: 'restore', label: 'Bring it back', primary: true },
      { id: 'discard', label: 'Discard it' },
    ])
    if (current?.id !== o.id) return
    if (choice === 'restore' && o.recovery) editor.replaceAll(o.recovery)
    else if (choice === 'discard') await api.discardRecovery(o.id).catch(fail)
  }

  async function resolveConflict(c: { current: number; saved: number; message: string }, _text: string): Promise<void> {
    const id = current?.id
    if (!id) return
    const choice = await choose(
      'This post changed somewhere else',
      `While you were writing, the post was changed outside this window (it is now revision #${c.current}). Nothing was overwritten: your text is kept as revision #${c.saved}. Which version should go on?`,
      [
        { id: 'mine', label: 'Keep my version', primary: true },
        { id: 'theirs', label: 'Use the other version' },
      ],
    )
    try {
      const o = await api.openPost(id)
      if (choice === 'theirs') {
        show(o)
        showError(new Error(`Your version is in the history as revision #${c.saved}.`), 'info')
      } else {
        current = o
        saver.resolved(editor.text, o.revision, o.text)
      }
    } catch (e) {
      fail(e)
    }
  }

  async function newPost(): Promise<void> {
    try {
      await settle()
      const o = await api.createPost('')
      show(o)
      saveSetting('last-post', String(o.id))
      queueLibraryRefresh()
      if (layout.state.panel !== 'settings') layout.set({ panel: 'settings' })
      await settingsPanel.refresh()
      const title = document.getElementById('field-title') as HTMLInputElement | null
      title?.focus()
      title?.select()
    } catch (e) {
      fail(e)
    }
  }

  async function duplicatePost(): Promise<void> {
    if (!current) return
    try {
      await settle()
      const o = await api.duplicatePost(current.id)
      show(o)
      saveSetting('last-post', String(o.id))
      queueLibraryRefresh()
    } catch (e) {
      fail(e)
    }
  }

  async function trashPost(): Promise<void> {
    if (!current) return
    const id = current.id
    try {
      await settle()
      // The post listed next to it opens, as in a mail reader.
      const neighbour = library.neighbour(id)
      await api.trashPost(id)
      const undo = async () => {
        try {
          await api.restorePost(id)
          await settle()
          current = null
          await openPost(id)
          queueLibraryRefresh()
        } catch (e) {
          fail(e)
        }
      }
      showError(new Error(`“${current.title || 'Untitled'}” was moved to the trash.`), 'info', { label: 'Undo', run: () => void undo() })
      const next = neighbour ?? (await api.listPosts({ sort: 'updated', limit: 1 })).posts[0]?.id
      current = null
      if (next) await openPost(next)
      else showNothing()
      queueLibraryRefresh()
    } catch (e) {
      fail(e)
    }
  }

  let onImportProgress: (done: number, total: number) => void = () => {}
  api.onImportProgress((p) => onImportProgress(p.done, p.total))

  async function importFolder(): Promise<void> {
    try {
      const folder = await api.chooseFolder('Import Markdown posts from a folder')
      if (!folder) return
      await settle()
      const dlg = showProgress('Importing', folder, () => void api.cancelImport().catch(fail))
      onImportProgress = (done, total) => dlg.update(done, total)
      let r
      try {
        r = await api.importPaths([folder])
      } finally {
        dlg.close()
        onImportProgress = () => {}
      }
      const parts = [`${r.imported} imported`, `${r.updated} updated`, `${r.unchanged} unchanged`]
      if (r.cancelled) parts.push('then cancelled (importing the folder again brings in the rest)')
      if (r.failed) parts.push(`${r.failed} failed (${r.errors[0]}${r.errors.length > 1 ? ', …' : ''})`)
      showError(new Error(`Import from ${folder}: ${parts.join(', ')}.`), r.failed ? 'error' : 'info')
      queueLibraryRefresh()
      if (r.firstPost) await openPost(r.firstPost)
    } catch (e) {
      fail(e)
    }
  }

  async function linkFolder(): Promise<void> {
    try {
      const folder = await api.chooseFolder('Link a folder of Markdown files')
      if (!folder) return
      await settle()
      saveState.textContent = 'Linking…'
      const r = await api.linkFolder(folder)
      saveState.textContent = describeState(saver.state)
      showError(
        new Error(`Linked ${folder}: ${r.Created} new, ${r.Updated} updated${r.Errors ? `, ${r.Errors} could not be read` : ''}. Edits here and in other editors now stay in step.`),
        r.Errors ? 'error' : 'info',
      )
      queueLibraryRefresh()
    } catch (e) {
      fail(e)
    }
  }

  // Changes from linked folders: the library follows; the open post is
  // reloaded when it changed outside and has nothing unsaved here (with
  // unsaved text, the next save meets the new revision and asks).
  api.onSync((e) => {
    queueLibraryRefresh()
    if (e.kind === 'error') return showError(new Error(`Linked folder: ${e.path ? e.path + ': ' : ''}${e.error}`))
    if (e.kind === 'conflict') {
      return showError(new Error(`${e.path} changed here and in another editor. Both versions are kept: the file's is revision #${e.revision} in History.`))
    }
    if (current && e.postId === current.id && (e.kind === 'updated' || e.kind === 'restored') && !saver.dirty) {
      const id = current.id
      void api.openPost(id).then((o) => {
        if (current?.id === id && !saver.dirty) show(o)
      }, fail)
    }
  })

  function setMode(mode: Mode): void {
    layout.set({ mode })
  }

  function setPanel(panel: 'settings' | 'history' | 'media' | ''): void {
    layout.set({ panel: layout.state.panel === panel ? '' : panel })
    // A closed panel gives the keyboard back to the editor, caret where it was.
    if (!layout.state.panel && !library.root.contains(document.activeElement)) view.focus()
    if (layout.state.panel === 'settings') void settingsPanel.refresh()
    if (layout.state.panel === 'history') void historyPanel.refresh()
    if (layout.state.panel === 'media') void mediaPanel.refresh()
  }

  function inField(): boolean {
    const a = document.activeElement
    return !!a && (a.tagName === 'INPUT' || a.tagName === 'TEXTAREA' || a.tagName === 'SELECT')
  }

  // Keys typed just before the window is closed from outside the page (its
  // close button, Alt+F4) can still be on their way to it: WebKit hands typed
  // keys to the page one at a time, slowly on a busy machine. A close waits
  // until typing anywhere in the window has been quiet for a moment, so that
  // it saves every key typed before it. (The menus register no accelerators
  // for this reason: see app/window.go's appMenu.)
  let lastKey = 0
  window.addEventListener('keydown', () => (lastKey = performance.now()), true)

  /** selectedWord is the editor's selection when it is on one line, to find first. */
  function selectedWord(): string {
    const { from, to } = view.state.selection.main
    const text = view.state.sliceDoc(from, to)
    return text.includes('\n') ? '' : text
  }

  /**
   * afterReplaceAll shows a replace's result in the window: the open post
   * reloads when it changed and holds nothing unsaved (text that could not
   * be saved stays; its next save meets the new revision and asks).
   */
  function afterReplaceAll(res: ReplaceResult): void {
    showError(new Error(resultMessage(res)), res.skipped.length ? 'error' : 'info')
    queueLibraryRefresh()
    const id = current?.id
    if (id && res.changed.some((c) => c.id === id) && !saver.dirty) {
      void api.openPost(id).then((o) => {
        if (current?.id === id && !saver.dirty) show(o)
      }, fail)
    }
  }

  /** showMatch opens a Replace in All Posts match's post with the match selected and in view. */
  async function showMatch(m: ReplaceMatch): Promise<void> {
    await openPost(m.postId)
    if (current?.id !== m.postId) return
    const doc = view.state.doc
    const line = doc.line(Math.min(Math.max(m.line, 1), doc.lines))
    // The column counts characters (code points); the editor counts UTF-16 units.
    const from = Math.min(line.from + Array.from(line.text).slice(0, m.column - 1).join('').length, doc.length)
    const to = Math.min(from + m.text.length, doc.length)
    view.focus()
    view.dispatch({ selection: EditorSelection.range(from, to), effects: EditorView.scrollIntoView(from, { y: 'center' }), userEvent: 'select' })
  }

  // Commands from the native menus, the toolbar and the window's shortcuts.
  function run(cmd: string): void {
    switch (cmd) {
      case 'new': return void newPost()
      case 'save-revision': return void saver.flush(true)
      case 'quick-open':
        return quickOpen(() => library.titles(), (id) => {
          view.focus()
          void openPost(id)
        }, () => recent.ids)
      case 'history': return setPanel('history')
      case 'media': return setPanel('media')
      case 'insert-image': return void insertImageFromDialog()
      case 'toggle-settings': return setPanel('settings')
      case 'trash': return library.showTrash(!library.inTrash)
      case 'delete': return void trashPost()
      case 'duplicate': return void duplicatePost()
      case 'toggle-preview': return layout.set(togglePreview(layout.state))
      case 'toggle-library': return layout.toggleLibrary()
      case 'mode-editor': return setMode('editor')
      case 'mode-split': return setMode('split')
      case 'mode-preview': return setMode('preview')
      case 'focus': return layout.set({ focus: !layout.state.focus })
      case 'outline': return outline.toggle()
      case 'toggle-spellcheck':
        return void api.spellCheck().then((c) => api.setSpellCheck(!c.enabled, c.languages)).then((c) => {
          setSpellcheck(view, c.enabled)
          showError(new Error(`Spell checking ${c.enabled ? 'on (' + c.inUse.join(', ') + ')' : 'off'}`), 'info')
        }, fail)
      case 'search-library':
        layout.toggleLibrary(true)
        library.search.focus()
        return
      case 'find':
      case 'replace':
        if (inField()) return
        view.focus()
        openSearchPanel(view)
        return
      case 'shortcuts': return openShortcuts()
      case 'toggle-vim':
        setVim(view, !vimEnabled())
        saveSetting(VIM_SETTING, vimEnabled() ? '1' : '')
        showError(new Error(`Vim keys ${vimEnabled() ? 'on: Esc for normal mode, i to insert, :w saves a revision' : 'off'}`), 'info')
        return
      case 'theme-system':
      case 'theme-light':
      case 'theme-dark':
      case 'theme-next': {
        const t = cmd === 'theme-next' ? nextTheme(currentTheme()) : (cmd.slice('theme-'.length) as ThemeChoice)
        applyTheme(t)
        saveSetting(THEME_SETTING, t)
        showError(new Error(`Theme: ${t[0].toUpperCase()}${t.slice(1)}`), 'info')
        return
      }
      case 'replace-all':
        return void openReplaceAll({ settle, replaced: afterReplaceAll, initial: selectedWord(), open: (m) => void showMatch(m).catch(fail) }).catch(fail)
      case 'undo':
        if (inField()) document.execCommand('undo')
        else undo(view)
        return
      case 'redo':
        if (inField()) document.execCommand('redo')
        else redo(view)
        return
      case 'bold': return void (inField() || toggleBold(view))
      case 'italic': return void (inField() || toggleItalic(view))
      case 'link': return void (inField() || insertLink(view))
      case 'export':
        return void settle().then(openExportDialog).catch((e) => showError(e instanceof Error ? e : new Error(String(e))))
      case 'publish':
        return void settle().then(openPublish).catch(fail)
      case 'import':
        return void importFolder()
      case 'link-folder':
        return void linkFolder()
      case 'quit':
        // A key, so every key typed before it has reached the editor.
        return void saver.flush().finally(() => void api.quit())
      case 'about':
        return void choose('Quire', 'Quire is a desktop app for writing blog posts offline. Posts, drafts and every revision live in one SQLite file.', [{ id: 'ok', label: 'Close', primary: true }])
    }
  }
  api.onMenu(run)
  // For the end-to-end tests: a menu command in this window only (an event
  // emitted from the page reaches every window of a dev build, and each
  // toggles its own state).
  ;(window as unknown as { quire: { run?: typeof run } }).quire.run = run
  initPublish((msg, kind) => showError(new Error(msg), kind))
  window.addEventListener('keydown', (e) => {
    if (document.querySelector('.overlay, .quick-open') && e.key !== 'Escape') return
    if (e.key === 'Escape' && layout.state.focus && !vimWantsEscape(view)) {
      e.preventDefault()
      layout.set({ focus: false })
      return
    }
    const cmd = commandForKey(e, view.hasFocus)
    if (cmd) {
      e.preventDefault()
      e.stopPropagation()
      run(cmd)
    }
  }, true)
  // Esc closes the side panel when nothing else took it (a dialog, the
  // editor's find panel, focus mode).
  window.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && !e.defaultPrevented && layout.state.panel && !document.querySelector('.overlay, .quick-open')) setPanel('')
  })
  window.addEventListener('blur', () => void saver.flush())
  // A file dropped anywhere but the editor must not open in the window (the
  // web view would navigate away from the app to show it).
  for (const type of ['dragover', 'drop']) {
    window.addEventListener(type, (e) => {
      const dt = (e as DragEvent).dataTransfer
      if (dt && Array.from(dt.types).includes('Files')) e.preventDefault()
    })
  }
  // app/window.go's closeGrace stays longer than this wait's cap plus a save.
  api.onCloseRequested(async () => {
    try {
      await keysQuiet(() => lastKey, 600, 6000)
      await saver.flush()
    } finally {
      await api.quit()
    }
  })

  // Toolbar.
  for (const b of document.querySelectorAll<HTMLElement>('[data-command]')) b.addEventListener('click', () => run(b.dataset.command!))
  for (const b of document.querySelectorAll<HTMLElement>('[data-mode-button]')) b.addEventListener('click', () => setMode(b.dataset.modeButton as Mode))
  layout.apply()
  layout.dragResizer($<HTMLElement>('resize-library'), 'library', $<HTMLElement>('panes'))
  layout.dragResizer($<HTMLElement>('resize-preview'), 'split', $<HTMLElement>('panes'))

  // The post to start with.
  if (start.post) {
    await openPost(start.post)
  } else {
    saver.load('', 0)
  }
  paintStatus()
  view.focus()
  performance.mark('quire:ready')
  void api.ready().catch(() => {})
  void library.reload()
  void refreshCounts()
}

let settingTimers = new Map<string, ReturnType<typeof setTimeout>>()
/** saveSetting stores a window setting in the database, a moment later (drags and bursts coalesce). */
function saveSetting(key: string, value: string): void {
  const t = settingTimers.get(key)
  if (t) clearTimeout(t)
  settingTimers.set(key, setTimeout(() => void api.setSetting(key, value).catch(fail), 200))
}

main().catch(fail)
