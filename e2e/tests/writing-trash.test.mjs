// The trash as a writer uses it: a post opened from the trash says so, takes
// no typing and offers Restore; "Empty trash" asks first, then deletes for good.
import { test, after, before } from 'node:test'
import assert from 'node:assert/strict'
import { openApp, stopAll, waitForEditorText } from '../lib/harness.mjs'

let ctx
before(async () => {
  ctx = await openApp()
})
after(stopAll)

async function trashed(page, title) {
  await page.evaluate(async (title) => {
    const p = await window.go.app.Posts.Create(title)
    await window.go.app.Posts.Trash(p.id)
  }, title)
}

test('a post opened from the trash is read-only under a bar offering Restore', async () => {
  const { page } = ctx
  await trashed(page, 'Binned thoughts')
  await page.reload()
  await page.waitForSelector('.cm-content')
  await page.click('.lib-trash')
  await page.locator('.lib-item', { hasText: 'Binned thoughts' }).click()
  const text = await waitForEditorText(page, /title: Binned thoughts\n/)
  await page.waitForSelector('.trash-bar', { state: 'visible' })
  assert.match(await page.textContent('.trash-bar'), /in the trash/)
  await page.click('.cm-content')
  await page.keyboard.type('lost words')
  assert.equal(await page.evaluate(() => window.quire.view.state.doc.toString()), text, 'typing does not change a trashed post')

  await page.locator('.trash-bar button', { hasText: 'Restore' }).click()
  await page.waitForSelector('.trash-bar', { state: 'detached' })
  await page.locator('.lib-item', { hasText: 'Binned thoughts' }).waitFor()
  await page.evaluate(() => {
    const v = window.quire.view
    v.dispatch({ selection: { anchor: v.state.doc.length } })
    v.focus()
  })
  await page.keyboard.type('kept words')
  await waitForEditorText(page, /kept words/)
})

test('Delete forever on a trashed post asks, then deletes only that post', async () => {
  const { page } = ctx
  await trashed(page, 'One to purge')
  await trashed(page, 'One to keep binned')
  await page.click('.lib-trash')
  const row = page.locator('.lib-item', { hasText: 'One to purge' })
  // The row's buttons lie beside it (an option holds no buttons), named for its post.
  const purge = page.locator('.lib-purge[aria-label="Delete forever: One to purge"]')
  await purge.click()
  await page.locator('.dialog button', { hasText: 'Cancel' }).click()
  await row.waitFor()
  await purge.click()
  await page.locator('.dialog button', { hasText: 'Delete forever' }).click()
  await row.waitFor({ state: 'detached' })
  await page.locator('.lib-item', { hasText: 'One to keep binned' }).waitFor()
  const titles = await page.evaluate(async () => (await window.go.app.Library.Trash({ limit: 50 })).posts.map((p) => p.title))
  assert.deepEqual(titles, ['One to keep binned'])
  await page.click('.lib-trash')
})

test('Empty trash asks first, then deletes the trashed posts for good', async () => {
  const { page } = ctx
  await trashed(page, 'Gone for good')
  await page.click('.lib-trash')
  await page.locator('.lib-item', { hasText: 'Gone for good' }).waitFor()
  await page.click('.lib-empty-trash')
  await page.locator('.dialog button', { hasText: 'Cancel' }).click()
  await page.locator('.lib-item', { hasText: 'Gone for good' }).waitFor()
  await page.click('.lib-empty-trash')
  await page.locator('.dialog button', { hasText: 'Delete forever' }).click()
  await page.locator('.lib-empty', { hasText: 'The trash is empty.' }).waitFor()
  await page.waitForFunction(async () => (await window.go.app.Library.Trash({ limit: 10 })).total === 0)
  // Restored earlier, the first post is untouched.
  await page.click('.lib-trash')
  await page.locator('.lib-item', { hasText: 'Binned thoughts' }).waitFor()
})
