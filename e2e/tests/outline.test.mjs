// The outline pane in a browser against the real app: Ctrl+Shift+O lists the
// sample post's headings indented by level, marks the section holding the
// caret, moves the editor (and the preview) to a heading on a click or Enter,
// follows typing, and Esc closes it.
import { test, after, before } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import { fixture, openApp, stopAll, waitFor } from '../lib/harness.mjs'

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

const items = (page) =>
  page.$$eval('#outline .outline-item', (els) => els.map((e) => ({ text: e.textContent, depth: getComputedStyle(e.parentElement).getPropertyValue('--depth').trim(), current: e.hasAttribute('aria-current') })))

const caretLine = (page) => page.evaluate(() => { const s = window.quire.view.state; return s.doc.lineAt(s.selection.main.head).number })

test('Ctrl+Shift+O shows the headings indented by level', async () => {
  const { page } = ctx
  await page.click('.cm-content')
  await page.keyboard.press('Control+Shift+O')
  await page.waitForSelector('#outline:not([hidden]) .outline-item', { timeout: 15000 })
  const got = await items(page)
  assert.deepEqual(got.map((x) => x.text), [
    'Keynote Summaries', 'Ben Sigelman - Lightstep', 'Brendan Burns - This job is too hard', 'Session Notes',
    'Microservices, Service Mesh, & CI/CD', 'Vault and Secret Management in K8s', 'Kernels v Distros', 'Overall',
  ])
  assert.deepEqual(got.map((x) => x.depth), ['0', '1', '1', '0', '1', '1', '1', '0'])
  // The pane takes the focus, so it works from the keyboard.
  assert.equal(await page.evaluate(() => document.activeElement?.closest('#outline') !== null), true)
})

test('a click moves the editor and the preview to the heading', async () => {
  const { page } = ctx
  const line = headingLine('Vault and Secret')
  await page.click('#outline .outline-item:text("Vault and Secret Management in K8s")')
  await waitFor('the caret on the heading', async () => (await caretLine(page)) === line, 15000, 50)
  assert.equal(await page.evaluate(() => window.quire.view.hasFocus), true)
  await page.waitForFunction((line) => {
    const doc = document.querySelector('#preview').contentDocument
    const top = doc.querySelector(`[data-line="${line}"]`)?.getBoundingClientRect().top
    return top !== undefined && Math.abs(top) < 80
  }, line, { timeout: 15000 })
  await page.waitForSelector('#outline .outline-item[aria-current]:text("Vault and Secret Management in K8s")', { timeout: 15000 })
})

test('the current section is marked as the caret moves', async () => {
  const { page } = ctx
  await page.evaluate((line) => {
    const { view } = window.quire
    view.dispatch({ selection: { anchor: view.state.doc.line(line).from } })
  }, headingLine('Brendan Burns') + 2)
  await page.waitForSelector('#outline .outline-item[aria-current]:text("Brendan Burns - This job is too hard")', { timeout: 15000 })
  assert.equal((await items(page)).filter((x) => x.current).length, 1)
})

test('Enter on a heading in the pane moves the editor there', async () => {
  const { page } = ctx
  await page.focus('#outline .outline-item:text("Overall")')
  await page.keyboard.press('ArrowUp')
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Kernels v Distros')
  await page.keyboard.press('Enter')
  const line = headingLine('Kernels v Distros')
  await waitFor('the caret on the heading', async () => (await caretLine(page)) === line, 15000, 50)
})

test('typing a heading adds it to the outline', async () => {
  const { page } = ctx
  await page.click('.cm-content')
  await page.keyboard.press('Control+End')
  await page.keyboard.type('\n\n## Lessons learned\n')
  await page.waitForSelector('#outline .outline-item:text("Lessons learned")', { timeout: 15000 })
  const got = await items(page)
  assert.equal(got.at(-1).text, 'Lessons learned')
  assert.equal(got.at(-1).current, true)
})

test('Esc in the pane closes it and Ctrl+Shift+O brings it back', async () => {
  const { page } = ctx
  await page.focus('#outline .outline-item:text("Overall")')
  await page.keyboard.press('Escape')
  await page.waitForSelector('#outline[hidden]', { state: 'attached', timeout: 15000 })
  assert.equal(await page.evaluate(() => window.quire.view.hasFocus), true)
  await page.keyboard.press('Control+Shift+O')
  await page.waitForSelector('#outline:not([hidden])', { timeout: 15000 })
  assert.deepEqual(ctx.problems, [])
})
