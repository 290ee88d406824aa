// Post settings over what the file does not say: a dated post in Jekyll's
// _drafts folder shows as the draft its place makes it (its text alone
// would read as published), and a post without front matter given a title
// in the panel gets a block with the title alone (no slug following it, no
// status: Quire derives those).
import { test, after, before } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { editorText, openApp, stopAll, tempDir, waitForEditorText, waitForSaved } from '../lib/harness.mjs'

let ctx
before(async () => {
  ctx = await openApp()
  const { page } = ctx
  const blog = tempDir('quire-e2e-drafts-')
  fs.mkdirSync(path.join(blog, '_drafts'))
  fs.writeFileSync(path.join(blog, '_drafts', 'dated-draft.md'), '---\ntitle: Dated draft\ndate: 2017-12-06\n---\nA draft by its folder.\n')
  await page.evaluate(async (dir) => {
    const r = await window.go.app.Library.Import([dir])
    if (r.imported !== 1) throw new Error(`import: ${JSON.stringify(r)}`)
    const o = await window.go.app.Posts.Create('Plain')
    await window.go.app.Posts.Save({ id: o.id, revision: o.revision, text: 'Just text, no front matter.\n', explicit: true })
  }, blog)
  await page.reload()
  await page.waitForSelector('.cm-content')
  await page.waitForFunction(() => document.querySelectorAll('.lib-item:not(.placeholder)').length === 2)
})
after(stopAll)

const item = (page, title) => page.locator('.lib-item', { has: page.locator('.lib-title', { hasText: new RegExp(`^${title}$`) }) })

test('Post settings: a dated post of _drafts/ shows as a draft', async () => {
  const { page } = ctx
  await item(page, 'Dated draft').click()
  await waitForEditorText(page, /title: Dated draft\n/, 20000)
  await page.click('.cm-content')
  await page.keyboard.press('Control+Comma')
  await page.waitForFunction(() => document.querySelector('#field-title')?.value === 'Dated draft', null, { timeout: 20000 })
  await page.waitForFunction(() => document.querySelector('#field-status')?.value === 'draft', null, { timeout: 20000 })
  assert.doesNotMatch(await editorText(page), /status:/, 'the status is not written into the text')
})

test('Post settings: a title given to a post without front matter is written alone', async () => {
  const { page } = ctx
  await item(page, 'Untitled').click() // its text names no title
  await waitForEditorText(page, /Just text, no front matter\.\n$/, 20000)
  // The writer removes the front matter Quire wrote for it.
  await page.evaluate(() => {
    const v = window.quire.view
    v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: 'Just text, no front matter.\n' } })
  })
  await waitForSaved(page, 20000)
  if (!(await page.isVisible('#field-title'))) {
    await page.click('.cm-content')
    await page.keyboard.press('Control+Comma')
  }
  await page.waitForSelector('#field-title', { state: 'visible', timeout: 20000 })
  await page.fill('#field-title', 'Given a title')
  await page.dispatchEvent('#field-title', 'change')
  await waitForEditorText(page, /^---\ntitle: Given a title\n---\nJust text, no front matter\.\n$/, 20000)
  await waitForSaved(page, 20000)
})
