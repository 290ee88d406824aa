// Publish (app/publish.go): due posts go live, the site is exported into the
// hosting folder and committed and pushed when that folder is a git work tree.
import * as PublishSvc from '../../wailsjs/go/app/Publish'
import { EventsOn } from '../../wailsjs/runtime/runtime'
import type { app, publish } from '../../wailsjs/go/models'
import { call, hasRuntime, type ExportReport, type Narrow, type Plain } from './index'

// The reports are the generated types (wailsjs/go/models.ts), as in ./index.ts;
// progress and auto-publish arrive as events, which Wails does not generate.
export type PublishedPost = Plain<publish.Post>

export type PublishGit = Plain<publish.GitReport>

/** A publish's report; git is null or absent when the hosting folder is not a git work tree. */
export type PublishReport = Narrow<app.PublishReport, { export: ExportReport; git?: PublishGit | null }>

/** PublishProgress is a phase (schedule, export, commit, push), the export's count, or a line of git's progress. */
export interface PublishProgress {
  phase: 'schedule' | 'export' | 'commit' | 'push'
  done: number
  total: number
  text: string
}

/** AutoPublish is what the window published by itself when scheduled posts fell due. */
export interface AutoPublish {
  posts: PublishedPost[]
  report: PublishReport | null
  error: string
}

const as = <T>(p: Promise<unknown>): Promise<T> => p as Promise<T>

export const publishApi = {
  run: (force: boolean) => call('publish', as<PublishReport>(PublishSvc.Run(force))),
  dryRun: () => call('publish (dry run)', as<PublishReport>(PublishSvc.DryRun())),
  cancel: () => call('cancel publish', PublishSvc.Cancel()),
  output: () => call('hosting folder', PublishSvc.Output()),
  setOutput: (dir: string) => call('hosting folder', PublishSvc.SetOutput(dir)),
  auto: () => call('auto publish', PublishSvc.Auto()),
  setAuto: (on: boolean) => call('auto publish', PublishSvc.SetAuto(on)),
  /** onProgress calls fn as a publish goes (app/publish.go EventPublishProgress). */
  onProgress: (fn: (p: PublishProgress) => void): void => {
    if (hasRuntime()) EventsOn('publish:progress', (p: unknown) => fn(p as PublishProgress))
  },
  /** onAuto calls fn when the window published due posts by itself (EventPublishAuto). */
  onAuto: (fn: (e: AutoPublish) => void): void => {
    if (hasRuntime()) EventsOn('publish:auto', (e: unknown) => fn(e as AutoPublish))
  },
}
