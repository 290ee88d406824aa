// The window's entry point: it composes the parts (each wired in src/wire/)
// around one shared state (src/state.ts), whose events keep them in step,
// and opens the post to start with.
import './style.css'
import { api } from './api'
import { fail, showError } from './banner'
import { $ } from './dom'
import { Layout, parseLayout } from './layout'
import { initPublish } from './publish'
import { setSpellcheck } from './spell'
import { attachScrollSync } from './scrollsync'
import { AppState } from './state'
import { initTheme } from './theme'
import { followFocusMode } from './typewriter'
import { defineWrite, setVim, VIM_SETTING } from './vimmode'
import { saveSetting } from './windowsettings'
import { wireCommands } from './wire/commands'
import { wireFolders } from './wire/folders'
import { wireImages } from './wire/images'
import { wireLibrary } from './wire/library'
import { wirePanels } from './wire/panels'
import { wirePosts } from './wire/posts'
import { wirePreview } from './wire/preview'
import { createSession } from './wire/session'
import { wireStatusBar } from './wire/statusbar'
import { wireWindow } from './wire/window'

initTheme()

async function main(): Promise<void> {
  const appEl = $<HTMLElement>('app')
  const start = await api.start()
  const state = new AppState()
  const layout = new Layout(appEl, parseLayout(start.layout), (s) => saveSetting('layout', JSON.stringify(s)))

  // The order is the order the parts hear an event in: the preview renders
  // before the saver saves, the lists follow after.
  const statusBar = wireStatusBar(state)
  const preview = await wirePreview(state, (line) => session.goToLine(line))
  const session = createSession(state, {
    parent: $<HTMLElement>('editor'),
    saveState: statusBar.saveState,
    restore: (id) => void posts.restore(id),
    onFiles: (files, pos) => void images.add(files, pos),
    onBarePaste: (pos) => void images.paste(pos),
  })
  const { view, saver } = session
  const images = wireImages(state, view)
  const { library, recent, refreshCounts } = wireLibrary(state, {
    layout,
    open: (id) => void posts.open(id),
    create: () => void posts.create(),
    focusEditor: () => view.focus(),
  })
  const panels = wirePanels(state, {
    layout, session,
    inLibrary: () => library.root.contains(document.activeElement),
    open: (id) => void posts.open(id),
    insertImage: (link, original) => void images.fromLibrary(link, original),
    addImage: () => images.fromDialog(),
  })
  const posts = wirePosts(state, { session, library, showSettings: () => panels.showSettings() })
  const folders = wireFolders(state, { settle: session.settle, posts, busy: statusBar.busy })
  wireWindow(view, saver)
  const run = wireCommands(state, { layout, session, library, recent, posts, panels, images, folders })

  // Reachable for the end-to-end tests: the editor's full text is not in the
  // DOM (CodeMirror draws only the lines in view), and a menu command run
  // here reaches this window only (an event emitted from the page reaches
  // every window of a dev build, and each toggles its own state).
  ;(window as unknown as { quire: object }).quire = { view, preview, run }
  // DOM listeners only, so it survives the editor swapping its state per post.
  attachScrollSync(view, preview)
  void api.spellCheck().then((c) => setSpellcheck(view, c.enabled), () => {})
  followFocusMode(appEl, view)
  defineWrite(() => void saver.flush(true))
  void api.getSetting(VIM_SETTING).then((v) => v === '1' && setVim(view, true), () => {})
  initPublish((msg, kind) => showError(new Error(msg), kind))
  layout.apply()
  layout.dragResizer($<HTMLElement>('resize-library'), 'library', $<HTMLElement>('panes'))
  layout.dragResizer($<HTMLElement>('resize-preview'), 'split', $<HTMLElement>('panes'))

  // The post to start with.
  if (start.post) await posts.open(start.post)
  else saver.load('', 0)
  view.focus()
  performance.mark('quire:ready')
  void api.ready().catch(() => {})
  void library.reload()
  void refreshCounts()
}

main().catch(fail)
