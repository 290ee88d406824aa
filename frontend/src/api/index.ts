// The one module that talks to the generated Wails bindings (frontend/wailsjs,
// regenerated from the Go services with `make bindings`). Components call
// these functions; a Go error arrives here as a rejected promise and leaves
// as an Error with the backend's message.
import * as ExportSvc from '../../wailsjs/go/app/Export'
import * as FoldersSvc from '../../wailsjs/go/app/Folders'
import * as PreviewSvc from '../../wailsjs/go/app/Preview'
import * as PostsSvc from '../../wailsjs/go/app/Posts'
import * as LibrarySvc from '../../wailsjs/go/app/Library'
import * as MediaSvc from '../../wailsjs/go/app/Media'
import * as SettingsSvc from '../../wailsjs/go/app/Settings'
import * as WindowSvc from '../../wailsjs/go/app/Window'
import { app, linked, media, site, store } from '../../wailsjs/go/models'
import { BrowserOpenURL, ClipboardSetText, EventsOn, WindowSetTitle } from '../../wailsjs/runtime/runtime'
import type { FieldValues, PanelKey, Status } from './fields'

export type { Status }

// The page's types are the generated ones (frontend/wailsjs/go/models.ts,
// from the Go structs), narrowed where the page knows more than Go's types
// say: a status is one of its values, a time arrives as a string. A field
// renamed or removed in Go therefore fails `tsc` wherever the page reads it,
// and a narrowing that names a field Go no longer has fails here.

/** Plain is a generated class as JSON brings it: its fields, without its methods, all the way down. */
export type Plain<T> = T extends (infer U)[]
  ? Plain<U>[]
  : T extends object
    ? { [K in keyof T as T[K] extends (...args: never[]) => unknown ? never : K]: Plain<T[K]> }
    : T

/** Narrow is Go type T with the fields named in N typed as N says; N may name only fields T has. */
export type Narrow<T, N extends { [K in keyof N]: K extends keyof Plain<T> ? unknown : never }> = Omit<Plain<T>, keyof N> & N

/** Without drops fields the page does not send or read; each must be one Go has. */
type Without<T, K extends keyof T> = Omit<T, K>

export type RenderedPreview = Plain<app.PreviewResult>

/** A post as the editor holds it: the whole file, front matter included (with recovery: unsaved text from a crash or a refused save, offered back). */
export type OpenPost = Narrow<app.OpenPost, { status: Status; updated: string }>

export type SaveResult = Narrow<app.SaveResult, { status: Status; updated: string }>

/** The front matter as the settings panel shows it; the known fields' values are generated from backend/post (./fields). */
export type Fields = Narrow<app.Fields, { values: FieldValues }>

/** One edit of the panel: field is a known field's key, 'extra' (key to value, YAML) or 'extra-remove' (key); the rest defaults. */
export type FieldEdit = Partial<Plain<app.FieldEdit>> & Narrow<Pick<app.FieldEdit, 'field'>, { field: PanelKey | 'extra' | 'extra-remove' }>

export type ListOptions = Partial<Without<Narrow<store.ListOptions, {
  status: '' | Status
  sort: '' | 'date' | 'updated' | 'title' | 'relevance'
}>, 'from' | 'to'>>

/** A listed post; match is HTML (escaped text with the matched words in <mark>), trashed is when it went to the trash. */
export type Summary = Narrow<store.Summary, { date: string; updated: string; status: Status; trashed?: string }>

export type ListResult = Narrow<store.ListResult, { posts: Summary[] }>

export type Revision = Without<Narrow<store.Revision, { created: string }>, 'post'>

export type Counts = Plain<store.Counts>

export type ImportReport = Plain<app.ImportReport>

export type SiteSettings = Plain<site.Settings>

/** Go sends an empty list as null. */
export type ExportReport = Narrow<app.ExportReport, {
  failed: Plain<app.ExportFailure>[] | null
  warnings: Plain<app.ExportWarning>[] | null
}>

export interface ExportProgress {
  done: number
  total: number
}

/** isForeignFolder tells the export's refusal of a folder it did not write (backend/export ErrForeignFolder). */
export const isForeignFolder = (err: Error): boolean => err.message.includes('holds files Quire did not write')

/** A change from a linked folder (backend/linked Event). */
export interface SyncEvent {
  kind: 'created' | 'updated' | 'written' | 'trashed' | 'restored' | 'conflict' | 'resolved' | 'error' | 'rescan'
  path?: string
  postId?: number
  revision?: number
  error?: string
}

export type LinkStats = Plain<linked.Stats>

/** An image just added to the media library; link is media/NAME, what the Markdown refers to. */
export type MediaFile = Narrow<app.MediaFile, { created: string }>

/** An image in the media library with the posts that use it. */
export type MediaItem = Narrow<media.Item, {
  created: string
  uses: Narrow<store.MediaUse, { status: Status }>[]
}>

/** mediaURL is where the app serves a media file to the window and the preview. */
export const mediaURL = (name: string): string => `/media/${encodeURIComponent(name)}`

export type StartState = Plain<app.StartState>

/** call turns a binding's rejection (Wails rejects with the Go error's text) into an Error. */
export async function call<T>(what: string, p: Promise<T>): Promise<T> {
  try {
    return await p
  } catch (e) {
    const msg = e instanceof Error ? e.message : typeof e === 'string' ? e : e == null ? '' : JSON.stringify(e)
    throw new Error(msg || `${what} failed`)
  }
}

const as = <T>(p: Promise<unknown>): Promise<T> => p as Promise<T>

export const api = {
  renderPreview: (text: string): Promise<RenderedPreview> => call('render', PreviewSvc.Render(text)),
  themeCSS: (): Promise<string> => call('theme', PreviewSvc.ThemeCSS()),
  openExternal: (url: string): void => BrowserOpenURL(url),
  /** openURL opens an address in the system's browser and fails, saying why, when none opened. */
  openURL: (url: string) => call('open in the browser', WindowSvc.OpenURL(url)),
  copyText: (text: string) => call('copy', ClipboardSetText(text)),

  openPost: (id: number) => call('open post', as<OpenPost>(PostsSvc.Open(id))),
  createPost: (title = '') => call('new post', as<OpenPost>(PostsSvc.Create(title))),
  duplicatePost: (id: number) => call('duplicate post', as<OpenPost>(PostsSvc.Duplicate(id))),
  savePost: (id: number, revision: number, text: string, explicit: boolean) =>
    call('save', as<SaveResult>(PostsSvc.Save(app.SaveRequest.createFrom({ id, revision, text, explicit })))),
  keepRecovery: (id: number, text: string) => call('keep unsaved text', PostsSvc.KeepRecovery(id, text)),
  discardRecovery: (id: number) => call('discard unsaved text', PostsSvc.DiscardRecovery(id)),
  trashPost: (id: number) => call('move to trash', PostsSvc.Trash(id)),
  restorePost: (id: number) => call('restore from trash', PostsSvc.Restore(id)),
  emptyTrash: () => call('empty the trash', PostsSvc.EmptyTrash()),
  purgePost: (id: number) => call('delete for good', PostsSvc.Purge(id)),
  revisions: (id: number) => call('history', as<Revision[]>(PostsSvc.Revisions(id))),
  revisionText: (id: number, rev: number) => call('revision', PostsSvc.RevisionText(id, rev)),
  restoreRevision: (id: number, rev: number) => call('restore revision', as<OpenPost>(PostsSvc.RestoreRevision(id, rev))),
  fields: (head: string, postId = 0) => call('front matter', as<Fields>(PostsSvc.Fields(head, postId))),
  editField: (head: string, edit: FieldEdit) =>
    call('front matter', PostsSvc.EditField(head, app.FieldEdit.createFrom({ value: '', list: [], key: '', oldKey: '', postId: 0, followTitle: false, ...edit }))),

  listPosts: (opt: ListOptions) => call('library', as<ListResult>(LibrarySvc.List(store.ListOptions.createFrom(opt)))),
  listTrash: (opt: ListOptions) => call('trash', as<ListResult>(LibrarySvc.Trash(store.ListOptions.createFrom(opt)))),
  counts: () => call('categories and tags', as<Counts>(LibrarySvc.Counts())),
  importPaths: (paths: string[]) => call('import', as<ImportReport>(LibrarySvc.Import(paths))),
  cancelImport: () => call('cancel import', LibrarySvc.CancelImport()),
  /** onImportProgress calls fn as an import goes (app/library.go EventImportProgress). */
  onImportProgress: (fn: (p: { done: number; total: number }) => void): void => {
    if (hasRuntime()) EventsOn('import:progress', (p: unknown) => fn(p as { done: number; total: number }))
  },

  start: () => call('start', as<StartState>(SettingsSvc.Start())),
  getSetting: (key: string) => call('setting', SettingsSvc.Get(key)),
  setSetting: (key: string, value: string) => call('setting', SettingsSvc.Set(key, value)),
  spellCheck: () => call('spell checking', SettingsSvc.SpellCheck()),
  setSpellCheck: (enabled: boolean, languages: string[]) => call('spell checking', SettingsSvc.SetSpellCheck(enabled, languages)),

  ready: () => call('ready', WindowSvc.Ready()),
  quit: () => call('quit', WindowSvc.Quit()),
  chooseFolder: (title: string) => call('folder dialog', WindowSvc.ChooseFolder(title)),

  siteSettings: () => call('site settings', as<SiteSettings>(ExportSvc.Settings())),
  saveSiteSettings: (s: SiteSettings) => call('site settings', ExportSvc.SaveSettings(site.Settings.createFrom(s))),
  exportSite: (dir: string, force: boolean) => call('export', as<ExportReport>(ExportSvc.Run(dir, force, ''))),
  cancelExport: () => call('cancel export', ExportSvc.Cancel()),
  serveSite: (dir: string) => call('open site', ExportSvc.Serve(dir)),
  /** onExportProgress calls fn as an export goes (app/export.go EventExportProgress). */
  onExportProgress: (fn: (p: ExportProgress) => void): void => {
    if (hasRuntime()) EventsOn('export:progress', (p: unknown) => fn(p as ExportProgress))
  },

  chooseImage: () => call('image dialog', MediaSvc.ChooseImage()),
  /** addImageFile adds the image at a path chosen with chooseImage. */
  addImageFile: (path: string) => call('add image', as<MediaFile>(MediaSvc.AddFile(path))),
  /** addImageData adds pasted or dropped bytes (base64, or a data: URL) named name ('' for a paste). */
  addImageData: (base64: string, name: string) => call('add image', as<MediaFile>(MediaSvc.AddData(base64, name))),
  /** The pieces of a pasted or dropped file, sent one after another (images.ts uploadFile). */
  beginUpload: (name: string, size: number) => call('add image', MediaSvc.BeginUpload(name, size)),
  uploadChunk: (id: string, base64: string) => call('add image', MediaSvc.UploadChunk(id, base64)),
  finishUpload: (id: string) => call('add image', as<MediaFile>(MediaSvc.FinishUpload(id))),
  cancelUpload: (id: string) => call('add image', MediaSvc.CancelUpload(id)),
  /** pasteImage adds the image in the system clipboard (null when there is none). */
  pasteImage: () => call('paste image', as<MediaFile | null>(MediaSvc.PasteImage())),
  listMedia: () => call('media library', as<MediaItem[]>(MediaSvc.List())),
  deleteMedia: (name: string) => call('delete image', MediaSvc.Delete(name)),

  linkFolder: (dir: string) => call('link folder', as<LinkStats>(FoldersSvc.Link(dir))),
  unlinkFolder: (dir: string) => call('unlink folder', FoldersSvc.Unlink(dir)),
  linkedFolders: () => call('linked folders', FoldersSvc.List()),
  /** onSync calls fn for each change from a linked folder (app/folders.go EventSync). */
  onSync: (fn: (e: SyncEvent) => void): void => {
    if (hasRuntime()) EventsOn('sync:event', (e: unknown) => fn(e as SyncEvent))
  },

  /** setWindowTitle names the window (and the page, for browsers). */
  setWindowTitle: (title: string): void => {
    document.title = title
    if (hasRuntime()) WindowSetTitle(title)
  },
  /** onMenu calls fn with each native menu command (app/window.go). */
  onMenu: (fn: (cmd: string) => void): void => {
    if (hasRuntime()) EventsOn('menu', (cmd: unknown) => fn(String(cmd)))
  },
  /** onCloseRequested calls fn when the window is about to close. */
  onCloseRequested: (fn: () => void): void => {
    if (hasRuntime()) EventsOn('app:close-requested', fn)
  },
}

export function hasRuntime(): boolean {
  return typeof window !== 'undefined' && typeof (window as unknown as { runtime?: unknown }).runtime === 'object'
}
