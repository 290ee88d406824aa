// The one module that talks to the generated Wails bindings (frontend/wailsjs,
// regenerated from the Go services with `make bindings`). Components call
// these functions; a Go error arrives here as a rejected promise and leaves
// as an Error with the backend's message.
import * as PreviewSvc from '../../wailsjs/go/app/Preview'
import { BrowserOpenURL } from '../../wailsjs/runtime/runtime'

export interface RenderedPreview {
  title: string
  html: string
  words: number
  readingMinutes: number
}

async function call<T>(what: string, p: Promise<T>): Promise<T> {
  try {
    return await p
  } catch (e) {
    // Wails rejects with the Go error's text (a string), not an Error.
    const msg = e instanceof Error ? e.message : String(e)
    throw new Error(msg || `${what} failed`)
  }
}

export const api = {
  renderPreview: (text: string): Promise<RenderedPreview> => call('render', PreviewSvc.Render(text)),
  themeCSS: (): Promise<string> => call('theme', PreviewSvc.ThemeCSS()),
  openExternal: (url: string): void => BrowserOpenURL(url),
}
