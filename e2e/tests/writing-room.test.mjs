// The writing room in a browser against the real app and database: create a
// post, write it, set its metadata in the settings panel, find it, restart
// the app and find everything still there, go back in its history, trash and
// restore it, and drive it from the keyboard.
import { test, after, before } from 'node:test'
import assert from 'node:assert/strict'
import { editorText, openApp, restartApp, stopAll, waitFor, waitForEditorText, waitForSaved } from '../lib/harness.mjs'

let ctx
before(async () => {
  ctx = await openApp()
})
after(stopAll)

const libraryTitles = (page) => page.$$eval('.lib-item .lib-title', (els) => els.map((e) => e.textContent))

async function typeAtEnd(page, text) {
  await page.click('.cm-content')
  await page.keyboard.press('Control+End')
  await page.keyboard.type(text)
}

test('Ctrl+N makes a post and its title sets the slug', async () => {
  const { page } = ctx
  await page.click('.cm-content')
  await page.keyboard.press('Control+N')
  // The new post opens with the settings panel, its title field selected.
  await page.waitForSelector('#settings-panel #field-title:focus')
  await waitForEditorText(page, /title: Untitled/)
  await page.keyboard.type('KubeCon 2017 in Austin')
  await page.keyboard.press('Tab')
  const text = await waitForEditorText(page, /title: KubeCon 2017 in Austin/)
  assert.match(text, /^---\n/)
  assert.match(text, /slug: kubecon-2017-in-austin\n/)
  assert.match(await page.textContent('.field-hint'), /Follows the title: kubecon-2017-in-austin/)
})

test('typed Markdown shows in the preview and is saved', async () => {
  const { page } = ctx
  await typeAtEnd(page, 'Containers were *everywhere* this year.\n\n- keynotes\n')
  // Enter after a list item continued the list.
  await page.keyboard.type('hallway track')
  const frame = page.frameLocator('#preview')
  await frame.locator('em', { hasText: 'everywhere' }).waitFor()
  await frame.locator('li', { hasText: 'hallway track' }).waitFor()
  assert.equal(await frame.locator('h1.post-title').textContent(), 'KubeCon 2017 in Austin')
  await waitForEditorText(page, /- keynotes\n- hallway track$/)
  await waitForSaved(page)
  assert.match(await page.textContent('#statusbar'), /\d+ words\s+·\s+\d+ chars\s+·\s+1 min read\s+·\s+Ln \d+, Col \d+/)
})

test('the settings panel sets categories, tags, status and date in the front matter', async () => {
  const { page } = ctx
  await page.fill('#field-categories-input', 'Events')
  await page.press('#field-categories-input', 'Enter')
  await page.fill('#field-tags-input', 'kubernetes')
  await page.press('#field-tags-input', 'Enter')
  await waitForEditorText(page, /tags: \[kubernetes\]/)
  await page.fill('#field-tags-input', 'travel')
  await page.press('#field-tags-input', 'Enter')
  await page.selectOption('#field-status', 'published')
  await page.fill('#field-date', '2017-12-08T09:30')
  await page.dispatchEvent('#field-date', 'change')
  const text = await waitForEditorText(page, (t) => /status: published/.test(t) && /date: 2017-12-08T09:30/.test(t))
  assert.match(text, /categories: \[Events\]/)
  assert.match(text, /tags: \[kubernetes, travel\]/)
  assert.deepEqual(await page.$$eval('#chips-tags .chip', (els) => els.map((e) => e.firstChild.textContent)), ['kubernetes', 'travel'])
  // Editing the panel is an editor change: one undo takes the date back out.
  await page.click('.cm-content')
  await page.keyboard.press('Control+Z')
  await waitForEditorText(page, (t) => !/date: 2017-12-08/.test(t))
  await page.keyboard.press('Control+Shift+Z')
  await waitForEditorText(page, /date: 2017-12-08T09:30/)
  await waitForSaved(page)
})

test('an invalid value is shown at its field and not written', async () => {
  const { page } = ctx
  const before = await editorText(page)
  await page.fill('#field-slug', 'no/slashes')
  await page.press('#field-slug', 'Enter')
  await page.dispatchEvent('#field-slug', 'change')
  await page.waitForSelector('#error-slug:text("slash")')
  assert.equal(await editorText(page), before)
})

test('front matter that does not parse is not saved, and says why', async () => {
  const { page } = ctx
  const text = await editorText(page)
  await page.evaluate(() => {
    const v = window.quire.view
    const t = v.state.doc.toString()
    const at = t.indexOf('status: published')
    v.dispatch({ changes: { from: at, to: at + 'status: published'.length, insert: 'status: maybe' } })
  })
  await page.waitForFunction(() => /^Not saved: line \d+: status "maybe" is not one of draft, published, scheduled/.test(document.querySelector('#status').textContent))
  // Put it right: it saves again.
  await page.click('.cm-content')
  await page.keyboard.press('Control+Z')
  await waitForEditorText(page, (t) => t === text)
  await page.locator('.cm-content').blur()
  await waitForSaved(page)
})

test('library search finds the post with the match marked', async () => {
  const { page } = ctx
  await page.fill('.lib-search', 'contain')
  await page.waitForFunction(() => document.querySelector('.lib-count')?.textContent === '1 found')
  assert.deepEqual(await libraryTitles(page), ['KubeCon 2017 in Austin'])
  assert.equal(await page.textContent('.lib-item mark'), 'Containers')
  await page.fill('.lib-search', 'nothing-like-this')
  await page.waitForSelector('.lib-empty:text("No post matches.")')
  await page.fill('.lib-search', '')
  await page.waitForFunction(() => document.querySelectorAll('.lib-item').length === 1)
  // Filters: by tag, and by a status it does not have.
  await page.selectOption('.lib-filters select[aria-label="Tag"]', 'travel')
  await page.waitForFunction(() => document.querySelector('.lib-count')?.textContent === '1 post')
  await page.selectOption('.lib-filters select[aria-label="Status"]', 'draft')
  await page.waitForSelector('.lib-empty')
  await page.selectOption('.lib-filters select[aria-label="Status"]', '')
  await page.selectOption('.lib-filters select[aria-label="Tag"]', '')
})

test('after a restart on the same database the post, its metadata and the layout are back', async () => {
  const { page } = ctx
  await page.keyboard.press('Control+1') // editor only
  await page.waitForFunction(() => document.querySelector('#app').dataset.mode === 'editor')
  const text = await editorText(page)
  await page.waitForTimeout(400) // the layout is written 200 ms after a change
  await restartApp(ctx)
  const again = await waitForEditorText(ctx.page, /title: KubeCon 2017 in Austin/)
  assert.equal(again, text)
  assert.equal(await ctx.page.evaluate(() => document.querySelector('#app').dataset.mode), 'editor')
  assert.equal(await ctx.page.evaluate(() => document.querySelector('#app').dataset.panel), 'settings')
  assert.equal(await ctx.page.inputValue('#field-status'), 'published')
  await waitFor('the library', async () => (await libraryTitles(ctx.page)).join() === 'KubeCon 2017 in Austin')
  await ctx.page.keyboard.press('Control+2')
})

test('Ctrl+S makes a revision; history shows the diff and restores an older one', async () => {
  const { page } = ctx
  await typeAtEnd(page, '\n\nA paragraph added later.')
  await page.keyboard.press('Control+S')
  await waitForSaved(page)
  const withParagraph = await editorText(page)
  await page.click('#open-history')
  await page.waitForSelector('.rev.current')
  const revs = await page.$$eval('.rev', (els) => els.map((e) => e.querySelector('.rev-kind').textContent))
  assert.equal(revs[0], 'Saved revision (current)')
  assert.equal(revs.at(-1), 'Created')
  // The first revision against the text now: the paragraph is an addition.
  await page.click('.rev:last-child .rev-open')
  await page.waitForSelector('.rev-lines .dadd:text("A paragraph added later.")')
  // Only the revision shown is marked, not also the current one.
  assert.deepEqual(await page.$$eval('.rev.shown', (els) => els.map((e) => e.matches(':last-child'))), [true])
  assert.ok((await page.$$('.rev-lines .ddel')).length > 0)
  await page.click('.rev-restore')
  const restored = await waitForEditorText(page, /title: Untitled/)
  assert.ok(!restored.includes('A paragraph added later.'))
  await page.waitForSelector('.rev:first-child .rev-kind:text("Restored (current)")')
  // Nothing is lost: the newer text is still in the history.
  await page.click('.rev:nth-child(2) .rev-open')
  await page.waitForSelector('.rev-lines .ddel:text("A paragraph added later.")')
  await page.click('.rev-restore')
  await waitForEditorText(page, (t) => t === withParagraph)
})

test('delete moves the post to the trash, from where it comes back', async () => {
  const { page } = ctx
  await page.click('#trash-post')
  await page.waitForSelector('.lib-empty:text("No posts yet.")')
  await page.waitForSelector('#error[data-kind="info"]:has-text("moved to the trash")')
  await page.click('.lib-trash')
  await page.waitForFunction(() => document.querySelector('.lib-count')?.textContent === '1 in the trash')
  assert.deepEqual(await libraryTitles(page), ['KubeCon 2017 in Austin'])
  await page.click('.lib-restore')
  await page.waitForSelector('.lib-empty:text("The trash is empty.")')
  await page.click('.lib-trash')
  await page.waitForFunction(() => document.querySelector('.lib-count')?.textContent === '1 post')
  await page.click('.lib-item')
  await waitForEditorText(page, /A paragraph added later\./)
})

test('keyboard shortcuts: format, headings, preview, quick open, duplicate', async () => {
  const { page } = ctx
  await typeAtEnd(page, '\n\nloud')
  await page.keyboard.press('Shift+Home')
  await page.keyboard.press('Control+B')
  await waitForEditorText(page, /\*\*loud\*\*$/)
  await page.keyboard.press('Control+Alt+2')
  await waitForEditorText(page, /\n## \*\*loud\*\*$/)
  await page.frameLocator('#preview').locator('h2', { hasText: 'loud' }).waitFor()
  await page.keyboard.press('Control+Backslash')
  await page.waitForFunction(() => document.querySelector('#app').dataset.mode === 'editor')
  assert.equal(await page.isVisible('#preview'), false)
  await page.keyboard.press('Control+Backslash')
  await page.waitForFunction(() => document.querySelector('#app').dataset.mode === 'split')
  // Another post, then Ctrl+P back to the first by a fuzzy title.
  await page.click('#duplicate-post')
  await waitForEditorText(page, /title: KubeCon 2017 in Austin \(copy\)/)
  await page.click('.cm-content')
  await page.keyboard.press('Control+P')
  await page.waitForSelector('.quick-open .qo-input:focus')
  await page.keyboard.type('kcaus')
  await page.waitForSelector('.qo-list li')
  await page.keyboard.press('ArrowDown')
  await page.keyboard.press('ArrowUp')
  const first = await page.textContent('.qo-list li.active')
  assert.match(first, /^KubeCon 2017 in Austin/)
  await page.keyboard.press('Enter')
  await waitForEditorText(page, (t) => t.includes(`title: ${first}\n`))
  await waitFor('two posts in the library', async () => (await libraryTitles(page)).length === 2)
  assert.deepEqual(ctx.problems, [])
})
