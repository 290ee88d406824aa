// Publish from the window (File › Publish, Ctrl+Shift+P, the toolbar's
// Publish): a progress dialog with Cancel, then what was published, written,
// committed and pushed. Also the notice when due posts were published by
// the window itself while it was open.
import { api, isForeignFolder } from './api'
import { publishApi, type AutoPublish, type PublishProgress, type PublishReport } from './api/publish'
import { choose } from './dialog'
import { h } from './dom'

const phaseText: Record<PublishProgress['phase'], string> = {
  schedule: 'Publishing the scheduled posts whose time has come…',
  export: 'Exporting the site…',
  commit: 'Committing…',
  push: 'Pushing…',
}

/** summary says in a few lines what a publish did. */
export function summary(r: PublishReport): string[] {
  const lines: string[] = []
  const n = (k: number, one: string) => `${k} ${one}${k === 1 ? '' : 's'}`
  if (r.published.length > 0) lines.push(`Published ${n(r.published.length, 'scheduled post')}: ${r.published.map((p) => p.title || p.slug).join(', ')}.`)
  lines.push(`${r.dir}: ${n(r.written, 'file')} written, ${n(r.removed, 'file')} removed.`)
  const g = r.git
  if (!g) {
    lines.push('The folder is not a git work tree: the site was exported only.')
  } else if (g.nothingChanged) {
    lines.push('Nothing changed: no commit, nothing pushed.')
  } else {
    if (g.commit) lines.push(`Committed ${n(g.files, 'file')} on ${g.branch}: ${(g.message ?? '').split('\n')[0]}`)
    if (g.pushed > 0) lines.push(`Pushed ${n(g.pushed, 'commit')} to ${g.upstream}.`)
    else if (g.unpushed > 0) lines.push(`${n(g.unpushed, 'commit')} not pushed yet.`)
  }
  return lines
}

interface Progress {
  update(p: PublishProgress): void
  close(): void
}

function showProgress(dir: string): Progress {
  const phase = h('p', { class: 'publish-phase' }, 'Starting…')
  const bar = h('progress', { max: '1', value: '0' })
  const line = h('p', { class: 'publish-git' }, '')
  const cancel = h('button', { type: 'button', 'data-choice': 'cancel' }, 'Cancel')
  cancel.addEventListener('click', () => {
    cancel.disabled = true
    cancel.textContent = 'Cancelling…'
    void publishApi.cancel()
  })
  const overlay = h('div', { class: 'overlay', role: 'dialog', 'aria-modal': 'true', 'aria-label': 'Publish', id: 'publish-dialog' },
    h('div', { class: 'dialog progress-dialog' }, h('h2', {}, 'Publish'), h('p', {}, dir), phase,
      h('div', { class: 'export-progress' }, bar), line, h('div', { class: 'dialog-buttons' }, cancel)))
  document.body.append(overlay)
  cancel.focus()
  return {
    update(p) {
      if (p.phase === 'push' && p.text && !p.text.startsWith('pushing ')) {
        line.textContent = p.text // git's own progress
        return
      }
      phase.textContent = phaseText[p.phase] ?? p.phase
      if (p.phase === 'export') {
        bar.max = Math.max(1, p.total)
        bar.value = p.done
      }
    },
    close: () => overlay.remove(),
  }
}

let current: Progress | null = null
let running = false

/** openPublish publishes into the hosting folder, asking for one the first time. */
export async function openPublish(): Promise<void> {
  if (running) return
  running = true
  try {
    let dir = await publishApi.output()
    if (!dir) {
      dir = await api.chooseFolder('Choose the hosting folder to publish into')
      if (!dir) return
      await publishApi.setOutput(dir)
    }
    await publishInto(dir)
  } finally {
    running = false
  }
}

async function publishInto(dir: string): Promise<void> {
  let force = false
  for (;;) {
    current = showProgress(dir)
    try {
      const r = await publishApi.run(force)
      current.close()
      await showResult('Published', summary(r))
      return
    } catch (e) {
      current.close()
      const err = e instanceof Error ? e : new Error(String(e))
      if (!force && isForeignFolder(err)) {
        const go = await choose('Publish into this folder?',
          `${dir} holds files Quire did not write (a fresh clone of your site's repository, say). They are left alone.`,
          [{ id: 'cancel', label: 'Cancel' }, { id: 'go', label: 'Publish', primary: true }])
        if (go !== 'go') return
        force = true
        continue
      }
      await choose('Publish stopped', err.message, [{ id: 'ok', label: 'Close', primary: true }])
      return
    } finally {
      current = null
    }
  }
}

async function showResult(title: string, lines: string[]): Promise<void> {
  const auto = h('input', { type: 'checkbox', id: 'publish-auto' })
  auto.checked = await publishApi.auto().catch(() => true)
  auto.addEventListener('change', () => void publishApi.setAuto(auto.checked))
  const body = h('div', { class: 'publish-result' }, ...lines.map((l) => h('p', {}, l)),
    h('label', {}, auto, ' Publish scheduled posts when their time comes while Quire is open'))
  await choose(title, body, [{ id: 'ok', label: 'Close', primary: true }])
}

/** initPublish listens for progress and for the window's own publishing of due posts. */
export function initPublish(notify: (message: string, kind: 'error' | 'info') => void): void {
  publishApi.onProgress((p) => current?.update(p))
  publishApi.onAuto((e: AutoPublish) => {
    const names = e.posts.map((p) => p.title || p.slug).join(', ')
    if (e.error) notify(`Publishing scheduled posts (${names}) failed: ${e.error}`, 'error')
    else if (e.report) notify(`Published ${names}. ${summary(e.report).slice(1).join(' ')}`, 'info')
    else notify(`Published ${names} (no hosting folder is set, so the site was not exported).`, 'info')
  })
}
