// The writing room's rough edges (issue 22), each as a writer meets it: the
// word count follows the typing, search results follow the sort menu, quick
// open lists the posts worked on last first, typing that never pauses is
// still saved as it goes, the preview shows the date, reading time and terms
// the published page shows, a closing code fence goes where the opening one
// is, a post deleted for good leaves the editor, and a post picked in the
// narrow window's library closes it.
import { test, after, before } from 'node:test'
import assert from 'node:assert/strict'
import { editorText, openApp, stopAll, waitFor, waitForEditorText, waitForSaved } from '../lib/harness.mjs'

let ctx
before(async () => {
  ctx = await openApp()
})
after(stopAll)

/** makePost creates a post with body (and front matter lines besides the title) and returns its id. */
function makePost(page, title, body, head = '') {
  return page.evaluate(async ([title, body, head]) => {
    const o = await window.go.app.Posts.Create(title)
    const text = o.text.replace(/\n---\n[\s\S]*$/, `\n${head}---\n\n${body}\n`)
    await window.go.app.Posts.Save({ id: o.id, revision: o.revision, text, explicit: false })
    return o.id
  }, [title, body, head])
}

/**
 * reloadLibrary lists the posts made through the API, as a change of a
 * library filter does (a page reload could cut off a call of the page's
 * own on its way to the app).
 */
async function reloadLibrary(page, n) {
  await page.dispatchEvent('.lib-filters select[aria-label="Status"]', 'change')
  await page.waitForFunction((n) => document.querySelectorAll('.lib-item:not(.placeholder)').length >= n, n)
}

const item = (page, title) => page.locator('.lib-item', { has: page.locator('.lib-title', { hasText: new RegExp(`^${title}$`) }) })
async function open(page, title) {
  await item(page, title).click()
  await waitForEditorText(page, new RegExp(`title: ${title}\\n`), 20000)
}
/** toEnd puts the caret at the end of the text, the editor focused. */
const toEnd = (page) => page.evaluate(() => {
  const v = window.quire.view
  v.focus()
  v.dispatch({ selection: { anchor: v.state.doc.length } })
})

/** counts reads, at one instant, the words of the editor's body and the words the status bar shows. */
const counts = (page) => page.evaluate(() => {
  const t = window.quire.view.state.doc.toString()
  const head = /^---\n[\s\S]*?\n---\n/.exec(t)
  const body = head ? t.slice(head[0].length) : t
  const words = body.match(/[\p{L}\p{N}][\p{L}\p{N}'’_-]*/gu)?.length ?? 0
  const shown = /^([\d,]+) words?/.exec(document.getElementById('statusbar').textContent)
  return { words, shown: shown ? Number(shown[1].replace(/,/g, '')) : null }
})

test('the word count is the text’s as soon as a key is typed, and after a switch', async () => {
  const { page } = ctx
  await makePost(page, 'Counting words', 'One two three.')
  await makePost(page, 'Other words', 'A much longer body of words than the first one has.')
  await reloadLibrary(page, 2)
  await open(page, 'Counting words')
  await toEnd(page)
  for (const word of [' four', ' five', ' six', ' seven']) {
    await page.keyboard.type(word)
    // Read straight after the keys: no pause for a count to catch up.
    const c = await counts(page)
    assert.equal(c.shown, c.words, `after typing "${word}" the status bar says ${c.shown} words, the text has ${c.words}`)
  }
  await open(page, 'Other words')
  const c = await counts(page)
  assert.equal(c.shown, c.words, 'after the switch the count is the new post’s')
  await waitForSaved(page, 20000)
})

test('a search starts in Relevance and follows the order the writer picks', async () => {
  const { page } = ctx
  await makePost(page, 'Old zephyr notes', 'zephyr zephyr zephyr, all about the zephyr wind.', 'date: 2019-01-01\n')
  await makePost(page, 'Middle year', 'A note that names the zephyr once.', 'date: 2021-06-01\n')
  await makePost(page, 'Newest thoughts', 'Passing mention of a zephyr.', 'date: 2024-06-01\n')
  await reloadLibrary(page, 3)
  const titles = () => page.$$eval('.lib-item:not(.placeholder) .lib-title', (els) =>
    els.map((e) => ({ t: e.textContent, top: parseFloat(e.parentElement.style.top) })).sort((a, b) => a.top - b.top).map((x) => x.t))
  const listed = async (want) => {
    await waitFor(`the results ${want.join(', ')}`, async () => JSON.stringify(await titles()) === JSON.stringify(want), 15000, 50)
      .catch(async (e) => assert.fail(`${e.message}: got ${JSON.stringify(await titles())}`))
  }
  const sort = page.locator('.lib-filters select[aria-label="Sort"]')
  assert.equal(await sort.inputValue(), 'date', 'without a search the library is newest first')
  await page.fill('.lib-search', 'zephyr')
  await page.waitForFunction(() => document.querySelector('.lib-count').textContent.startsWith('3 found'))
  assert.equal(await sort.inputValue(), 'relevance', 'a search shows the best matches first')
  await waitFor('the best match first', async () => {
    const t = await titles()
    return t.length === 3 && t[0] === 'Old zephyr notes'
  }, 15000, 50).catch(async (e) => assert.fail(`${e.message}: got ${JSON.stringify(await titles())}`))
  await sort.selectOption('date')
  await listed(['Newest thoughts', 'Middle year', 'Old zephyr notes'])
  await sort.selectOption('date-asc')
  await listed(['Old zephyr notes', 'Middle year', 'Newest thoughts'])
  await sort.selectOption('title')
  await listed(['Middle year', 'Newest thoughts', 'Old zephyr notes'])
  // Relevance again, then the search cleared: the order from before the search is back.
  await sort.selectOption('relevance')
  await page.fill('.lib-search', '')
  await page.waitForFunction(() => !document.querySelector('.lib-count').textContent.includes('found'))
  assert.equal(await sort.inputValue(), 'date')
  assert.equal(await page.locator('.lib-filters option[value="relevance"]').evaluate((o) => o.hidden), true, 'Relevance is offered only while searching')
})

test('quick open lists the posts opened last first, then ranks matches by score and recency', async () => {
  const { page } = ctx
  // Titles alike in length and shape, so that "post" matches each equally well.
  for (const t of ['Bravo post', 'Delta post', 'Alpha post', 'Gamma post', 'Sigma post']) await makePost(page, t, `The ${t}.`)
  await reloadLibrary(page, 5)
  await open(page, 'Bravo post')
  await open(page, 'Delta post')
  await page.click('.cm-content')
  await page.keyboard.press('Control+P')
  await page.waitForSelector('.quick-open .qo-input:focus')
  await page.waitForFunction(() => document.querySelectorAll('.qo-list li').length >= 5)
  const shown = () => page.$$eval('.qo-list li', (els) => els.map((e) => e.textContent))
  assert.deepEqual((await shown()).slice(0, 2), ['Delta post', 'Bravo post'], `recent first: ${await shown()}`)
  // "post" matches the five equally: the recent ones lead.
  await page.keyboard.type('post')
  await page.waitForFunction(() => document.querySelectorAll('.qo-list li').length === 5)
  assert.deepEqual(await shown(), ['Delta post', 'Bravo post', 'Alpha post', 'Gamma post', 'Sigma post'])
  await page.keyboard.press('Escape')
  await page.waitForSelector('.quick-open', { state: 'detached' })
})

test('typing that never pauses is saved as it goes, not only when it stops', async () => {
  const { page } = ctx
  const id = await makePost(page, 'Typing on', 'Start.')
  await reloadLibrary(page, 1)
  await open(page, 'Typing on')
  await toEnd(page)
  const saved = () => page.evaluate(async (id) => (await window.go.app.Posts.Open(id)).text, id)
  // A key every 40 ms, far less than the pause after which a save comes:
  // the first word must reach the database while the typing goes on.
  let seenWhileTyping = false
  for (let i = 0; i < 200 && !seenWhileTyping; i++) {
    await page.keyboard.type(` w${i}`, { delay: 40 })
    seenWhileTyping = (await saved()).includes(' w0 ')
  }
  assert.ok(seenWhileTyping, 'the text typed first was saved while the typing went on')
  await waitForSaved(page, 20000)
  assert.equal(await saved(), await editorText(page))
})

test('the preview shows the date, reading time, categories and tags as the published page does', async () => {
  const { page } = ctx
  await makePost(page, 'With meta', 'Some words here.', 'date: 2024-03-09\ncategories: [Travel]\ntags: [go, kubecon]\n')
  await reloadLibrary(page, 1)
  await open(page, 'With meta')
  const frame = page.frameLocator('#preview')
  await frame.locator('.post-header .post-meta time', { hasText: 'March 9, 2024' }).waitFor({ timeout: 15000 })
  assert.match(await frame.locator('.post-header .post-meta').textContent(), /1 min read/)
  assert.deepEqual(await frame.locator('.post-header .post-categories li').allTextContents(), ['Travel'])
  assert.deepEqual(await frame.locator('.post-header .post-tags li').allTextContents(), ['go', 'kubecon'])
  // A tag typed in the editor shows at once in the header.
  await page.evaluate(() => {
    const v = window.quire.view
    const at = v.state.doc.toString().indexOf('kubecon]')
    v.dispatch({ changes: { from: at + 'kubecon'.length, insert: ', travel-notes' } })
  })
  await frame.locator('.post-header .post-tags li', { hasText: 'travel-notes' }).waitFor({ timeout: 15000 })
})

test('the status bar gives the reading time the page gives, however much code the post has', async () => {
  const { page } = ctx
  // 300 lines of code of 4 words each: the page skips code, and counted as
  // prose its 1,200 words would read in 5 minutes.
  const code = Array.from({ length: 300 }, (_, i) => `const x${i} = y${i} + z${i}`).join('\n')
  await makePost(page, 'Mostly code', 'A few words of prose.\n\n```js\n' + code + '\n```')
  await reloadLibrary(page, 1)
  await open(page, 'Mostly code')
  const frame = page.frameLocator('#preview')
  const meta = frame.locator('.post-header .post-meta', { hasText: 'min read' })
  await meta.waitFor({ timeout: 15000 })
  assert.match(await meta.textContent(), /\b1 min read/)
  await page.waitForFunction(() => /^1,2\d\d words .* 1 min read/.test(document.getElementById('statusbar').textContent), null, { timeout: 15000 })
  // Prose typed after the code: the two still agree, at 2 minutes.
  await toEnd(page)
  await page.keyboard.press('Enter')
  await page.keyboard.press('Enter')
  await page.keyboard.insertText(Array.from({ length: 300 }, (_, i) => `word${i}`).join(' '))
  await frame.locator('.post-header .post-meta', { hasText: '2 min read' }).waitFor({ timeout: 15000 })
  await page.waitForFunction(() => / 2 min read/.test(document.getElementById('statusbar').textContent), null, { timeout: 15000 })
})

test('a closing fence typed after indented code goes to the opening fence’s column', async () => {
  const { page } = ctx
  await makePost(page, 'Fenced', 'Code:')
  await reloadLibrary(page, 1)
  await open(page, 'Fenced')
  await toEnd(page)
  await page.keyboard.press('Enter')
  await page.keyboard.type('```go')
  await page.keyboard.press('Enter')
  await page.keyboard.type('func f() {')
  // Go's parser loads on demand: once 'func' is a highlighted keyword,
  // Enter indents by Go's rules.
  await page.waitForFunction(() => [...document.querySelectorAll('.cm-line span')].some((e) => e.textContent === 'func'), null, { timeout: 15000 })
  await page.keyboard.press('Enter')
  await page.keyboard.type('x := 1')
  await page.keyboard.press('Enter')
  await page.keyboard.type('```')
  const text = await waitForEditorText(page, /x := 1\n[ \t]*```$/)
  assert.match(text, /\n[ \t]+x := 1\n```$/, `the closing fence is at column 0: ${JSON.stringify(text.slice(-30))}`)
  await waitForSaved(page, 20000)
})

async function trashed(page, title) {
  return page.evaluate(async (title) => {
    const p = await window.go.app.Posts.Create(title)
    await window.go.app.Posts.Trash(p.id)
    return p.id
  }, title)
}

test('Delete forever on the open post opens its neighbour; Empty trash leaves the editor empty', async () => {
  const { page } = ctx
  await trashed(page, 'Binned first')
  await trashed(page, 'Binned second')
  await page.click('.lib-trash')
  await open(page, 'Binned second')
  // A trashed row's buttons sit beside it, named for its post.
  await page.locator('.lib-purge[aria-label="Delete forever: Binned second"]').click()
  await page.locator('.dialog button', { hasText: 'Delete forever' }).click()
  await waitForEditorText(page, /title: Binned first\n/, 15000)
  await page.click('.lib-empty-trash')
  await page.locator('.dialog button', { hasText: 'Delete forever' }).click()
  await page.waitForFunction(() => window.quire.view.state.doc.length === 0, null, { timeout: 15000 })
  await page.waitForFunction(() => document.getElementById('doc-title').textContent === '')
  await page.click('.lib-trash')
})

test('in a narrow window a post picked in the library closes it and takes the keyboard', async () => {
  const { page } = ctx
  await makePost(page, 'Narrow pick', 'Picked from the overlay.')
  await reloadLibrary(page, 1)
  await page.setViewportSize({ width: 800, height: 600 })
  try {
    await page.waitForFunction(() => document.getElementById('library').getBoundingClientRect().width === 0)
    await page.click('[data-command="toggle-library"]')
    await page.waitForFunction(() => document.getElementById('library').getBoundingClientRect().width > 100)
    await item(page, 'Narrow pick').click()
    await waitForEditorText(page, /title: Narrow pick\n/, 15000)
    await page.waitForFunction(() => document.getElementById('library').getBoundingClientRect().width === 0, null, { timeout: 15000 })
    await page.waitForFunction(() => window.quire.view.hasFocus, null, { timeout: 15000 })
    await page.keyboard.type('Typed at once. ')
    await waitForEditorText(page, /Typed at once\. /)
  } finally {
    await page.setViewportSize({ width: 1280, height: 800 })
  }
})

test('nothing went wrong in the page', () => {
  assert.deepEqual(ctx.problems, [])
})
