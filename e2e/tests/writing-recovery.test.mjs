// Nothing typed is lost: text that could not be saved survives the app
// being killed and is offered back on the next start; the sizes of the
// panes come back too.
import { test, after, before } from 'node:test'
import assert from 'node:assert/strict'
import { once } from 'node:events'
import { openApp, restartApp, stopAll, waitForEditorText, waitForSaved } from '../lib/harness.mjs'

let ctx
before(async () => {
  ctx = await openApp({ welcome: true })
})
after(stopAll)

test('text that did not save survives a crash and is offered back', async () => {
  const { page } = ctx
  await waitForEditorText(page, /title: Welcome to Quire/)
  // Break the front matter: the save is refused, the text kept for recovery.
  await page.evaluate(() => {
    const v = window.quire.view
    const t = v.state.doc.toString()
    const at = t.indexOf('status: draft')
    v.dispatch({ changes: { from: at, to: at + 'status: draft'.length, insert: 'status: [unfinished' }, userEvent: 'input' })
  })
  await page.waitForFunction(() => /^Not saved: /.test(document.querySelector('#status').textContent))
  await page.waitForTimeout(1200) // the recovery copy is at most a second old
  // The app dies without a chance to save.
  ctx.app.child.kill('SIGKILL')
  await once(ctx.app.child, 'exit')
  await restartApp(ctx)
  const dialog = ctx.page.locator('.overlay:has(> .dialog > h2:text-is("Unsaved text found"))')
  await dialog.waitFor()
  // Behind the dialog is the last saved version.
  await waitForEditorText(ctx.page, /status: draft/)
  await dialog.locator('button[data-choice="restore"]').click()
  await waitForEditorText(ctx.page, /status: \[unfinished/)
  // It is the writer's to fix; once fixed it saves and is no longer offered.
  await ctx.page.evaluate(() => {
    const v = window.quire.view
    const t = v.state.doc.toString()
    const at = t.indexOf('status: [unfinished')
    v.dispatch({ changes: { from: at, to: at + 'status: [unfinished'.length, insert: 'status: published' }, userEvent: 'input' })
  })
  await waitForSaved(ctx.page)
  await restartApp(ctx)
  await waitForEditorText(ctx.page, /status: published/)
  await ctx.page.waitForTimeout(500)
  assert.equal(await ctx.page.$('.overlay'), null)
})

test('dragged pane sizes come back after a restart', async () => {
  const { page } = ctx
  const box = await page.locator('#resize-library').boundingBox()
  await page.mouse.move(box.x + 2, box.y + 200)
  await page.mouse.down()
  await page.mouse.move(box.x + 122, box.y + 200, { steps: 5 })
  await page.mouse.up()
  const width = await page.evaluate(() => document.querySelector('.library').getBoundingClientRect().width)
  assert.ok(width > 380 && width < 440, `library width ${width}`)
  await page.waitForTimeout(400)
  await restartApp(ctx)
  const again = await ctx.page.evaluate(() => document.querySelector('.library').getBoundingClientRect().width)
  assert.equal(Math.round(again), Math.round(width))
  assert.deepEqual(ctx.problems, [])
})
