// The preview never runs a post's script, and nothing in it can reach a bound
// Go method, open a dialog or navigate the app. Each payload is typed into the
// editor and previewed by the real backend in Debian's Chromium; every payload
// tries to call the dev build's Canary.Trip binding, which records any call in
// a file that must stay absent.
import { test, after, before } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { openApp, stopAll, tempDir, waitFor } from '../lib/harness.mjs'

// js is what each payload tries to run: reach the Go bridge every way a page
// can (its own window, its parent, the top window, WebKit's message handler)
// and make noise a test can see (a dialog, a navigation).
const js = (id) =>
  `try{window.go.app.Canary.Trip('${id}')}catch(e){}` +
  `try{parent.go.app.Canary.Trip('${id}')}catch(e){}` +
  `try{top.go.app.Canary.Trip('${id}')}catch(e){}` +
  `try{window.webkit.messageHandlers.external.postMessage('${id}')}catch(e){}` +
  `alert('${id}')`
const b64 = (s) => Buffer.from(s).toString('base64')

const payloads = [
  ['script', (id) => `<script>${js(id)}</script>`],
  ['img onerror', (id) => `<img src=x onerror="${js(id)}">`],
  ['svg onload', (id) => `<svg onload="${js(id)}"></svg>`],
  ['iframe srcdoc', (id) => `<iframe srcdoc="<script>${js(id)}</script>"></iframe>`],
  ['iframe javascript src', (id) => `<iframe src="javascript:${js(id)}"></iframe>`],
  ['object data', (id) => `<object data="data:text/html;base64,${b64(`<script>${js(id)}</script>`)}"></object>`],
  ['embed data src', (id) => `<embed src="data:text/html;base64,${b64(`<script>${js(id)}</script>`)}">`],
  ['markdown javascript link', (id) => `[click me](javascript:top.go.app.Canary.Trip('${id}'))`],
  ['entity-encoded javascript&colon;', (id) => `[click me](javascript&colon;top.go.app.Canary.Trip('${id}'))`],
  ['meta refresh to javascript', (id) => `<meta http-equiv="refresh" content="0;url=javascript:${js(id)}">`],
  ['meta refresh to the app', () => `<meta http-equiv="refresh" content="0;url=/">`],
  ['form action javascript', (id) => `<form action="javascript:${js(id)}"><button>go</button></form>`],
  ['details ontoggle', (id) => `<details open ontoggle="${js(id)}"><summary>s</summary>x</details>`],
  ['base href', (id) => `<base href="javascript:${js(id)}//">\n\n[relative](page.html)`],
  ['a target=_top', (id) => `<a target=_top href="javascript:${js(id)}">top</a>`],
  ['raw messageHandlers call', (id) => `<script>window.webkit.messageHandlers.external.postMessage('${id}')</script>`],
  ['code fence info string HTML', (id) => '```"><script>' + js(id) + '</script>\ncode\n```'],
  ['img javascript src', (id) => `<img src="javascript:${js(id)}">`],
  ['markdown image javascript', (id) => `![alt](javascript:top.go.app.Canary.Trip('${id}'))`],
  ['body onload', (id) => `<body onload="${js(id)}">`],
  ['input autofocus onfocus', (id) => `<input autofocus onfocus="${js(id)}">`],
  ['video source onerror', (id) => `<video><source src=x onerror="${js(id)}"></video>`],
  ['svg a xlink:href', (id) => `<svg><a xlink:href="javascript:${js(id)}"><text y="20">svg link</text></a></svg>`],
  ['tab inside javascript scheme', (id) => `<a href="java&#x09;script:${js(id)}">tab</a>`],
  ['vbscript link', () => `<a href="vbscript:msgbox(1)">vb</a>`],
  ['style url javascript', (id) => `<div style="background:url('javascript:${js(id)}')">styled</div>`],
  ['noscript mutation', (id) => `<noscript><p title="</noscript><img src=x onerror=${js(id).replace(/ /g, '')}>"></noscript>`],
  ['iframe loading the app itself', () => `<iframe src="/"></iframe>`],
  ['link to data html', (id) => `<a href="data:text/html;base64,${b64(`<script>${js(id)}</script>`)}">data</a>`],
  ['marquee onstart', (id) => `<marquee onstart="${js(id)}">m</marquee>`],
]

let ctx
let canary
const dialogs = []
before(async () => {
  canary = path.join(tempDir(), 'canary.log')
  ctx = await openApp({ env: { QUIRE_CANARY_FILE: canary } })
  ctx.page.on('dialog', (d) => {
    dialogs.push(d.message())
    void d.dismiss()
  })
})
after(stopAll)

// replaceText selects all of the editor's text and types the new text in.
async function replaceText(page, text) {
  await page.click('.cm-content')
  await page.keyboard.press('Control+A')
  await page.keyboard.press('Backspace')
  await page.keyboard.insertText(text)
}

for (const [i, [name, make]] of payloads.entries()) {
  test(`payload ${i + 1}: ${name}`, async () => {
    const { page, app } = ctx
    const id = `p${i + 1}`
    const marker = `marker-${id}-rendered`
    await replaceText(page, `---\ntitle: Payload ${id}\n---\n\n${make(id)}\n\n${marker}\n`)
    const preview = page.frameLocator('#preview')
    // The payload reached the preview: this test is about what it did there.
    await preview.locator('p', { hasText: marker }).waitFor()
    // Click whatever links the payload left, as a curious writer would
    // (http links would open the system browser and are left alone).
    const frame = page.frames().find((f) => f !== page.mainFrame())
    for (const a of await frame.locator('a').all()) {
      const href = (await a.getAttribute('href')) ?? ''
      if (!/^(https?|mailto):/i.test(href)) await a.click({ timeout: 2000 }).catch(() => {})
    }
    // Give handlers, refreshes and loads their chance to fire.
    await page.waitForTimeout(300)
    assert.ok(!fs.existsSync(canary), `a bound Go method was reached: ${fs.existsSync(canary) && fs.readFileSync(canary, 'utf8')}`)
    assert.deepEqual(dialogs, [], 'no dialog opened')
    assert.equal(page.url(), app.url, 'the app did not navigate')
    assert.equal(ctx.context.pages().length, 1, 'no window opened')
    for (const f of page.frames()) {
      if (f === page.mainFrame()) continue
      assert.equal(f.url(), 'about:srcdoc', `the preview frame stayed on its document (now ${f.url()})`)
    }
  })
}

// The sandbox and the frame's CSP hold on their own: the payloads are put into
// the preview document directly, as a bug in both sanitizers (the backend's
// and the frontend's) would let them through.
test('the preview frame holds without the sanitizers', async () => {
  const { page } = ctx
  const frame = page.frames().find((f) => f !== page.mainFrame())
  const inject = (html) =>
    page.evaluate((html) => {
      const doc = document.querySelector('#preview').contentDocument
      doc.getElementById('quire-content').innerHTML = html
      // innerHTML never runs <script>; a writer's edit could still bring one
      // in as a node, so insert them as real script elements too.
      for (const old of doc.querySelectorAll('#quire-content script')) {
        const s = doc.createElement('script')
        s.textContent = old.textContent
        old.replaceWith(s)
      }
    }, html)
  for (const [i, [name, make]] of payloads.entries()) {
    const html = make(`raw${i + 1}`)
    if (!html.startsWith('<')) continue // Markdown payloads need the renderer
    await inject(html)
    for (const a of await frame.locator('a').all()) {
      await a.click({ timeout: 1000 }).catch(() => {})
    }
  }
  await page.waitForTimeout(500)
  assert.ok(!fs.existsSync(canary), `a bound Go method was reached: ${fs.existsSync(canary) && fs.readFileSync(canary, 'utf8')}`)
  assert.deepEqual(dialogs, [])
  assert.equal(page.url(), ctx.app.url)
})

// The control: the canary does record a call when the bridge is reached, so
// the assertions above can fail.
test('control: the same payload in a frame without the sandbox reaches the canary', async () => {
  await ctx.page.evaluate((html) => {
    const f = document.createElement('iframe')
    f.srcdoc = html
    document.body.append(f)
  }, payloads[1][1]('control'))
  const text = await waitFor('the canary file', () => fs.existsSync(canary) && fs.readFileSync(canary, 'utf8'))
  assert.match(text, /control/)
})
