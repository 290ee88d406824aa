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

test('widened again, the library is back as it was saved', async () => {
  const { page } = ctx
  await page.setViewportSize({ width: 1400, height: 900 })
  await page.waitForFunction(() => document.getElementById('library').getBoundingClientRect().width > 100)
  assert.ok((await box(page, '#editor')).left >= (await box(page, '#library')).right, 'the library is a column again, beside the editor')
})
