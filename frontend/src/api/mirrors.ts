// The hand-written types of ./index.ts are narrower than the generated
// bindings' (a status is one of its values, not any string), so they stay;
// this file ties each to the Go type it mirrors. A field renamed or removed
// in Go changes frontend/wailsjs/go/models.ts (make bindings), and then
// `tsc` fails here, naming the type and the field the page still reads.
// (Fields Go sends that the page does not read are fine.)
import type { app, linked, media, store, site } from '../../wailsjs/go/models'
import type {
  Counts, ExportReport, FieldEdit, Fields, ImportReport, LinkStats, ListOptions, ListResult, MediaFile, MediaItem,
  OpenPost, RenderedPreview, Revision, SaveResult, SiteSettings, StartState, Summary,
} from './index'

/** DataKeys are a generated class's fields, without its methods. */
type DataKeys<T> = { [K in keyof T]-?: T[K] extends (...args: never[]) => unknown ? never : K }[keyof T]

/** Mismatch is the fields the page's type has and the Go type lacks: never when they agree. */
type Mismatch<Mine, Go> = Exclude<keyof Mine, DataKeys<Go>>

/** Agrees compiles only when Mismatch is never. */
type Agrees<T extends never> = T

export type Mirrors = [
  Agrees<Mismatch<OpenPost, app.OpenPost>>,
  Agrees<Mismatch<SaveResult, app.SaveResult>>,
  Agrees<Mismatch<RenderedPreview, app.PreviewResult>>,
  Agrees<Mismatch<Fields, app.Fields>>,
  Agrees<Mismatch<FieldEdit, app.FieldEdit>>,
  Agrees<Mismatch<ImportReport, app.ImportReport>>,
  Agrees<Mismatch<ExportReport, app.ExportReport>>,
  Agrees<Mismatch<MediaFile, app.MediaFile>>,
  Agrees<Mismatch<StartState, app.StartState>>,
  Agrees<Mismatch<MediaItem, media.Item>>,
  Agrees<Mismatch<LinkStats, linked.Stats>>,
  Agrees<Mismatch<ListOptions, store.ListOptions>>,
  Agrees<Mismatch<Summary, store.Summary>>,
  Agrees<Mismatch<ListResult, store.ListResult>>,
  Agrees<Mismatch<Revision, store.Revision>>,
  Agrees<Mismatch<Counts, store.Counts>>,
  Agrees<Mismatch<SiteSettings, site.Settings>>,
]
