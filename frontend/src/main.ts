import './style.css'
import { api, type RenderedPreview } from './api'
import { createEditor } from './editor'
import { Preview } from './preview'
import { RenderScheduler } from './schedule'

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T

const errorBanner = $<HTMLDivElement>('error')
function showError(err: Error | null): void {
  errorBanner.hidden = err === null
  errorBanner.textContent = err ? err.message : ''
}

async function main(): Promise<void> {
  const preview = new Preview($<HTMLIFrameElement>('preview'), await api.themeCSS().catch(() => ''))
  preview.linksTo(api.openExternal)

  const statusbar = $<HTMLElement>('statusbar')
  let counts = ''
  let cursor = 'Ln 1, Col 1'
  const paintStatus = () => (statusbar.textContent = [counts, cursor].filter(Boolean).join('  ·  '))

  const scheduler = new RenderScheduler<RenderedPreview>(
    (text) => api.renderPreview(text),
    (res) => {
      void preview.show({ title: res.title, html: res.html })
      $<HTMLElement>('doc-title').textContent = res.title
      counts = `${res.words} ${res.words === 1 ? 'word' : 'words'}  ·  ${res.readingMinutes} min read`
      paintStatus()
      showError(null)
    },
    (err) => showError(err),
  )

  createEditor({
    parent: $<HTMLElement>('editor'),
    doc: '',
    onChange: (text) => scheduler.update(text),
    onCursor: (line, col) => {
      cursor = `Ln ${line}, Col ${col}`
      paintStatus()
    },
  }).focus()
  paintStatus()
}

main().catch((e) => showError(e instanceof Error ? e : new Error(String(e))))
