// Commands from the native menus, the toolbar and the window's shortcuts:
// one name per command (keys.ts maps keys to them), run here against the
// parts main.ts composed.
import { redo, undo } from '@codemirror/commands'
import { openSearchPanel } from '@codemirror/search'
import { api } from '../api'
import type { ReplaceMatch, ReplaceResult } from '../api/replace'
import { fail, notice, showError } from '../banner'
import { insertLink, toggleBold, toggleItalic } from '../commands'
import { choose } from '../dialog'
import { openExportDialog } from '../exportdialog'
import { commandForKey } from '../keys'
import { togglePreview, type Layout, type Mode } from '../layout'
import type { Library } from '../library'
import { openPublish } from '../publish'
import { quickOpen, type RecentPosts } from '../quickopen'
import { openReplaceAll, resultMessage } from '../replaceall'
import { openShortcuts } from '../shortcuts'
import { setSpellcheck } from '../spell'
import type { AppState } from '../state'
import { applyTheme, currentTheme, nextTheme, THEME_SETTING, type ThemeChoice } from '../theme'
import { setVim, vimEnabled, vimWantsEscape, VIM_SETTING } from '../vimmode'
import { saveSetting } from '../windowsettings'
import type { Folders } from './folders'
import type { Images } from './images'
import type { Panels } from './panels'
import type { Posts } from './posts'
import type { Session } from './session'

export interface CommandParts {
  layout: Layout
  session: Session
  library: Library
  recent: RecentPosts
  posts: Posts
  panels: Panels
  images: Images
  folders: Folders
}

/** inField says the keyboard is in a form field, where undo and formatting are the field's. */
function inField(): boolean {
  const a = document.activeElement
  return !!a && (a.tagName === 'INPUT' || a.tagName === 'TEXTAREA' || a.tagName === 'SELECT')
}

/** wireCommands makes run(cmd) and connects the menus, the toolbar and the keys to it. */
export function wireCommands(state: AppState, p: CommandParts): (cmd: string) => void {
  const { layout, session } = p
  const { view } = session
  const setMode = (mode: Mode) => layout.set({ mode })
  const run = (cmd: string) => runCommand(cmd, state, p, setMode)

  api.onMenu(run)
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
    if (e.key === 'Escape' && !e.defaultPrevented && layout.state.panel && !document.querySelector('.overlay, .quick-open')) p.panels.toggle('')
  })
  // Toolbar.
  for (const b of document.querySelectorAll<HTMLElement>('[data-command]')) b.addEventListener('click', () => run(b.dataset.command!))
  for (const b of document.querySelectorAll<HTMLElement>('[data-mode-button]')) b.addEventListener('click', () => setMode(b.dataset.modeButton as Mode))
  return run
}

function runCommand(cmd: string, state: AppState, p: CommandParts, setMode: (m: Mode) => void): void {
  const { layout, session, library, posts, panels } = p
  const { view, saver } = session
  switch (cmd) {
    case 'new': return void posts.create()
    case 'save-revision': return void saver.flush(true)
    case 'quick-open':
      return quickOpen(() => library.titles(), (id) => {
        view.focus()
        void posts.open(id)
      }, () => p.recent.ids)
    case 'history': return panels.toggle('history')
    case 'media': return panels.toggle('media')
    case 'insert-image': return void p.images.fromDialog()
    case 'toggle-settings': return panels.toggle('settings')
    case 'trash': return library.showTrash(!library.inTrash)
    case 'delete': return void posts.trash()
    case 'duplicate': return void posts.duplicate()
    case 'toggle-preview': return layout.set(togglePreview(layout.state))
    case 'toggle-library': return layout.toggleLibrary()
    case 'mode-editor': return setMode('editor')
    case 'mode-split': return setMode('split')
    case 'mode-preview': return setMode('preview')
    case 'focus': return layout.set({ focus: !layout.state.focus })
    case 'outline': return session.outline.toggle()
    case 'toggle-spellcheck':
      return void api.spellCheck().then((c) => api.setSpellCheck(!c.enabled, c.languages)).then((c) => {
        setSpellcheck(view, c.enabled)
        notice(`Spell checking ${c.enabled ? 'on (' + c.inUse.join(', ') + ')' : 'off'}`)
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
      notice(`Vim keys ${vimEnabled() ? 'on: Esc for normal mode, i to insert, :w saves a revision' : 'off'}`)
      return
    case 'theme-system':
    case 'theme-light':
    case 'theme-dark':
    case 'theme-next': {
      const t = cmd === 'theme-next' ? nextTheme(currentTheme()) : (cmd.slice('theme-'.length) as ThemeChoice)
      applyTheme(t)
      saveSetting(THEME_SETTING, t)
      notice(`Theme: ${t[0].toUpperCase()}${t.slice(1)}`)
      return
    }
    case 'replace-all':
      return void openReplaceAll({
        settle: session.settle, replaced: (res) => afterReplaceAll(res, state, posts), initial: selectedWord(session),
        open: (m) => void showMatch(m, state, p).catch(fail),
      }).catch(fail)
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
    case 'export': return void session.settle().then(openExportDialog).catch(fail)
    case 'publish': return void session.settle().then(openPublish).catch(fail)
    case 'import': return void p.folders.importFolder()
    case 'link-folder': return void p.folders.linkFolder()
    case 'quit':
      // A key, so every key typed before it has reached the editor.
      return void saver.flush().finally(() => void api.quit())
    case 'about':
      return void choose('Quire', 'Quire is a desktop app for writing blog posts offline. Posts, drafts and every revision live in one SQLite file.', [{ id: 'ok', label: 'Close', primary: true }])
  }
}

/** selectedWord is the editor's selection when it is on one line, to find first. */
function selectedWord(session: Session): string {
  const { from, to } = session.view.state.selection.main
  const text = session.view.state.sliceDoc(from, to)
  return text.includes('\n') ? '' : text
}

/**
 * afterReplaceAll shows a replace's result in the window: the open post
 * reloads when it changed and holds nothing unsaved (text that could not
 * be saved stays; its next save meets the new revision and asks).
 */
function afterReplaceAll(res: ReplaceResult, state: AppState, posts: Posts): void {
  showError(new Error(resultMessage(res)), res.skipped.length ? 'error' : 'info')
  state.emit('postsChanged')
  const id = state.post?.id
  if (id && res.changed.some((c) => c.id === id)) posts.reloadIfClean(id)
}

/** showMatch opens a Replace in All Posts match's post with the match selected and in view. */
async function showMatch(m: ReplaceMatch, state: AppState, p: CommandParts): Promise<void> {
  await p.posts.open(m.postId)
  if (state.post?.id !== m.postId) return
  const doc = p.session.view.state.doc
  const line = doc.line(Math.min(Math.max(m.line, 1), doc.lines))
  // The column counts characters (code points); the editor counts UTF-16 units.
  const from = Math.min(line.from + Array.from(line.text).slice(0, m.column - 1).join('').length, doc.length)
  const to = Math.min(from + m.text.length, doc.length)
  p.session.goTo(from, to)
}
