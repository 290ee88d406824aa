// Remote content in the preview: a post's images, srcset, SVG images, CSS
// url() and media from another host load only after the writer clicks Load in
// the preview's bar, and that choice is kept for the post; the app's own media
// always load. A local HTTP server on another port stands in for the remote
// host (to the preview it is another origin, as a LAN service would be) and
// records every request it gets, and whether Load had been clicked by then.
import { test, after, before } from 'node:test'
import assert from 'node:assert/strict'
import http from 'node:http'
import { freePort, openApp, stopAll, waitFor, waitForEditorText } from '../lib/harness.mjs'
import { png } from '../lib/png.mjs'

const requests = [] // { path, afterLoad }
let loadClicked = false
let server
let R // the remote host's origin
let ctx
let localLink // media/NAME of an image in the app's media library

const remoteImage = png(12, 12, [30, 120, 220])

/** postA refers to the remote host in every way the preview could load it. */
const postA = () => `---
title: Remote A
---

Marker A: an imported post.

![md](${R}/md.png)

<img alt="img" src="${R}/img.png">

<img alt="srcset" srcset="${R}/srcset.png 1x">

<picture><source srcset="${R}/picture.png"><img alt="picture" src="${localLink}"></picture>

<svg width="12" height="12"><image href="${R}/svg-image.png" width="12" height="12"/></svg>

<svg width="12" height="12"><image xlink:href="${R}/svg-xlink.png" width="12" height="12"/></svg>

<div style="background:url(${R}/style.png);width:12px;height:12px"></div>

<style>.remote-bg { background: url("${R}/block.png") } @import url(${R}/import.css);</style>
<div class="remote-bg" style="width:12px;height:12px"></div>

<img alt="protocol-relative" src="${R.replace(/^http:/, '')}/proto.png">

<video poster="${R}/poster.png" width="20" height="20"></video>

<audio><source src="${R}/audio.ogg"></audio>

<table background="${R}/table.png"><tr><td>cell</td></tr></table>

<link rel="stylesheet" href="${R}/link.css">

![local](${localLink})
`

const postB = () => `---
title: Remote B
---

Marker B: another post.

![b](${R}/b.png)

![local](${localLink})
`

before(async () => {
  const port = await freePort()
  R = `http://127.0.0.1:${port}`
  server = http.createServer((req, res) => {
    requests.push({ path: req.url, afterLoad: loadClicked })
    if (req.url.endsWith('.png')) {
      res.writeHead(200, { 'content-type': 'image/png', 'cache-control': 'no-store' })
      res.end(remoteImage)
    } else {
      res.writeHead(200, { 'content-type': req.url.endsWith('.css') ? 'text/css' : 'application/octet-stream' })
      res.end()
    }
  })
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve))
  ctx = await openApp()
  const { page } = ctx
  localLink = (await page.evaluate((b64) => window.go.app.Media.AddData(b64, 'local.png'), png(40, 30, [220, 30, 30]).toString('base64'))).link
  for (const [title, text] of [['Remote A', postA()], ['Remote B', postB()]]) {
    await page.evaluate(
      async ({ title, text }) => {
        const o = await window.go.app.Posts.Create(title)
        await window.go.app.Posts.Save({ id: o.id, revision: o.revision, text, explicit: false })
      },
      { title, text },
    )
  }
  await page.reload()
  await page.waitForSelector('.cm-content')
  await page.waitForFunction(() => document.querySelectorAll('.lib-item:not(.placeholder)').length === 2)
})
after(async () => {
  await stopAll()
  server?.close()
})

const item = (page, title) => page.locator('.lib-item', { has: page.locator('.lib-title', { hasText: new RegExp(`^${title}$`) }) })

async function openFromLibrary(page, title) {
  await item(page, title).click()
  await waitForEditorText(page, new RegExp(`title: ${title}\\n`), 20000)
}

/**
 * previewReady waits until the preview shows the post's marker and its local
 * image has loaded. It reads the frame's current document each time, as the
 * document is rebuilt when a post's remote content is allowed or blocked.
 */
async function previewReady(page, marker) {
  await page.waitForFunction(
    ({ marker, src }) => {
      const doc = document.querySelector('#preview').contentDocument
      const shown = [...doc.querySelectorAll('#quire-content p')].some((p) => p.textContent.includes(marker))
      const img = doc.querySelector('#quire-content img[alt="local"]')
      return shown && img?.getAttribute('src') === src && img.complete && img.naturalWidth === 40
    },
    { marker, src: `/${localLink}` },
    { timeout: 20000 },
  )
}

/** remoteShown waits until the preview shows the remote image (12 px wide, from the stand-in host). */
const remoteShown = (page) =>
  page.waitForFunction(
    (src) => {
      const img = document.querySelector('#preview').contentDocument.querySelector('#quire-content img[alt="img"]')
      return img?.getAttribute('src') === src && img.complete && img.naturalWidth === 12
    },
    `${R}/img.png`,
    { timeout: 20000 },
  )

/** remoteRefs lists the attributes in the preview that still name the remote host, links aside. */
const remoteRefs = (page, origin) =>
  page.evaluate((origin) => {
    const doc = document.querySelector('#preview').contentDocument
    const host = origin.replace(/^http:/, '')
    const found = []
    for (const el of doc.querySelectorAll('#quire-content *')) {
      if (el.localName === 'a') continue
      for (const a of el.attributes) if (a.value.includes(host)) found.push(`${el.localName} ${a.name}`)
      if (el.localName === 'style' && el.textContent.includes(host)) found.push('style text')
    }
    return found
  }, origin)

test('remote content loads only after Load is clicked; local media always', async () => {
  const { page } = ctx
  await openFromLibrary(page, 'Remote A')
  await previewReady(page, 'Marker A')
  const bar = page.locator('.remote-bar')
  await bar.waitFor({ state: 'visible' })
  const message = await bar.locator('span').textContent()
  assert.match(message, /^Remote content blocked: \d+ images, 1 audio or video file, \d+ styles from 127\.0\.0\.1$/)
  assert.deepEqual(await remoteRefs(page, R), [], 'no attribute or style in the preview names the remote host')
  // The frame's own policy refuses the remote host too, whatever the rewrite missed.
  const csp = await page.evaluate(() =>
    document.querySelector('#preview').contentDocument.querySelector('meta[http-equiv="Content-Security-Policy"]').content,
  )
  assert.doesNotMatch(csp, /https?:/)
  assert.deepEqual(requests, [], 'no request reached the remote host before Load')

  loadClicked = true
  await bar.locator('button', { hasText: 'Load' }).click()
  const want = ['/md.png', '/img.png', '/srcset.png', '/svg-image.png', '/svg-xlink.png', '/style.png', '/block.png', '/proto.png', '/poster.png']
  await waitFor(`requests for ${want.join(' ')}`, () => want.every((p) => requests.some((r) => r.path === p)), 20000)
  assert.deepEqual(requests.filter((r) => !r.afterLoad), [], 'every request came after Load')
  await bar.waitFor({ state: 'hidden' })
  await remoteShown(page)
  await previewReady(page, 'Marker A')
})

test('the choice is kept per post, across a restart of the window', async () => {
  const { page } = ctx
  const bRequests = () => requests.filter((r) => r.path === '/b.png')
  const bar = page.locator('.remote-bar')

  await openFromLibrary(page, 'Remote B')
  await previewReady(page, 'Marker B')
  await bar.waitFor({ state: 'visible' })
  assert.match(await bar.locator('span').textContent(), /^Remote content blocked: 1 image from 127\.0\.0\.1$/)
  assert.deepEqual(bRequests(), [], 'another post stays blocked')

  await openFromLibrary(page, 'Remote A')
  await previewReady(page, 'Marker A')
  await remoteShown(page)
  await bar.waitFor({ state: 'hidden' })

  // A new window reads the choice from the store.
  await page.reload()
  await page.waitForSelector('.cm-content')
  await openFromLibrary(page, 'Remote B')
  await previewReady(page, 'Marker B')
  await bar.waitFor({ state: 'visible' })
  await openFromLibrary(page, 'Remote A')
  await previewReady(page, 'Marker A')
  await remoteShown(page)
  await bar.waitFor({ state: 'hidden' })
  assert.deepEqual(bRequests(), [], 'post B never reached the remote host')
})

// Switching posts must not carry one post's content into the next post's
// policy: the frame is rebuilt for an allowed post, and what the blocked post
// showed before must not be put into the new, permissive document.
test('what a blocked post showed is not shown again when an allowed post opens', async () => {
  const { page } = ctx
  const shownAgain = await page.evaluate(async (src) => {
    const p = window.quire.preview
    p.newPost(false)
    await p.show({ title: 'Blocked post', html: `<p>blocked post</p><img alt="leak" src="${src}">` })
    const before = await p.document()
    if (!before.querySelector('img[alt="leak"][data-quire-remote]')) throw new Error('the blocked post was not shown blocked')
    p.newPost(true)
    const after = await p.document()
    if (after === before) throw new Error('the frame was not rebuilt for the allowed post')
    return after.querySelector('img[alt="leak"]') !== null
  }, `${R}/leak.png`)
  assert.equal(shownAgain, false)
  assert.deepEqual(requests.filter((r) => r.path === '/leak.png'), [])
})

// What the rewrite keeps and removes, case by case, in the real browser's
// DOM: each fragment goes through the preview's own sanitizer with remote
// content blocked, and the attribute named is compared with what was written.
test('the rewrite removes references to other hosts and keeps the app\'s own', async () => {
  const { page } = ctx
  const r = R
  const cases = [
    // [html, selector, attribute, kept]
    [`<img alt="x" src="${r}/a.png">`, 'img', 'src', false],
    [`<img alt="x" src="//${r.slice(7)}/a.png">`, 'img', 'src', false],
    [`<img alt="x" src="/${localLink}">`, 'img', 'src', true],
    [`<img alt="x" src="${localLink}">`, 'img', 'src', true],
    [`<img alt="x" src="data:image/png;base64,iVBORw0KGgo=">`, 'img', 'src', true],
    [`<img alt="x" srcset="/${localLink} 1x, ${r}/a@2x.png 2x">`, 'img', 'srcset', false],
    [`<img alt="x" srcset="/${localLink} 1x, ${localLink} 2x">`, 'img', 'srcset', true],
    [`<video src="${r}/v.webm" poster="/${localLink}"></video>`, 'video', 'src', false],
    [`<video src="${r}/v.webm" poster="/${localLink}"></video>`, 'video', 'poster', true],
    [`<video poster="${r}/p.png"></video>`, 'video', 'poster', false],
    [`<audio><source src="${r}/a.ogg"></audio>`, 'source', 'src', false],
    [`<svg><image href="${r}/i.png"/></svg>`, 'image', 'href', false],
    [`<svg><use href="${r}/sprite.svg#icon"/></svg>`, 'use', 'href', false],
    [`<svg><use href="#icon"/></svg>`, 'use', 'href', true],
    [`<svg><rect fill="url(#grad)" width="1" height="1"/></svg>`, 'rect', 'fill', true],
    [`<svg><rect filter="url(${r}/f.svg#blur)" width="1" height="1"/></svg>`, 'rect', 'filter', false],
    [`<a href="${r}/page.html">a link loads nothing</a>`, 'a', 'href', true],
    [`<svg><a href="${r}/page.html"><text>svg link</text></a></svg>`, 'a', 'href', true],
    [`<table background="${r}/t.png"><tr><td>t</td></tr></table>`, 'table', 'background', false],
    [`<input type="image" src="${r}/i.png">`, 'input', 'src', false],
    [`<p style="color:red;background:url(/${localLink})">s</p>`, 'p', 'style', true],
  ]
  const got = await page.evaluate(async (cases) => {
    const p = window.quire.preview
    p.newPost(false)
    const out = []
    for (const [html, sel, attr] of cases) {
      await p.show({ title: 'Cases', html })
      const doc = await p.document()
      const tpl = doc.createElement('template')
      tpl.innerHTML = html
      const written = tpl.content.querySelector(sel).getAttribute(attr)
      const el = doc.querySelector(`#quire-content ${sel}`)
      // Kept: the attribute is there as the author wrote it.
      out.push(el ? el.getAttribute(attr) === written : 'missing')
    }
    return out
  }, cases)
  assert.deepEqual(
    got.map((kept, i) => `${cases[i][0]} ${cases[i][2]}: ${kept}`),
    cases.map(([html, , attr, kept]) => `${html} ${attr}: ${kept}`),
  )
  assert.deepEqual(requests.filter((q) => !q.afterLoad), [])
})
