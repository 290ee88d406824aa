// A linked folder in the window: its file shows in the library, an edit made
// in another editor reaches the open post, and what is typed in Quire is
// written back to the file.
import { test, after, before } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { openApp, stopAll, tempDir, waitFor, waitForEditorText, waitForSaved } from '../lib/harness.mjs'

let ctx, dir, file
before(async () => {
  ctx = await openApp()
  dir = tempDir('quire-linked-')
  file = path.join(dir, '2018-01-05-austin.md')
  fs.writeFileSync(file, '---\ntitle: Austin notes\ndate: 2018-01-05\n---\n\nWritten in another editor.\n')
})
after(stopAll)

test('a linked folder keeps its file and the open post in step both ways', async () => {
  const { page } = ctx
  // File › Link Folder… asks the system folder dialog for this path; a
  // browser cannot drive that dialog, so the test hands the path to the
  // same bound method.
  const stats = await page.evaluate((dir) => window.go.app.Folders.Link(dir), dir)
  assert.equal(stats.Created, 1)
  const item = page.locator('.lib-item', { hasText: 'Austin notes' })
  await item.waitFor()
  await item.click()
  await waitForEditorText(page, /Written in another editor\./)

  // Another editor saves the file by writing a temporary file and renaming it over.
  const tmp = file + '.swp'
  fs.writeFileSync(tmp, fs.readFileSync(file, 'utf8').replace('Written in another editor.', 'Rewritten in vim.'))
  fs.renameSync(tmp, file)
  await waitForEditorText(page, /Rewritten in vim\./)
  await page.frameLocator('#preview').locator('p', { hasText: 'Rewritten in vim.' }).waitFor()

  // Typing in Quire goes back to the file.
  await page.click('.cm-content')
  await page.keyboard.press('Control+End')
  await page.keyboard.type('\nAnd a line from Quire.')
  await waitForSaved(page)
  await waitFor('the file to have the line typed in Quire', () => fs.readFileSync(file, 'utf8').includes('And a line from Quire.'))
  assert.match(fs.readFileSync(file, 'utf8'), /^---\n/)
  assert.deepEqual(fs.readdirSync(dir).filter((n) => n !== '2018-01-05-austin.md'), [], 'no temporary files left')
})
