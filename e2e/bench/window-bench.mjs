// Benchmark (not a test): keystroke to updated preview and library search,
// in the real WebKit window, the way a person types. The dev-tagged binary
// (the same frontend and WebKitGTK as the production one, plus the dev-only
// bench reporter of app/bench_dev.go) runs a script in its window; xdotool
// presses real keys under Xvfb; the script times, in the page, from each
// key event to the preview's DOM showing the typed text (and to the next
// frame after it), and from the last keystroke in the library search box to
// the results in the list, and reports through the dev-only Bench.Report
// binding into a file this script reads.
//
// Run alone: node e2e/bench/window-bench.mjs (after `make dev-build`); with
// BENCH_DB=FILE it uses that database, else it seeds BENCH_POSTS (10000)
// posts. scripts/bench-ui.sh runs it after its other measurements.
// BENCH_KEYS (60) keys are typed per post, BENCH_SEARCH_ROUNDS (3) rounds of
// 8 searches.
import { execFile, execFileSync } from 'node:child_process'
import { once } from 'node:events'
import fs from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'
import { fileURLToPath } from 'node:url'
import { fixture, root, startApp, startXvfb, stopAll, tempDir, waitFor } from '../lib/harness.mjs'

const run = promisify(execFile)
const PROBE = 'latency probe: '
export const queries = ['kubernetes', 'austin conference', 'sqlite revision', 'garden', 'typescript theme', 'keynote coffee', 'mountain', 'static site hosting']

const sample = fs.readFileSync(fixture('kubecon-2017-austin-summary.md'), 'utf8')

/** bigPost is a deterministic long post: the sample's body repeated under numbered headings, cut at a paragraph. */
export function bigPost(bytes) {
  const body = sample.replace(/^---[\s\S]*?\n---\n/, '')
  let out = '---\ntitle: "A long post"\ndate: 2024-01-01\n---\n'
  for (let i = 1; out.length < bytes; i++) out += `\n## Part ${i}\n\n${body.trimEnd()}\n`
  // Whole parts only, so the text never ends inside a code fence or a list.
  return out.slice(0, out.lastIndexOf('\n## Part ', bytes)).trimEnd() + '\n'
}

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]
export function stats(values) {
  const s = [...values].sort((a, b) => a - b)
  return { n: s.length, p50: quantile(s, 0.5), p95: quantile(s, 0.95), max: s[s.length - 1] }
}
const f1 = (x) => x.toFixed(1)

// The script run in the window (app/bench_dev.go). P: {keys, texts, queries, rounds}.
function pageScript(P) {
  return `(async () => {
  const P = ${JSON.stringify(P)}
  const PROBE = ${JSON.stringify(PROBE)}
  const report = (o) => window.go.app.Bench.Report(JSON.stringify(o))
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms))
  const until = async (what, fn, ms = 60000) => {
    const end = performance.now() + ms
    while (!fn()) {
      if (performance.now() > end) throw new Error('timed out waiting for ' + what)
      await sleep(20)
    }
  }
  // After the next frame is painted (rAF runs before the paint; the timer after it).
  const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)))
  try {
    await until('the app', () => window.quire && window.quire.view && document.querySelector('.lib-item'))
    const view = window.quire.view
    const doc = await window.quire.preview.document()
    const content = doc.getElementById('quire-content')
    const last = () => (content.lastElementChild ? content.lastElementChild.textContent : '')

    // The backend's part: the round trip of each render call (IPC and Go).
    const svc = window.go.app.Preview
    const render = svc.Render
    let lastRender = 0
    svc.Render = (...args) => {
      const t = performance.now()
      return render.apply(svc, args).then((r) => ((lastRender = performance.now() - t), r))
    }

    // Keystroke to preview.
    const keysDone = new AbortController()
    let cur = '', typed = '', armed = null, count = 0
    window.addEventListener('keydown', (e) => {
      if (e.key.length !== 1) return
      typed += e.key
      armed = { t0: performance.now(), ts: e.timeStamp, want: PROBE + typed }
    }, { capture: true, signal: keysDone.signal })
    const mo = new MutationObserver(() => {
      if (!armed || !last().endsWith(armed.want)) return
      const a = armed
      armed = null
      // From the key event's time stamp (when WebKit took the key from GTK;
      // the handler runs up to a few ms later).
      const dom = performance.now() - a.ts
      frame().then(() => { count++; report({ kind: 'key', name: cur, dom, lag: a.t0 - a.ts, render: lastRender, frame: performance.now() - a.ts }) })
    })
    mo.observe(content, { childList: true, subtree: true, characterData: true })
    for (const t of P.texts) {
      cur = t.name
      typed = ''
      armed = null
      count = 0
      const text = t.text + '\\n\\n' + PROBE
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text }, selection: { anchor: text.length }, scrollIntoView: true })
      await until('the preview of ' + t.name, () => last() === PROBE.trim())
      view.focus()
      await sleep(1500) // the autosave of the new text, the scroll sync
      report({ kind: 'ready', name: t.name, bytes: text.length })
      await until('the keys on ' + t.name, () => count >= P.keys, 600000)
    }
    keysDone.abort()
    mo.disconnect()

    // Library search: from the last keystroke to the results in the list.
    const search = document.querySelector('.lib-search')
    const lib = document.querySelector('#library')
    // want: the query being typed. The list also loads for the words typed
    // so far (it searches 20 ms after a key), and those results are not the
    // ones timed.
    let lastInput = 0, found = null, want = null
    search.addEventListener('input', () => (lastInput = performance.now()))
    lib.addEventListener('library:loaded', (e) => {
      if (!e.detail.query || e.detail.query !== want || e.detail.query !== search.value.trim()) return
      const dom = performance.now() - lastInput
      const q = e.detail.query
      frame().then(() => { found = q; report({ kind: 'search', q, total: e.detail.total, dom, frame: performance.now() - lastInput }) })
    })
    for (let r = 0; r < P.rounds; r++) {
      for (const q of P.queries) {
        if (search.value) {
          const cleared = new Promise((res) => lib.addEventListener('library:loaded', res, { once: true }))
          search.value = ''
          search.dispatchEvent(new Event('input'))
          await cleared
        }
        found = null
        want = q
        search.focus()
        await sleep(300)
        report({ kind: 'ready', name: 'search', q })
        await until('the results for ' + q, () => found === q)
      }
    }
    report({ kind: 'done' })
  } catch (e) {
    report({ kind: 'error', message: String(e && e.stack || e) })
  }
})()`
}

/**
 * windowBench runs the real-window benchmark on display with the database
 * db (which it changes: the typed posts are saved) and returns the figures
 * and printable lines.
 */
export async function windowBench({ display, db, keys = 60, rounds = 3 }) {
  const dir = tempDir('quire-winbench-')
  const out = path.join(dir, 'report.jsonl')
  const script = path.join(dir, 'bench.js')
  const texts = [
    { name: `sample post (${(Buffer.byteLength(sample) / 1024).toFixed(1)} KB)`, text: sample },
  ]
  // Issue #16's post of 60 fences in languages chroma does not know: each
  // keystroke renders it whole, so a fence looked up or lexed again per key
  // would show here.
  const fences = fs.readFileSync(path.join(root, 'backend/render/testdata/bench/unknown-fences.md'), 'utf8')
  texts.push({ name: `60-fence post (${(Buffer.byteLength(fences) / 1024).toFixed(1)} KB)`, text: fences })
  const big = bigPost(200 * 1024)
  texts.push({ name: `200 KB post (${(Buffer.byteLength(big) / 1024).toFixed(1)} KB)`, text: big })
  fs.writeFileSync(script, pageScript({ keys, texts, queries, rounds }))
  const env = { ...process.env, DISPLAY: display }
  const xdo = (...args) => run('xdotool', args, { env })

  const taken = new Set() // the report lines next has returned, by index
  const lines = () => (fs.existsSync(out) ? fs.readFileSync(out, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)) : [])
  // next waits for the first report of kind not yet returned (an error report
  // fails at once). The reports are calls to Go that can land out of order:
  // the page's "done" was seen written before the last "search" it follows.
  // So a line of another kind is left for its own next, never skipped.
  async function next(kind, timeoutMs = 60000) {
    return waitFor(`the window to report ${kind}`, () => {
      const all = lines()
      for (let i = 0; i < all.length; i++) {
        const l = all[i]
        if (l.kind === 'error') throw Object.assign(new Error(`the bench script failed: ${l.message}`), { fatal: true })
        if (l.kind === kind && !taken.has(i)) {
          taken.add(i)
          return l
        }
      }
      return null
    }, timeoutMs, 5).catch((e) => {
      if (e.fatal) throw e
      const last = lines().slice(-3).map((l) => JSON.stringify(l).slice(0, 200)).join('; ')
      throw new Error(`${e.message} (the last reports: ${last || 'none'}; log: ${app.log().slice(-1500)})`)
    })
  }

  const app = await startApp({ display, db, env: { QUIRE_BENCH_SCRIPT: script, QUIRE_BENCH_FILE: out } })
  try {
    const win = await waitFor('the Quire window', async () => {
      const { stdout } = await xdo('search', '--onlyvisible', '--name', '^Quire$').catch(() => ({ stdout: '' }))
      return stdout.trim().split('\n')[0]
    })
    await xdo('mousemove', '--window', win, '640', '400')
    await xdo('windowfocus', '--sync', win)
    const result = { keys: {}, search: [] }
    for (const t of texts) {
      await next('ready', 120000)
      const lat = []
      for (let i = 0; i < keys; i++) {
        await xdo('key', 'abcdefghij'[i % 10])
        lat.push(await next('key', 30000))
        if (process.env.BENCH_DEBUG) console.log(JSON.stringify(lat.at(-1)))
      }
      result.keys[t.name] = { dom: stats(lat.map((l) => l.dom)), frame: stats(lat.map((l) => l.frame)), render: stats(lat.map((l) => l.render)) }
    }
    for (let i = 0; i < rounds * queries.length; i++) {
      const { q } = await next('ready', 60000)
      await xdo('type', '--delay', '30', q)
      result.search.push(await next('search', 30000))
    }
    // Longer than the page waits for results (60 s), so that its own error
    // (which query never got them) is what a failure reports.
    await next('done', 90000)
    const out = [`In the real window (dev binary, WebKitGTK, keys pressed with xdotool; load ${fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')} at the end):`]
    for (const [name, r] of Object.entries(result.keys)) {
      out.push(`keystroke to preview, ${name}: p50 ${f1(r.dom.p50)} ms, p95 ${f1(r.dom.p95)} ms, max ${f1(r.dom.max)} ms (${r.dom.n} keys; to the next frame: p50 ${f1(r.frame.p50)}, p95 ${f1(r.frame.p95)} ms; of which the render call, IPC and Go: p50 ${f1(r.render.p50)}, p95 ${f1(r.render.p95)} ms)`)
    }
    const sd = stats(result.search.map((s) => s.dom))
    const sf = stats(result.search.map((s) => s.frame))
    if (sd.n) out.push(`library search, last keystroke to results in the list: p50 ${f1(sd.p50)} ms, p95 ${f1(sd.p95)} ms, max ${f1(sd.max)} ms (${sd.n} searches of ${queries.length} queries; to the next frame: p50 ${f1(sf.p50)}, p95 ${f1(sf.p95)} ms)`)
    result.lines = out
    return result
  } finally {
    if (app.child.exitCode === null && app.child.signalCode === null) {
      app.child.kill('SIGTERM')
      await once(app.child, 'exit')
    }
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    let db = process.env.BENCH_DB
    if (!db) {
      const n = Number(process.env.BENCH_POSTS || 10000)
      db = path.join(tempDir('quire-bench-'), 'bench.db')
      execFileSync('go', ['run', '-tags', 'sqlite_fts5', './e2e/bench/seed', '-db', db, '-n', String(n)], { cwd: root, stdio: 'inherit' })
    }
    const display = await startXvfb()
    const r = await windowBench({ display, db, keys: Number(process.env.BENCH_KEYS || 60), rounds: Number(process.env.BENCH_SEARCH_ROUNDS || 3) })
    console.log(r.lines.join('\n'))
  } finally {
    await stopAll()
  }
}
