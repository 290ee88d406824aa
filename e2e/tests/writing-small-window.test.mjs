// A small window (800×600) as a writer on a laptop has it: the title and
// save state stay in the top bar, the editor keeps a readable line, the
// library steps aside first, and a side panel floats over the panes instead
// of squeezing editor and preview to a letter a line.
import { test, after, before } from 'node:test'
import assert from 'node:assert/strict'
import { openApp, stopAll, waitForEditorText } from '../lib/harness.mjs'

let ctx
before(async () => {
  ctx = await openApp()
  const { page } = ctx
  await page.evaluate(() => window.go.app.Posts.Create('A small window keeps its title'))
  await page.reload()
  await page.waitForSelector('.cm-content')
  await page.locator('.lib-item', { hasText: 'A small window keeps its title' }).click()
  await waitForEditorText(page, /title: A small window keeps its title\n/)
  await page.setViewportSize({ width: 800, height: 600 })
})
after(stopAll)

const box = (page, sel) => page.$eval(sel, (e) => {
  const r = e.getBoundingClientRect()
  return { left: r.left, right: r.right, top: r.top, width: r.width, height: r.height, shown: getComputedStyle(e).display !== 'none' && r.width > 0 }
})

/** chars is how many characters of the editor's font fit on one of its lines. */
const editorChars = (page) => page.evaluate(() => {
  const v = window.quire.view
  const c = v.contentDOM
  const st = getComputedStyle(c)
  const inner = c.getBoundingClientRect().width - parseFloat(st.paddingLeft) - parseFloat(st.paddingRight)
  return Math.floor(inner / v.defaultCharacterWidth)
})

test('at 800×600 the title and save state stay visible in the top bar', async () => {
  const { page } = ctx
  await page.waitForFunction(() => document.getElementById('doc-title').textContent.includes('small window'))
  // The status says something once the post is open (saved, words…); typing makes sure.
  await page.evaluate(() => {
    const v = window.quire.view
    v.dispatch({ changes: { from: v.state.doc.length, insert: '\nA line.\n' } })
  })
  await page.waitForFunction(() => document.getElementById('status').textContent.trim() !== '')
  const bar = await box(page, '.toolbar')
  for (const sel of ['#doc-title', '#status']) {
    const b = await box(page, sel)
    assert.ok(b.shown && b.width >= 40, `${sel} is visible (${JSON.stringify(b)})`)
    assert.ok(b.left >= bar.left && b.right <= bar.right + 1, `${sel} is inside the bar`)
  }
  // Nothing in the bar runs off the window's right edge.
  const overflow = await page.$$eval('.toolbar > *', (els) => els.filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1).map((e) => e.textContent))
  assert.deepEqual(overflow, [], 'every toolbar item is within the window')
})

test('at 800×600 the library steps aside and the editor keeps a readable line', async () => {
  const { page } = ctx
  assert.equal((await box(page, '#library')).shown, false, 'the library is hidden first')
  assert.ok((await editorChars(page)) >= 45, `the editor holds ${await editorChars(page)} characters a line`)
  const preview = await box(page, '.preview-pane')
  assert.ok(preview.width >= 200, `the preview keeps a usable width (${JSON.stringify(preview)})`)
  // ☰ brings the library back, over the editor rather than taking its width.
  const before = (await box(page, '#editor')).width
  await page.click('[data-command="toggle-library"]')
  await page.waitForFunction(() => document.getElementById('library').getBoundingClientRect().width > 100)
  assert.equal((await box(page, '#editor')).width, before, 'the editor keeps its width under the library')
  await page.click('[data-command="toggle-library"]')
  await page.waitForFunction(() => document.getElementById('library').getBoundingClientRect().width === 0)
})

test('a side panel in a small window floats over the panes; editor and preview keep their widths', async () => {
  const { page } = ctx
  const ed = (await box(page, '#editor')).width
  const pv = (await box(page, '.preview-pane')).width
  for (const [button, panel] of [['#open-settings', '#settings-panel'], ['#open-history', '#history-panel'], ['#open-media', '#media-panel']]) {
    await page.click(button)
    await page.waitForFunction((sel) => document.querySelector(sel).getBoundingClientRect().width > 100, panel)
    const p = await box(page, panel)
    assert.ok(p.right <= 801, `${panel} is inside the window`)
    assert.equal((await box(page, '#editor')).width, ed, `the editor keeps its width with ${panel} open`)
    assert.equal((await box(page, '.preview-pane')).width, pv, `the preview keeps its width with ${panel} open`)
    await page.click(button)
    await page.waitForFunction((sel) => document.querySelector(sel).getBoundingClientRect().width === 0, panel)
  }
})

// Seen in the real window: a long title pushed Publish onto a second row, and
// the panes jumped down by a row on switching to that post and back up on
// leaving it. The title gives way (cut with an ellipsis) before any button
// wraps.
test('a long title is cut before the toolbar takes a second row', async () => {
  const { page } = ctx
  const title = 'Sixty fences in languages chroma does not know, and a subtitle that goes on'
  await page.setViewportSize({ width: 1280, height: 800 })
  await page.evaluate((t) => window.go.app.Posts.Create(t), title)
  await page.reload()
  await page.waitForSelector('.cm-content')
  await page.locator('.lib-item', { hasText: title.slice(0, 30) }).first().click()
  await page.waitForFunction((t) => document.getElementById('doc-title').textContent === t, title)
  // Items of one row are centred on it, so their tops differ: a second row
  // is an item that starts below where the shortest of the first ends.
  const wrapped = await page.$$eval('.toolbar > *', (els) => {
    const boxes = els.map((e) => ({ text: e.textContent.trim(), r: e.getBoundingClientRect() })).filter((b) => b.r.width > 0 && b.r.height > 0)
    const firstEnd = Math.min(...boxes.map((b) => b.r.bottom))
    return boxes.filter((b) => b.r.top >= firstEnd - 1).map((b) => b.text)
  })
  assert.deepEqual(wrapped, [], 'the toolbar is one row at 1280 px')
  const t = await page.$eval('#doc-title', (e) => ({ scroll: e.scrollWidth, client: e.clientWidth }))
  assert.ok(t.client >= 64 && t.scroll > t.client, `the title is cut, not hidden (${JSON.stringify(t)})`)
})

test('widened again, the library is back as it was saved', async () => {
  const { page } = ctx
  await page.setViewportSize({ width: 1400, height: 900 })
  await page.waitForFunction(() => document.getElementById('library').getBoundingClientRect().width > 100)
  assert.ok((await box(page, '#editor')).left >= (await box(page, '#library')).right, 'the library is a column again, beside the editor')
})
