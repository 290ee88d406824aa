// The Export dialog: site settings, the hosting folder, a progress bar that
// can cancel, and the summary with "Open site". The export itself runs in Go
// (backend/export), which stages the site and places it only when complete.
import { api, isForeignFolder, type ExportReport, type SiteSettings } from './api'
import { publishApi } from './api/publish'
import { choose } from './dialog'
import { h } from './dom'

const PERMALINKS: Array<[string, string]> = [
  ['/:year/:month/:day/:slug/', 'Dated: /2018/01/05/my-post/'],
  ['/posts/:slug/', 'Plain: /posts/my-post/'],
  ['/:categories/:year/:month/:day/:title.html', 'Jekyll: /kubernetes/2018/01/05/my-post.html'],
]

const LAST_DIR = 'ui:exportDir'

/** summarize is the one-line result of an export, as the dialog shows it. */
export function summarize(r: ExportReport): string {
  const failed = r.failed?.length ?? 0
  const warnings = r.warnings?.length ?? 0
  const parts = [`${r.written} written`, `${r.unchanged} unchanged`, `${r.removed} removed`]
  if (failed) parts.push(`${failed} failed`)
  if (warnings) parts.push(`${warnings} ${warnings === 1 ? 'warning' : 'warnings'}`)
  return `${r.posts} ${r.posts === 1 ? 'post' : 'posts'}: ${parts.join(', ')}`
}

function field(label: string, input: HTMLElement, hint = ''): HTMLElement {
  return h('label', { class: 'export-field' }, h('span', {}, label), input, hint ? h('small', {}, hint) : null)
}

/** settingsFields are the site settings' inputs, laid out in a grid, and read() to take them back. */
function settingsFields(settings: SiteSettings) {
  const input = (name: keyof SiteSettings, attrs: Record<string, string> = {}) =>
    h('input', { name, value: String(settings[name] ?? ''), ...attrs })
  const title = input('title')
  const description = input('description')
  const author = input('author')
  const baseURL = input('baseURL', { placeholder: 'https://example.org/blog/' })
  const language = input('language', { placeholder: 'en' })
  const perPage = input('postsPerPage', { type: 'number', min: '1', max: '1000' })
  const permalink = h('select', { name: 'permalink' }, ...PERMALINKS.map(([v, l]) => h('option', { value: v }, l)))
  if (!PERMALINKS.some(([v]) => v === settings.permalink)) permalink.append(h('option', { value: settings.permalink }, settings.permalink))
  permalink.value = settings.permalink
  const drafts = h('input', { type: 'checkbox', name: 'drafts', checked: settings.drafts })
  const future = h('input', { type: 'checkbox', name: 'future', checked: settings.future })
  return {
    first: title,
    grid: h('div', { class: 'export-grid' },
      field('Site title', title),
      field('Author', author),
      field('Description', description),
      field('Base URL', baseURL, 'Where the site is served; links work under its path.'),
      field('Language', language),
      field('Posts per page', perPage),
      field('Permalinks', permalink),
      h('div', { class: 'export-checks' },
        h('label', {}, drafts, ' Include drafts'),
        h('label', {}, future, ' Include posts dated in the future')),
    ),
    read: (): SiteSettings => ({
      title: title.value.trim(),
      description: description.value.trim(),
      author: author.value.trim(),
      baseURL: baseURL.value.trim(),
      language: language.value.trim(),
      postsPerPage: Number(perPage.value) || 10,
      permalink: permalink.value,
      drafts: drafts.checked,
      future: future.checked,
    }),
  }
}

/** reportDetails lists an export's failures and warnings, one item each. */
function reportDetails(r: ExportReport): HTMLElement[] {
  return [
    ...(r.failed ?? []).map((f) => h('li', { class: 'failed' }, `${f.source || f.path || ''}: ${f.error}`)),
    ...(r.warnings ?? []).map((w) => h('li', { class: 'warning' }, `${w.post}${w.line ? `:${w.line}` : ''}: ${w.message}`)),
  ]
}

// Open site serves the folder and opens it in the browser; the address
// stays in the dialog, with Copy, for when no browser opens (none is
// registered) or the writer wants another one.
async function openSite(exportedDir: string, served: HTMLElement, message: HTMLElement): Promise<void> {
  let url: string
  try {
    url = await api.serveSite(exportedDir)
  } catch (e) {
    message.textContent = `Could not serve the site: ${(e as Error).message}`
    return
  }
  const copyBtn = h('button', { type: 'button', 'data-choice': 'copy-url' }, 'Copy')
  copyBtn.addEventListener('click', () => void api.copyText(url).then(() => (copyBtn.textContent = 'Copied'), () => (copyBtn.textContent = 'Copy failed')))
  served.replaceChildren('Served at ', h('code', { class: 'export-url' }, url), ' ', copyBtn)
  served.hidden = false
  try {
    await api.openURL(url)
  } catch (e) {
    message.textContent = `The site is served, but ${(e as Error).message}: open the address above in a browser.`
  }
}

/** exportBesideOthers asks whether to export into a folder holding files Quire did not write. */
async function exportBesideOthers(target: string): Promise<boolean> {
  const go = await choose(
    'Export into this folder?',
    `${target} holds files Quire did not write. Quire will add the site beside them and never change or remove them.`,
    [
      { id: 'cancel', label: 'Cancel' },
      { id: 'go', label: 'Export anyway', primary: true },
    ],
  )
  return go === 'go'
}

let progressHooked = false
let onProgress: (done: number, total: number) => void = () => {}

/** openExportDialog shows the dialog; it resolves when the dialog closes. */
export async function openExportDialog(): Promise<void> {
  if (document.querySelector('.export-dialog')) return
  if (!progressHooked) {
    api.onExportProgress((p) => onProgress(p.done, p.total))
    progressHooked = true
  }
  const settings = await api.siteSettings()
  // The hosting folder is the output site setting, which Publish and `quire publish` use too.
  const lastDir = (await publishApi.output().catch(() => '')) || (await api.getSetting(LAST_DIR).catch(() => '')) || ''

  const site = settingsFields(settings)
  const dir = h('input', { name: 'dir', value: lastDir, placeholder: '/home/me/my-site', spellcheck: 'false' })
  const chooseBtn = h('button', { type: 'button', onclick: async () => {
    const picked = await api.chooseFolder('Export the site into…').catch(() => '')
    if (picked) dir.value = picked
  } }, 'Choose…')

  const bar = h('progress', { max: '1', value: '0' })
  const counts = h('span', { class: 'export-counts' })
  const progress = h('div', { class: 'export-progress', hidden: true }, bar, counts)
  const message = h('div', { class: 'export-message', role: 'status' })
  const details = h('ul', { class: 'export-details' })
  const served = h('div', { class: 'export-served', hidden: true })

  const exportBtn = h('button', { class: 'primary', type: 'submit', 'data-choice': 'export' }, 'Export')
  const cancelBtn = h('button', { type: 'button', 'data-choice': 'cancel' }, 'Close')
  const openBtn = h('button', { type: 'button', 'data-choice': 'open', hidden: true }, 'Open site')

  const form = h(
    'form',
    { class: 'dialog export-dialog' },
    h('h2', {}, 'Export site'),
    site.grid,
    field('Hosting folder', h('div', { class: 'export-dir' }, dir, chooseBtn),
      'Files Quire did not write (.git, CNAME, …) are never touched.'),
    progress, message, served, details,
    h('div', { class: 'dialog-buttons' }, openBtn, cancelBtn, exportBtn),
  )
  const overlay = h('div', { class: 'overlay', role: 'dialog', 'aria-modal': 'true', 'aria-label': 'Export site' }, form)
  document.body.append(overlay)
  site.first.focus()

  let running = false
  let exportedDir = ''
  const close = () => {
    overlay.remove()
    document.removeEventListener('keydown', onKey, true)
  }
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && !running) {
      e.preventDefault()
      close()
    }
  }
  document.addEventListener('keydown', onKey, true)

  const setRunning = (on: boolean) => {
    running = on
    exportBtn.disabled = on
    cancelBtn.textContent = on ? 'Cancel' : 'Close'
    progress.hidden = !on && progress.hidden
  }

  let pages = 0
  onProgress = (done, total) => {
    if (!running) return
    pages = total
    progress.hidden = false
    bar.max = Math.max(1, total)
    bar.value = done
    counts.textContent = `${done} of ${total} pages`
  }

  const run = async (force: boolean): Promise<void> => {
    const target = dir.value.trim()
    if (!target) {
      message.textContent = 'Choose the hosting folder first.'
      dir.focus()
      return
    }
    message.textContent = ''
    details.replaceChildren()
    openBtn.hidden = true
    served.hidden = true
    try {
      await api.saveSiteSettings(site.read())
    } catch (e) {
      message.textContent = `Settings not saved: ${(e as Error).message}`
      return
    }
    void api.setSetting(LAST_DIR, target).catch(() => {})
    void publishApi.setOutput(target).catch(() => {})
    setRunning(true)
    message.textContent = 'Exporting…'
    try {
      const r = await api.exportSite(target, force)
      exportedDir = r.dir || target
      // The last progress events can come after the result (or not at all):
      // done is done, and what comes after is ignored (running is false).
      bar.value = bar.max
      if (pages > 0) counts.textContent = `${pages} of ${pages} pages`
      message.textContent = `Exported: ${summarize(r)}.`
      details.append(...reportDetails(r))
      openBtn.hidden = false
    } catch (e) {
      const err = e as Error
      if (isForeignFolder(err)) {
        setRunning(false)
        message.textContent = ''
        if (await exportBesideOthers(target)) return run(true)
        return
      }
      message.textContent = /cancel/i.test(err.message) ? 'Export cancelled; the folder is as it was.' : `Export failed: ${err.message}`
    } finally {
      setRunning(false)
    }
  }

  form.addEventListener('submit', (e) => {
    e.preventDefault()
    if (!running) void run(false)
  })
  cancelBtn.addEventListener('click', () => (running ? void api.cancelExport() : close()))
  openBtn.addEventListener('click', () => void openSite(exportedDir, served, message))
}
