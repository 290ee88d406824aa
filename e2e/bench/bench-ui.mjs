// UI benchmark (not a test): the real app with a database of N generated
// posts. Measures cold start to an editable window (production binary, the
// window reports when the editor is usable), switching posts and library
// search after the last keystroke (dev binary driven by Chromium; times taken
// inside the page), the memory (PSS) of the app with its WebKit processes,
// and then, in the real window with keys pressed by xdotool
// (window-bench.mjs), keystroke to preview on the sample post, the 60-fence
// post and a 200 KB post, and library search again. Run through scripts/bench-ui.sh.
import { execFileSync } from 'node:child_process'
import { once } from 'node:events'
import fs from 'node:fs'
import path from 'node:path'
import { launchBrowser, root, startApp, startXvfb, stopAll, tempDir, waitFor } from '../lib/harness.mjs'
import { memory } from './memory.mjs'
import { queries, stats, windowBench } from './window-bench.mjs'

const N = Number(process.env.BENCH_POSTS || 10000)
const RUNS = Number(process.env.BENCH_RUNS || 5)
const ROUNDS = Number(process.env.BENCH_SEARCH_ROUNDS || 3) // of the 8 searches
const load = () => fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')
const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)]
const fmt = (a) => `median ${median(a).toFixed(1)} ms (min ${Math.min(...a).toFixed(1)}, max ${Math.max(...a).toFixed(1)}, n=${a.length})`

// mappedKB is the PSS of the mappings of files whose path starts with prefix (the database, memory-mapped by SQLite).
function mappedKB(pid, prefix) {
  let kb = 0
  let inFile = false
  try {
    for (const line of fs.readFileSync(`/proc/${pid}/smaps`, 'utf8').split('\n')) {
      const m = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$/.exec(line)
      if (m) inFile = m[1].startsWith(prefix)
      else if (inFile && line.startsWith('Pss:')) kb += Number(line.split(/\s+/)[1])
    }
  } catch {}
  return kb
}

function descendants(pid) {
  const children = new Map()
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8')
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      if (!children.has(ppid)) children.set(ppid, [])
      children.get(ppid).push(Number(d))
    } catch {}
  }
  const out = [pid]
  for (let i = 0; i < out.length; i++) out.push(...(children.get(out[i]) ?? []))
  return out
}

async function main() {
  const dir = tempDir('quire-bench-')
  const db = path.join(dir, 'bench.db')
  console.log(`seeding ${N} posts…`)
  execFileSync('go', ['run', '-tags', 'sqlite_fts5', './e2e/bench/seed', '-db', db, '-n', String(N)], { cwd: root, stdio: 'inherit' })
  const dbMB = fs.statSync(db).size / 1048576
  const display = await startXvfb()

  // Cold start to an editable window, and memory once it has settled.
  const starts = []
  let pss = null
  const mems = [] // {pss, alone} in MB, one per start
  let loadMem = ''
  for (let i = 0; i < RUNS; i++) {
    const app = await startApp({ display, db, dev: false, env: { QUIRE_TRACE_STARTUP: '1' } })
    const ms = await waitFor('the window to report it is editable', () => {
      const m = /editable after ([\d.]+) ms/.exec(app.log())
      return m ? Number(m[1]) : null
    }, 30000, 20)
    starts.push(ms)
    // Memory after every start (the last one's processes are listed).
    await new Promise((r) => setTimeout(r, 3000))
    pss = memory(descendants(app.pid), { top: 6 }).map((m) => ({ ...m, kb: m.pss, dbKB: mappedKB(m.pid, db) }))
    mems.push({ pss: pss.reduce((s, p) => s + p.kb, 0) / 1024, alone: pss.every((p) => p.alone !== null) ? pss.reduce((s, p) => s + p.alone, 0) / 1024 : null })
    loadMem = load()
    app.child.kill('SIGTERM')
    await once(app.child, 'exit')
  }

  // Switching posts and searching, timed inside the page.
  const app = await startApp({ display, db })
  const context = await launchBrowser()
  const page = context.pages()[0] ?? (await context.newPage())
  await page.goto(app.url)
  await page.waitForSelector('.lib-item')
  // The window opens the last post at start the way a click does, while it
  // still loads (theme, spelling, library), so that first open is timed
  // with the start and reported apart; each click below opens another post.
  await page.waitForFunction(() => performance.getEntriesByName('quire:switch').length >= 1)
  for (let i = 0; i < 20; i++) {
    await page.click(`.lib-item:not(.selected) >> nth=${i % 8}`)
    await page.waitForFunction((n) => performance.getEntriesByName('quire:switch').length >= n, i + 2)
  }
  const [startOpen, ...switches] = await page.evaluate(() => performance.getEntriesByName('quire:switch').map((e) => e.duration))
  // Search: from the last keystroke to the results painted.
  await page.evaluate(() => {
    window.__lastKey = 0
    window.__results = []
    document.querySelector('.lib-search').addEventListener('input', () => (window.__lastKey = performance.now()))
    document.querySelector('#library').addEventListener('library:loaded', (e) => {
      if (e.detail.query) window.__results.push({ q: e.detail.query, ms: performance.now() - window.__lastKey, total: e.detail.total })
    })
  })
  const searches = []
  for (const q of Array.from({ length: ROUNDS }, () => queries).flat()) {
    await page.fill('.lib-search', '')
    await page.waitForTimeout(100)
    await page.click('.lib-search')
    await page.keyboard.type(q, { delay: 30 })
    await page.waitForFunction((q) => window.__results.some((r) => r.q === q), q)
    const r = await page.evaluate((q) => window.__results.filter((r) => r.q === q).at(-1), q)
    searches.push(r.ms)
    console.log(`  search ${JSON.stringify(q)}: ${r.total} results in ${r.ms.toFixed(1)} ms after the last key`)
  }
  // Typing into a 1 MB post: from the key to the next painted frame. The
  // dev server's browser bridge cannot carry a 1 MB message (Wails v2 cuts
  // it), so this times the editor side only; preview and save of large
  // posts work in the real window (see the report).
  await page.fill('.lib-search', '')
  await page.click('.cm-content')
  await page.keyboard.press('Control+N')
  await page.waitForFunction(() => /title: Untitled/.test(window.quire.view.state.doc.toString()))
  const big = await page.evaluate(() => {
    const para = 'The quick brown fox jumps over the lazy dog, and *then* some `code` and a [link](https://example.com). '
    let body = '# A very long post\n\n'
    while (body.length < 1 << 20) body += para.repeat(8) + '\n\n'
    const v = window.quire.view
    v.dispatch({ changes: { from: v.state.doc.length, insert: body } })
    return v.state.doc.length
  })
  await page.evaluate(() => {
    window.__lat = []
    document.addEventListener('keydown', () => {
      const t = performance.now()
      requestAnimationFrame(() => setTimeout(() => window.__lat.push(performance.now() - t)))
    }, true)
  })
  await page.click('.cm-content')
  await page.keyboard.press('Control+End')
  await page.keyboard.type(' typing at the end of a one megabyte post', { delay: 40 })
  await page.waitForTimeout(500)
  const keys = await page.evaluate(() => window.__lat)
  await context.close()
  app.child.kill('SIGTERM')
  await once(app.child, 'exit')
  const loadBrowser = load()

  // The real window: keystroke to preview and library search, keys pressed by xdotool.
  // Once in a while (seen once in many runs) the window's script stops
  // reporting before it is done; the figures of a second run are as good, and
  // the output says it took two.
  const winOpts = { display, db, keys: Number(process.env.BENCH_KEYS || 60), rounds: ROUNDS }
  let win
  try {
    win = await windowBench(winOpts)
  } catch (e) {
    console.log(`the real-window benchmark failed (${String(e.message).split('\n')[0].slice(0, 200)}); running it once more`)
    win = await windowBench(winOpts)
  }
  await stopAll()

  const mb = (a) => `${median(a).toFixed(0)} MB (min ${Math.min(...a).toFixed(0)}, max ${Math.max(...a).toFixed(0)}, n=${a.length})`
  const totalMB = mb(mems.map((m) => m.pss))
  const aloneMB = mems.every((m) => m.alone !== null) ? mb(mems.map((m) => m.alone)) : null
  console.log(`\nQuire UI benchmark, ${N} posts (${dbMB.toFixed(0)} MB database)`)
  console.log(`cold start to editable window: ${fmt(starts)}   target < 1000 ms`)
  console.log(`switching posts (click to editor loaded): ${fmt(switches)}   target < 50 ms`)
  console.log(`  in order (8 posts in turn): ${switches.map((ms) => ms.toFixed(0)).join(' ')} ms`)
  console.log(`  not a switch: the last post opened at start, while the page still loads: ${startOpen.toFixed(1)} ms`)
  if (searches.length) {
    const ss = stats(searches)
    console.log(`library search after the last keystroke: p50 ${ss.p50.toFixed(1)} ms, p95 ${ss.p95.toFixed(1)} ms (${fmt(searches)})   target < 50 ms`)
  } else {
    console.log('library search: not measured (BENCH_SEARCH_ROUNDS=0)')
  }
  const p95 = [...keys].sort((a, b) => a - b)[Math.floor(keys.length * 0.95)]
  console.log(`typing in a ${(big / 1048576).toFixed(1)} MB post (key to next frame, editor side): ${fmt(keys)}, p95 ${p95.toFixed(1)} ms`)
  const when = '3 s after the window is editable, the library shown and a post open'
  if (aloneMB !== null) {
    console.log(`memory of the app and its WebKit processes, ${when}: ${aloneMB} as if alone on the machine   target < 250 MB`)
    console.log(`  (each resident page split among these processes only, see e2e/bench/memory.mjs); the kernel's PSS: ${totalMB},`)
    console.log('  lower by whatever other programs on the machine map the same pages (WebKitGTK, GTK, Mesa libraries), so it moves with them')
  } else {
    console.log(`memory (PSS) of the app and its WebKit processes, ${when}: ${totalMB}   target < 250 MB`)
  }
  for (const p of pss) {
    console.log(`  ${p.name} (${p.pid}): ${p.alone !== null ? `${(p.alone / 1024).toFixed(1)} MB alone, ` : ''}PSS ${(p.kb / 1024).toFixed(1)} MB${p.dbKB ? `, of which ${(p.dbKB / 1024).toFixed(1)} MB is the database file mapped into memory by SQLite` : ''}`)
    // Where it goes: libLLVM here means Mesa's GL driver was loaded (see app/lowmem_linux.go).
    if (p.top.length) console.log(`    largest, as if alone: ${p.top.map((t) => `${path.basename(t.name)} ${(t.kb / 1024).toFixed(1)}`).join(', ')} (MB)`)
  }
  console.log(`(load average ${loadMem} when the memory was taken, ${loadBrowser} after the browser part)`)
  console.log('')
  console.log(win.lines.join('\n'))
  console.log('targets: keystroke to preview p95 < 50 ms on the sample post, < 150 ms on a 200 KB post; library search < 50 ms')
}

main().catch(async (e) => {
  console.error(e)
  await stopAll()
  process.exit(1)
})
