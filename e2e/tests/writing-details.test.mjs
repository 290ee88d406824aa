// The writing room's small states, checked as a writer sees them: the window
// title names the post, the status bar's line and column follow the post
// opened, Post settings refuses a date it cannot read (in red, the date kept),
// warns of a published post without a date, and does not show old values as
// current while the front matter has an error.
import { test, after, before } from 'node:test'
import assert from 'node:assert/strict'
import { editorText, openApp, stopAll, waitForEditorText, waitForSaved } from '../lib/harness.mjs'

let ctx
before(async () => {
  ctx = await openApp()
  const { page } = ctx
  for (const [title, extra] of [['Short one', ''], ['Long one', '\n\nline\n\nline\n\nline\n\nlast line here\n']]) {
    await page.evaluate(async ([title, extra]) => {
      const o = await window.go.app.Posts.Create(title)
      const text = o.text.replace(/\n*$/, `\n\nThe ${title} post.\n${extra}`)
      await window.go.app.Posts.Save({ id: o.id, revision: o.revision, text, explicit: false })
    }, [title, extra])
  }
  await page.reload()
  await page.waitForSelector('.cm-content')
  await page.waitForFunction(() => document.querySelectorAll('.lib-item:not(.placeholder)').length === 2)
})
after(stopAll)

const item = (page, title) => page.locator('.lib-item', { has: page.locator('.lib-title', { hasText: new RegExp(`^${title}$`) }) })
async function open(page, title) {
  await item(page, title).click()
  await waitForEditorText(page, new RegExp(`title: ${title}\\n`), 20000)
}
const caretLine = (page) => page.evaluate(() => {
  const v = window.quire.view
  return v.state.doc.lineAt(v.state.selection.main.head).number
})

test('the window title names the post; Ln/Col follow the post opened', async () => {
  const { page } = ctx
  await open(page, 'Long one')
  await page.waitForFunction(() => document.title === 'Long one — Quire')
  await page.click('.cm-content')
  await page.keyboard.press('Control+End')
  await page.waitForFunction((n) => document.querySelector('#statusbar').textContent.includes(`Ln ${n},`), await caretLine(page))
  await open(page, 'Short one')
  await page.waitForFunction(() => document.title === 'Short one — Quire')
  // The caret is at the start of the body of the post just opened, and the status bar says so.
  const line = await caretLine(page)
  await page.waitForFunction((n) => document.querySelector('#statusbar').textContent.endsWith(`Ln ${n}, Col 1`), line)
})

test('Post settings: a date it cannot read is refused under the field and the date is kept', async () => {
  const { page } = ctx
  await open(page, 'Short one')
  await page.click('.cm-content')
  await page.keyboard.press('Control+Comma')
  await page.waitForSelector('#field-date')
  await page.fill('#field-date', '2025-02-10T09:30')
  await page.dispatchEvent('#field-date', 'change')
  await waitForEditorText(page, /date: 2025-02-10T09:30/)
  // 30 February, typed into the field as a writer does.
  await page.click('#field-date', { position: { x: 6, y: 6 } }) // the month, the first part
  await page.keyboard.type('02302025')
  await page.click('#field-summary') // leave the field
  const bad = await page.evaluate(() => document.querySelector('#field-date').validity.badInput)
  assert.ok(bad, 'the field holds a date it cannot read')
  await page.waitForFunction(() => /Not a valid date/.test(document.querySelector('#error-date')?.textContent ?? ''))
  assert.ok(await page.isVisible('#error-date'), 'the message is shown')
  assert.match(await editorText(page), /date: 2025-02-10T09:30/, 'the date in the front matter is kept')
})

test('Post settings: published without a date warns at the status', async () => {
  const { page } = ctx
  await open(page, 'Long one')
  await page.waitForSelector('#field-status')
  await page.selectOption('#field-status', 'published')
  await waitForEditorText(page, /status: published/)
  assert.doesNotMatch(await editorText(page), /\ndate:/)
  await page.waitForFunction(() => /Published without a date/.test(document.querySelector('#error-status')?.textContent ?? ''))
  await page.fill('#field-date', '2024-05-01T08:00')
  await page.dispatchEvent('#field-date', 'change')
  await waitForEditorText(page, /date: 2024-05-01T08:00/)
  await page.waitForFunction(() => (document.querySelector('#error-status')?.textContent ?? '') === '')
  await waitForSaved(page, 20000)
})

test('Post settings: a front-matter error disables the form instead of showing old values', async () => {
  const { page } = ctx
  await open(page, 'Short one')
  await page.waitForFunction(() => document.querySelector('#field-title')?.value === 'Short one')
  // Break the front matter in the editor: an unclosed list on the title line.
  await page.evaluate(() => {
    const v = window.quire.view
    const t = v.state.doc.toString()
    const at = t.indexOf('title: Short one')
    v.dispatch({ changes: { from: at, to: at + 'title: Short one'.length, insert: 'title: [Renamed' } })
  })
  await page.waitForFunction(() => document.querySelector('#field-title').disabled)
  assert.ok(await page.evaluate(() => /error/i.test(document.querySelector('#settings-panel .general').textContent)))
  // Fixed, the form is back with the new value.
  await page.evaluate(() => {
    const v = window.quire.view
    const t = v.state.doc.toString()
    const at = t.indexOf('title: [Renamed')
    v.dispatch({ changes: { from: at, to: at + 'title: [Renamed'.length, insert: 'title: Renamed' } })
  })
  await page.waitForFunction(() => !document.querySelector('#field-title').disabled && document.querySelector('#field-title').value === 'Renamed')
  await page.waitForFunction(() => document.title === 'Renamed — Quire')
})
