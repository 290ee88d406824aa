// The writing room's edges, as a writer meets them: a '}' typed in a Go
// fence goes back to its block's indentation, selecting a letter does not
// light up every other one, the find panel is two labelled rows, the preview
// follows typing at the end of a post, and Delete opens the neighbour and
// can be undone.
import { test, after, before } from 'node:test'
import assert from 'node:assert/strict'
import { openApp, stopAll, waitForEditorText, waitForSaved } from '../lib/harness.mjs'

let ctx
before(async () => {
  ctx = await openApp()
  const { page } = ctx
  await page.evaluate(() => window.go.app.Posts.Create('Edges'))
  await page.reload()
  await page.waitForSelector('.cm-content')
  await page.locator('.lib-item', { hasText: 'Edges' }).click()
  await waitForEditorText(page, /title: Edges\n/)
})
after(stopAll)

async function typeAtEnd(page, text) {
  await page.evaluate(() => {
    const v = window.quire.view
    v.dispatch({ selection: { anchor: v.state.doc.length } })
    v.focus()
  })
  await page.keyboard.type(text)
}

test('a } typed in a Go fence goes back to the indentation of its block', async () => {
  const { page } = ctx
  await typeAtEnd(page, '\n```go\nfunc f() {')
  // The fence's language loads on demand; its rules indent from then on.
  await page.waitForFunction(() => [...document.querySelectorAll('.cm-line')].some((l) => l.textContent.startsWith('func f()') && [...l.querySelectorAll('span')].some((t) => t.textContent === 'func')))
  await page.keyboard.press('Enter')
  await page.keyboard.type('x := 1')
  await page.keyboard.press('Enter')
  await page.keyboard.type('}')
  const text = await waitForEditorText(page, /x := 1\n.*\}/)
  const lines = text.split('\n')
  const inner = lines.find((l) => l.includes('x := 1'))
  assert.match(inner, /^\s+x := 1$/, 'the body is indented')
  assert.equal(lines[lines.length - 1], '}', `the closing brace is back at the margin:\n${text}`)
})

test('a letter selected is not marked everywhere; a word selected is', async () => {
  const { page } = ctx
  await typeAtEnd(page, '\n\nZebra stripes and a zebra crossing, Zebra again.\n')
  const select = (word, len) => page.evaluate(([word, len]) => {
    const v = window.quire.view
    const at = v.state.doc.toString().indexOf(word)
    v.dispatch({ selection: { anchor: at, head: at + len } })
  }, [word, len])
  await select('Zebra stripes', 5)
  await page.waitForSelector('.cm-selectionMatch')
  await select('Zebra stripes', 1)
  await page.waitForFunction(() => document.querySelectorAll('.cm-selectionMatch').length === 0)
  // A moment later it is still so (the highlighter updates on the same transaction).
  await page.waitForTimeout(300)
  assert.equal(await page.locator('.cm-selectionMatch').count(), 0)
})

test('the find panel is two labelled rows: find, then replace', async () => {
  const { page } = ctx
  await page.click('.cm-content')
  await page.keyboard.press('Control+f')
  await page.waitForSelector('.cm-search')
  const labels = await page.$$eval('.cm-search button.cm-button', (bs) => bs.map((b) => b.textContent))
  assert.deepEqual(labels, ['Next', 'Previous', 'Select all', 'Replace', 'Replace all'])
  const top = (sel) => page.$eval(sel, (e) => Math.round(e.getBoundingClientRect().top))
  const findRow = await top('.cm-search [name=search]')
  const replaceRow = await top('.cm-search [name=replace].cm-textfield')
  assert.ok(replaceRow > findRow, 'replace is below find')
  for (const sel of ['button[name=next]', 'button[name=prev]', 'button[name=close]']) {
    assert.ok(Math.abs((await top(`.cm-search ${sel}`)) - findRow) < 12, `${sel} is on the find row`)
  }
  assert.ok(Math.abs((await top('.cm-search button[name=replaceAll]')) - replaceRow) < 12, 'Replace all is on the replace row')
  await page.keyboard.press('Escape')
  await page.waitForSelector('.cm-search', { state: 'detached' })
})

test('typing at the end of a post below something tall, the preview follows to the end', async () => {
  const { page } = ctx
  await page.evaluate(() => {
    const v = window.quire.view
    const text = v.state.doc.toString().replace(/\n---\n[\s\S]*$/, '\n---\n')
    v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: `${text}\nAbove.\n\n<div style="height: 3000px; background: #ddd">A tall figure</div>\n\n` } })
    v.dispatch({ selection: { anchor: v.state.doc.length } })
    v.focus()
  })
  await page.keyboard.type('The last words of the post.')
  const frame = page.frameLocator('.preview-pane iframe')
  await frame.locator('p', { hasText: 'The last words of the post.' }).waitFor()
  const shown = () => page.evaluate(() => {
    const doc = document.querySelector('.preview-pane iframe').contentDocument
    const p = [...doc.querySelectorAll('p')].find((e) => e.textContent.includes('The last words of the post.'))
    const r = p?.getBoundingClientRect()
    return { ok: !!r && r.top >= 0 && r.bottom <= doc.defaultView.innerHeight, top: r?.top, scrollY: doc.defaultView.scrollY, height: doc.defaultView.innerHeight, focused: window.quire.view.hasFocus }
  })
  const deadline = Date.now() + 20000
  let last
  while (!(last = await shown()).ok && Date.now() < deadline) await page.waitForTimeout(200)
  assert.ok(last.ok, `the last paragraph is in the preview's view: ${JSON.stringify(last)}`)
})

test('Delete opens the post listed next to it, and Undo brings the post back', async () => {
  const { page } = ctx
  await waitForSaved(page) // what the tests above typed, or the reload offers it back
  for (const [title, date] of [['Alpha day', '2024-03-03'], ['Beta day', '2024-02-02'], ['Gamma day', '2024-01-01']]) {
    await page.evaluate(async ([title, date]) => {
      const o = await window.go.app.Posts.Create(title)
      const text = o.text.replace(/^---\n/, `---\ndate: ${date}\n`)
      await window.go.app.Posts.Save({ id: o.id, revision: o.revision, text, explicit: false })
    }, [title, date])
  }
  await page.reload()
  await page.waitForSelector('.cm-content')
  const item = (title) => page.locator('.lib-item', { has: page.locator('.lib-title', { hasText: new RegExp(`^${title}$`) }) })
  await item('Beta day').click()
  await waitForEditorText(page, /title: Beta day\n/)
  await page.click('#trash-post')
  // Newest first: Alpha, Beta, Gamma; Beta's neighbour below it is Gamma.
  await waitForEditorText(page, /title: Gamma day\n/)
  await page.locator('#error[data-kind="info"] .banner-action', { hasText: 'Undo' }).click()
  await waitForEditorText(page, /title: Beta day\n/)
  await item('Beta day').waitFor()
})

test('the category filter is alphabetical, and a category the post has is not offered again', async () => {
  const { page } = ctx
  await waitForSaved(page)
  for (const [title, cats] of [['Zeta post', '[zeta, Alpha]'], ['Beta post', '[beta]']]) {
    await page.evaluate(async ([title, cats]) => {
      const o = await window.go.app.Posts.Create(title)
      const text = o.text.replace(/^---\n/, `---\ncategories: ${cats}\n`)
      await window.go.app.Posts.Save({ id: o.id, revision: o.revision, text, explicit: false })
    }, [title, cats])
  }
  await page.reload()
  await page.waitForSelector('.cm-content')
  await page.waitForFunction(() => document.querySelector('select[aria-label=Category]').options.length === 4)
  const options = await page.$$eval('select[aria-label=Category] option', (os) => os.map((o) => o.textContent))
  assert.deepEqual(options, ['Any category', 'Alpha', 'beta', 'zeta'])

  await page.locator('.lib-item', { has: page.locator('.lib-title', { hasText: /^Zeta post$/ }) }).click()
  await waitForEditorText(page, /title: Zeta post\n/)
  await page.click('.cm-content')
  await page.keyboard.press('Control+Comma')
  const offered = () => page.$$eval('#complete-categories option', (os) => os.map((o) => o.value).sort())
  await page.waitForFunction(() => document.querySelectorAll('#complete-categories option').length === 1)
  assert.deepEqual(await offered(), ['beta'], 'zeta and Alpha are the post’s already')
  await page.keyboard.press('Escape')
})

test('in Preview mode the text keeps the published page’s column', async () => {
  const { page } = ctx
  await page.setViewportSize({ width: 1600, height: 900 })
  await page.click('.cm-content')
  await page.keyboard.press('Control+3')
  await page.waitForFunction(() => document.querySelector('#app').dataset.mode === 'preview')
  const widths = await page.evaluate(() => {
    const doc = document.querySelector('#preview').contentDocument
    return { text: doc.querySelector('#quire-content').getBoundingClientRect().width, frame: doc.documentElement.clientWidth }
  })
  assert.ok(widths.frame > 1200, `the preview fills the window: ${JSON.stringify(widths)}`)
  assert.ok(widths.text < 800, `the text keeps the page's measure: ${JSON.stringify(widths)}`)
  await page.keyboard.press('Control+2')
  await page.waitForFunction(() => document.querySelector('#app').dataset.mode === 'split')
})
