// Folders of Markdown files: importing one (with a progress dialog that can
// cancel) and linking one, whose changes then come in as sync events that
// the library and the open post follow.
import { api } from '../api'
import { fail, showError } from '../banner'
import { showProgress } from '../progressdialog'
import type { AppState } from '../state'
import type { Posts } from './posts'

export interface FolderHooks {
  settle: () => Promise<void>
  posts: Posts
  /** busy says what the window is doing in the save state's place; null gives it back. */
  busy: (what: string | null) => void
}

export interface Folders {
  importFolder(): Promise<void>
  linkFolder(): Promise<void>
}

export function wireFolders(state: AppState, hooks: FolderHooks): Folders {
  const changed = () => state.emit('postsChanged')
  let onImportProgress: (done: number, total: number) => void = () => {}
  api.onImportProgress((p) => onImportProgress(p.done, p.total))

  // Changes from linked folders: the library follows; the open post is
  // reloaded when it changed outside and has nothing unsaved here (with
  // unsaved text, the next save meets the new revision and asks).
  api.onSync((e) => {
    changed()
    if (e.kind === 'error') return showError(new Error(`Linked folder: ${e.path ? e.path + ': ' : ''}${e.error}`))
    if (e.kind === 'conflict') {
      return showError(new Error(`${e.path} changed here and in another editor. Both versions are kept: the file's is revision #${e.revision} in History.`))
    }
    if (e.postId && (e.kind === 'updated' || e.kind === 'restored')) hooks.posts.reloadIfClean(e.postId)
  })

  return {
    async importFolder() {
      try {
        const folder = await api.chooseFolder('Import Markdown posts from a folder')
        if (!folder) return
        await hooks.settle()
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
        changed()
        if (r.firstPost) await hooks.posts.open(r.firstPost)
      } catch (e) {
        fail(e)
      }
    },
    async linkFolder() {
      try {
        const folder = await api.chooseFolder('Link a folder of Markdown files')
        if (!folder) return
        await hooks.settle()
        hooks.busy('Linking…')
        const r = await api.linkFolder(folder)
        hooks.busy(null)
        showError(
          new Error(`Linked ${folder}: ${r.Created} new, ${r.Updated} updated${r.Errors ? `, ${r.Errors} could not be read` : ''}. Edits here and in other editors now stay in step.`),
          r.Errors ? 'error' : 'info',
        )
        changed()
      } catch (e) {
        fail(e)
      }
    },
  }
}
