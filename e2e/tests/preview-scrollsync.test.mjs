// Scroll sync by source line: scrolling the editor to a heading brings the
// same heading to the top of the preview, and the other way round, even with
// the sample post's embeds and lists between them.
import { test, after, before } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import { fixture, openApp, stopAll } from '../lib/harness.mjs'

const sample = fs.readFileSync(fixture('kubecon-2017-austin-summary.md'), 'utf8')
const lines = sample.split('\n')
const headingLine = (text) => lines.findIndex((l) => l.startsWith('#') && l.includes(text)) + 1

let ctx
before(async () => {
  ctx = await openApp()
  const { page } = ctx
  await page.click('.cm-content')
  await page.keyboard.press('Control+A')
  await page.keyboard.insertText(sample)
  await page.frameLocator('#preview').locator('h1.post-title', { hasText: 'KubeCon 2017 Austin Summary' }).waitFor()
})
after(stopAll)

// previewTopOf returns where the heading with that data-line sits in the
// preview's viewport (0 = at its top edge).
const previewTopOf = (page, line) =>
  page.evaluate((line) => {
    const doc = document.querySelector('#preview').contentDocument
    return doc.querySelector(`[data-line="${line}"]`).getBoundingClientRect().top
  }, line)

for (const heading of ['Brendan Burns', 'Keynote Summaries']) {
  test(`editor scrolled to "${heading}" brings it to the top of the preview`, async () => {
    const { page } = ctx
    const line = headingLine(heading)
    assert.ok(line > 1, `the sample has a heading "${heading}"`)
    await page.evaluate(async (line) => {
      const { view } = window.quire
      view.dom.dispatchEvent(new Event('wheel'))
      // CodeMirror's own scroll command: it measures the lines it passes,
      // where setting scrollTop would trust estimated heights.
      const EditorView = view.constructor
      view.dispatch({ effects: EditorView.scrollIntoView(view.state.doc.line(line).from, { y: 'start' }) })
    }, line)
    await page.waitForFunction(
      (line) => {
        const doc = document.querySelector('#preview').contentDocument
        const top = doc.querySelector(`[data-line="${line}"]`)?.getBoundingClientRect().top
        return top !== undefined && Math.abs(top) < 40
      },
      line,
      { timeout: 5000 },
    ).catch(() => {})
    const top = await previewTopOf(page, line)
    assert.ok(Math.abs(top) < 40, `heading "${heading}" (line ${line}) is ${top}px from the preview's top`)
  })
}

test('preview scrolled to a heading brings its line to the top of the editor', async () => {
  const { page } = ctx
  const line = headingLine('Ben Sigelman')
  await page.evaluate((line) => {
    const doc = document.querySelector('#preview').contentDocument
    doc.dispatchEvent(new Event('wheel'))
    const el = doc.querySelector(`[data-line="${line}"]`)
    doc.defaultView.scrollTo({ top: el.getBoundingClientRect().top + doc.defaultView.scrollY })
  }, line)
  const topLine = () =>
    page.evaluate(() => {
      const { view } = window.quire
      const block = view.lineBlockAtHeight(view.scrollDOM.scrollTop - view.documentPadding.top)
      return view.state.doc.lineAt(block.from).number
    })
  await page.waitForFunction(
    (line) => {
      const { view } = window.quire
      const block = view.lineBlockAtHeight(view.scrollDOM.scrollTop - view.documentPadding.top)
      return Math.abs(view.state.doc.lineAt(block.from).number - line) <= 1
    },
    line,
    { timeout: 5000 },
  ).catch(() => {})
  const got = await topLine()
  assert.ok(Math.abs(got - line) <= 1, `editor's top line is ${got}, want ${line}`)
})
