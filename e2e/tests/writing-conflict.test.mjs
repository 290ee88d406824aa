// Two windows on one post (two tabs of the same app here; a linked file or a
// second Quire in real life): the save based on an old revision is refused,
// the writer chooses, and both versions stay in the history. Also: find and
// replace, and the welcome post of a first start.
import { test, after, before } from 'node:test'
import assert from 'node:assert/strict'
import { editorText, openApp, stopAll, waitForEditorText, waitForSaved } from '../lib/harness.mjs'

let ctx
before(async () => {
  ctx = await openApp({ welcome: true })
})
after(stopAll)

async function replaceInEditor(page, from, to) {
  await page.evaluate(([from, to]) => {
    const v = window.quire.view
    const at = v.state.doc.toString().indexOf(from)
    v.dispatch({ changes: { from: at, to: at + from.length, insert: to }, userEvent: 'input' })
  }, [from, to])
}

test('the first start opens the welcome post', async () => {
  const text = await waitForEditorText(ctx.page, /title: Welcome to Quire/)
  assert.match(text, /## Headings start with hashes/)
  await ctx.page.frameLocator('#preview').locator('h1.post-title', { hasText: 'Welcome to Quire' }).waitFor()
})

test('find and replace in the editor', async () => {
  const { page } = ctx
  await page.click('.cm-content')
  await page.keyboard.press('Control+F')
  await page.waitForSelector('.cm-search input[name="search"]')
  await page.fill('.cm-search input[name="search"]', 'hashes')
  await page.fill('.cm-search input[name="replace"]', 'number signs')
  await page.click('.cm-search button[name="replaceAll"]')
  await waitForEditorText(page, /## Headings start with number signs/)
  await page.keyboard.press('Escape')
  await waitForSaved(page)
})

test('a save based on an old revision opens a choice and keeps both versions', async () => {
  const { page, context, app } = ctx
  const other = await context.newPage()
  await other.goto(app.url)
  await waitForEditorText(other, /title: Welcome to Quire/)
  // The other window changes the title and saves first.
  await replaceInEditor(other, 'title: Welcome to Quire', 'title: Changed elsewhere')
  await other.locator('.cm-content').blur()
  await waitForSaved(other)
  // This window, still on the old revision, edits and saves.
  await replaceInEditor(page, 'Below it is the post', 'Below it is my post')
  await page.locator('.cm-content').blur()
  await page.waitForSelector('.overlay:has(> .dialog > h2:text-is("This post changed somewhere else"))')
  assert.match(await page.textContent('#status'), /Not saved: changed elsewhere/)
  await page.click('.overlay button[data-choice="mine"]')
  await waitForSaved(page)
  // Mine went on, based on the other window's revision; theirs is in the history.
  await page.click('#open-history')
  await page.waitForSelector('.rev.current')
  const kinds = await page.$$eval('.rev .rev-kind', (els) => els.map((e) => e.textContent))
  assert.ok(kinds.includes('Conflicting version'), kinds.join(', '))
  const theirs = await page.$$eval('.rev', (els) => els.map((e) => e.dataset.rev))
  assert.ok(theirs.length >= 4, `revisions: ${kinds.join(', ')}`)
  await other.reload()
  const now = await waitForEditorText(other, /Below it is my post/)
  assert.match(now, /title: Welcome to Quire/)
  // The other window's title is one click away in the history.
  await page.click('.rev:nth-child(3) .rev-open')
  await page.waitForSelector('.rev-lines .ddel:text("title: Changed elsewhere")')
  assert.equal(await editorText(page), now)
  assert.deepEqual(ctx.problems, [])
})
