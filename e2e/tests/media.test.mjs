// Images in posts, in the real app: a PNG file dropped onto the editor goes
// into the media library (the Go backend checks it by content), its Markdown
// is inserted where it was dropped after the alt text is asked, and the
// preview shows the picture, served by the app. A file that is not an image
// is refused with a readable message; the media panel lists the image and
// where it is used.
import { test, after, before } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { openApp, stopAll, tempDir } from '../lib/harness.mjs'
import { png } from '../lib/png.mjs'

/** drop dispatches a drop of one file (bytes, name, type) onto the editor's text at its end. */
async function drop(page, bytes, name, type) {
  await page.evaluate(
    ({ bytes, name, type }) => {
      const view = window.quire.view
      const end = view.coordsAtPos(view.state.doc.length)
      const dt = new DataTransfer()
      dt.items.add(new File([new Uint8Array(bytes)], name, { type }))
      const target = view.contentDOM
      target.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, clientX: end.left, clientY: end.top + 2, bubbles: true, cancelable: true }))
      target.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, clientX: end.left, clientY: end.top + 2, bubbles: true, cancelable: true }))
    },
    { bytes: [...bytes], name, type },
  )
}

const editorText = (page) => page.evaluate(() => window.quire.view.state.doc.toString())

/** paste dispatches a paste of one file, as a screenshot in the clipboard arrives. */
async function paste(page, bytes, type) {
  await page.evaluate(
    ({ bytes, type }) => {
      const dt = new DataTransfer()
      dt.items.add(new File([new Uint8Array(bytes)], 'image.png', { type }))
      window.quire.view.contentDOM.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }))
    },
    { bytes: [...bytes], type },
  )
}

let ctx
let canary
before(async () => {
  canary = path.join(tempDir(), 'canary.log')
  ctx = await openApp({ env: { QUIRE_CANARY_FILE: canary } })
})
after(stopAll)

test('an image dropped onto the editor is stored, inserted and shown in the preview', async () => {
  const { page } = ctx
  await page.click('.cm-content')
  await page.keyboard.type('---\ntitle: Pictures\n---\n\nA red square:\n\n')

  await drop(page, png(40, 30, [220, 30, 30]), 'red-square.png', 'image/png')
  // The alt text is asked for, with a suggestion from the file name.
  const input = page.locator('#ask-input')
  await input.waitFor()
  assert.equal(await input.inputValue(), 'red square')
  await input.fill('A red square')
  await page.keyboard.press('Enter')

  await page.waitForFunction(() => /!\[A red square\]\(media\/[0-9a-f]{16}\.png\)/.test(window.quire.view.state.doc.toString()))
  const text = await editorText(page)
  assert.match(text, /A red square:\n\n!\[A red square\]\(media\/[0-9a-f]{16}\.png\)$/)
  const name = text.match(/media\/([0-9a-f]{16}\.png)/)[1]

  // The preview shows it: loaded from the app (naturalWidth is the file's),
  // with the size the library recorded.
  const preview = page.frameLocator('#preview')
  const img = preview.locator('img[alt="A red square"]')
  await img.waitFor()
  assert.equal(await img.getAttribute('src'), `/media/${name}`)
  assert.equal(await img.getAttribute('width'), '40')
  assert.equal(await img.getAttribute('height'), '30')
  await img.evaluate((el) => (el.complete && el.naturalWidth > 0) || new Promise((r) => el.addEventListener('load', r, { once: true })))
  assert.equal(await img.evaluate((el) => el.naturalWidth), 40)
  assert.equal(await img.evaluate((el) => el.naturalHeight), 30)

  // The same bytes again are the same file.
  await drop(page, png(40, 30, [220, 30, 30]), 'copy.png', 'image/png')
  await page.locator('#ask-input').waitFor()
  await page.keyboard.press('Escape') // cancelled: nothing inserted
  await page.locator('#ask-input').waitFor({ state: 'detached' })
  assert.equal((await editorText(page)).match(/media\//g).length, 1)
  assert.deepEqual(ctx.problems, [])
})

test('a file that is not an image is refused with a readable message', async () => {
  const { page } = ctx
  const before = await editorText(page)
  await drop(page, Buffer.from('these are notes, not a picture\n'), 'notes.png', 'image/png')
  const banner = page.locator('#error')
  await banner.locator('text=notes.png was not added').waitFor()
  assert.match(await banner.textContent(), /notes\.png was not added: it is text: not an image Quire can use \(PNG, JPEG, GIF, WebP or SVG\)/)
  assert.equal(await page.locator('#ask-input').count(), 0, 'no alt text asked for a refused file')
  assert.equal(await editorText(page), before)
  await page.click('#error .banner-close')

  // Over 25 MB: refused before anything is sent.
  await page.evaluate(() => {
    const dt = new DataTransfer()
    dt.items.add(new File([new Uint8Array(26 * 1024 * 1024)], 'huge.png', { type: 'image/png' }))
    window.quire.view.contentDOM.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, clientX: 10, clientY: 10, bubbles: true, cancelable: true }))
  })
  await banner.locator('text=huge.png is 26.0 MB; images can be at most 25.0 MB').waitFor()
  assert.equal(await editorText(page), before)
  await page.click('#error .banner-close')
})

test('a photo of a megabyte goes through in pieces', async () => {
  const { page } = ctx
  const bytes = png(600, 600, [0, 0, 0], { noise: true })
  assert.ok(bytes.length > 1000000, `${bytes.length} bytes`)
  await drop(page, bytes, 'noise.png', 'image/png')
  await page.locator('#ask-input').fill('noise')
  await page.keyboard.press('Enter')
  await page.waitForFunction(() => /!\[noise\]\(media\/[0-9a-f]{16}\.png\)/.test(window.quire.view.state.doc.toString()))
  const img = page.frameLocator('#preview').locator('img[alt="noise"]')
  await img.waitFor()
  await img.evaluate((el) => (el.complete && el.naturalWidth > 0) || new Promise((r) => el.addEventListener('load', r, { once: true })))
  assert.equal(await img.evaluate((el) => el.naturalWidth), 600)
})

test('the media panel lists the image and the post that uses it', async () => {
  const { page } = ctx
  // Usage is read from saved posts: wait for the autosave.
  await page.waitForFunction(() => document.querySelector('#status')?.dataset.state === 'saved')
  await page.click('#open-media')
  const row = page.locator('#media-panel .media-item', { hasText: 'red-square.png' })
  await row.locator('.media-uses', { hasText: 'Used in Pictures' }).waitFor()
  assert.match(await row.locator('.media-meta').textContent(), /40 × 30/)
  assert.equal(await row.locator('.media-delete').isDisabled(), true, 'delete is disabled while the image is used')
  await row.locator('img.media-thumb').evaluate((el) => (el.complete && el.naturalWidth > 0) || new Promise((r) => el.addEventListener('load', r, { once: true })))
  assert.equal(await row.locator('img.media-thumb').evaluate((el) => el.naturalWidth), 40)
  assert.deepEqual(ctx.problems, [])
})

test('a pasted image goes in at the cursor; an SVG is shown only as an image, its script never runs', async () => {
  const { page } = ctx
  await page.click('.cm-content')
  await page.keyboard.press('Control+End')
  await page.keyboard.type('\n\nPasted: ')
  await paste(page, png(12, 10, [30, 160, 40]), 'image/png')
  await page.locator('#ask-input').waitFor()
  assert.equal(await page.locator('#ask-input').inputValue(), '', 'no alt text suggested for a paste')
  await page.locator('#ask-input').fill('green')
  await page.keyboard.press('Enter')
  await page.waitForFunction(() => /Pasted: !\[green\]\(media\/[0-9a-f]{16}\.png\)$/.test(window.quire.view.state.doc.toString()))

  // An SVG whose script would call a bound Go method if it ever ran.
  const svg = Buffer.from(
    '<svg xmlns="http://www.w3.org/2000/svg" width="50" height="20" onload="window.top.go.app.Canary.Trip(\'svg onload\')">' +
      '<script>window.top.go.app.Canary.Trip("svg script")</script><rect width="50" height="20" fill="navy"/></svg>',
  )
  await page.keyboard.type('\n\n')
  await drop(page, svg, 'logo.svg', 'image/svg+xml')
  await page.locator('#ask-input').fill('logo')
  await page.keyboard.press('Enter')
  await page.waitForFunction(() => /!\[logo\]\(media\/[0-9a-f]{16}\.svg\)$/.test(window.quire.view.state.doc.toString()))
  const preview = page.frameLocator('#preview')
  for (const [alt, w] of [['green', 12], ['logo', 50]]) {
    const img = preview.locator(`img[alt="${alt}"]`)
    await img.waitFor()
    await img.evaluate((el) => (el.complete && el.naturalWidth > 0) || new Promise((r) => el.addEventListener('load', r, { once: true })))
    assert.equal(await img.evaluate((el) => el.naturalWidth), w, `${alt} is displayed`)
  }
  assert.equal(await preview.locator('svg').count(), 0, 'the SVG is not inlined into the preview')
  // The SVG served to the preview forbids script itself, too.
  const res = await page.evaluate(async () => {
    const src = document.querySelector('#preview').contentDocument.querySelector('img[alt="logo"]').getAttribute('src')
    const r = await fetch(src)
    return { type: r.headers.get('content-type'), csp: r.headers.get('content-security-policy'), nosniff: r.headers.get('x-content-type-options') }
  })
  assert.equal(res.type, 'image/svg+xml')
  assert.match(res.csp, /script-src 'none'/)
  assert.equal(res.nosniff, 'nosniff')
  assert.ok(!fs.existsSync(canary), `a bound Go method was reached: ${fs.existsSync(canary) && fs.readFileSync(canary, 'utf8')}`)
  assert.deepEqual(ctx.problems, [])
})
