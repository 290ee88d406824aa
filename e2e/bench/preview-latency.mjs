// Benchmark: keystroke to updated preview, in Debian's Chromium against the
// real app (dev binary, real Go renderer). For each post it types 60 single
// characters at the end of the text and measures, in the page, from the
// keydown event to the moment the preview's DOM shows that character.
// Prints p50/p95/max per post. Run: node e2e/bench/preview-latency.mjs
//
// The browser reaches the Go backend through the Wails v2.9.2 dev server's
// websocket (/wails/ipc), whose read loop takes each websocket *frame* for a
// whole message: golang.org/x/net/websocket's Message.Receive reads one frame
// and never joins continuation frames, and Chromium sends a long message as
// several frames, so the first fragment of a long post reaches the
// dispatcher as a truncated call and the rest as garbage (posts of 40 KB
// were seen to shut the dev app down). Relaying the socket through
// Playwright (page.routeWebSocket) carries 100 KB but closes the page at
// 200 KB. So the largest post measured here is 24 KB; keystroke to preview
// on a 200 KB post is measured in the real window (window-bench.mjs, run by
// scripts/bench-ui.sh), which talks to Go through WebKit's message handler.
// (after `make build dev-build`). Not part of `make test`: a benchmark, not
// a test; bench smoke runs use QUIRE_BENCH_KEYS to type fewer keys.
import fs from 'node:fs'
import { fixture, openApp, stopAll } from '../lib/harness.mjs'

const keys = Number(process.env.QUIRE_BENCH_KEYS || 60)
const sample = fs.readFileSync(fixture('kubecon-2017-austin-summary.md'), 'utf8')

// A deterministic long post: the sample's body repeated under numbered headings.
function bigPost(bytes) {
  const body = sample.replace(/^---[\s\S]*?\n---\n/, '')
  let out = '---\ntitle: "A long post"\ndate: 2024-01-01\n---\n'
  for (let i = 1; out.length < bytes; i++) out += `\n## Part ${i}\n\n${body}`
  return out.slice(0, bytes)
}

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]

async function measure(page, text) {
  await page.click('.cm-content')
  await page.keyboard.press('Control+A')
  await page.keyboard.press('Backspace')
  await page.keyboard.insertText(text + '\n\nlatency probe: ')
  const frame = page.frames().find((f) => f !== page.mainFrame())
  await frame.waitForFunction(() => document.querySelector('#quire-content')?.lastElementChild?.textContent?.startsWith('latency probe'))
  await page.keyboard.press('Control+End')
  await page.evaluate(() => {
    const doc = document.querySelector('#preview').contentDocument
    const content = doc.getElementById('quire-content')
    const w = window
    w.__lat = []
    w.__pending = null
    // keydown: the moment the writer pressed the key.
    window.addEventListener('keydown', () => (w.__pending = { t0: performance.now(), want: null }), true)
    new MutationObserver(() => {
      if (!w.__pending) return
      const txt = content.lastElementChild?.textContent ?? ''
      if (txt.endsWith(w.__pending.want)) {
        w.__lat.push(performance.now() - w.__pending.t0)
        w.__pending = null
      }
    }).observe(content, { childList: true, subtree: true, characterData: true })
  })
  let typed = ''
  for (let i = 0; i < keys; i++) {
    const ch = 'abcdefghij'[i % 10]
    typed += ch
    await page.evaluate((want) => (window.__want = want), typed)
    await page.evaluate(() => {
      // Arm the observer with the text the preview must end with.
      const arm = () => window.__pending && (window.__pending.want = window.__want)
      window.addEventListener('keydown', arm, { once: true })
    })
    await page.keyboard.press(ch)
    await page.waitForFunction((n) => window.__lat.length >= n, i + 1)
  }
  const lat = await page.evaluate(() => window.__lat)
  lat.sort((a, b) => a - b)
  return { n: lat.length, p50: quantile(lat, 0.5), p95: quantile(lat, 0.95), max: lat[lat.length - 1] }
}

try {
  const { page } = await openApp()
  const rows = []
  for (const [name, text] of [
    ['sample post (7.8 KB)', sample],
    ['24 KB post', bigPost(24 * 1024)],
  ]) {
    const r = await measure(page, text)
    rows.push(r)
    console.log(`keystroke to preview, ${name}: p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms, max ${r.max.toFixed(1)} ms (${r.n} keys)`)
  }
} finally {
  await stopAll()
}
