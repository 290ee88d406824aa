// The app in a browser against the real Go backend: what is typed into the
// editor is rendered by the backend and shown in the preview pane.
import { test, after, before } from 'node:test'
import assert from 'node:assert/strict'
import { openApp, stopAll } from '../lib/harness.mjs'

let ctx
before(async () => {
  ctx = await openApp()
})
after(stopAll)

test('typed Markdown is rendered by the backend in the preview pane', async () => {
  const { page } = ctx
  await page.click('.cm-content')
  await page.keyboard.type('---\ntitle: Hello from Quire\n---\n\n## A heading\n\nSome *emphasis* and `code`.\n')
  const preview = page.frameLocator('#preview')
  await preview.locator('h1.post-title', { hasText: 'Hello from Quire' }).waitFor()
  // The id and data-line attributes come from the goldmark pipeline: the
  // browser did not render this Markdown itself.
  const h2 = preview.locator('h2#a-heading')
  await h2.waitFor()
  assert.equal(await h2.textContent(), 'A heading')
  assert.equal(await h2.getAttribute('data-line'), '5')
  assert.equal(await preview.locator('em').textContent(), 'emphasis')
  assert.equal(await preview.locator('p code').textContent(), 'code')
  // The status bar counts the words the backend counted.
  await page.waitForFunction(() => /\b\d+ words?\b/.test(document.querySelector('#statusbar')?.textContent ?? ''))
  assert.deepEqual(ctx.problems, [])
})

test('the preview frame is sandboxed without scripts', async () => {
  const sandbox = await ctx.page.getAttribute('#preview', 'sandbox')
  assert.ok(sandbox !== null, 'preview iframe has a sandbox attribute')
  assert.ok(!sandbox.split(/\s+/).includes('allow-scripts'), `sandbox "${sandbox}" must not allow scripts`)
})
