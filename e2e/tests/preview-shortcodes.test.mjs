// Hugo shortcodes in the real preview: a YouTube shortcode shows as the very
// card the preview makes of a raw YouTube iframe (no third-party frame loads
// in the editor), and an unknown shortcode is a marked placeholder named in
// the problems list under the preview, whose entry takes the caret to it.
import { test, after, before } from 'node:test'
import assert from 'node:assert/strict'
import { openApp, stopAll } from '../lib/harness.mjs'

let ctx
before(async () => {
  ctx = await openApp()
})
after(stopAll)

// setText replaces the editor's text at once, as a paste would: typed braces
// would meet the editor's bracket closing.
const setText = (page, text) =>
  page.evaluate((t) => {
    const view = window.quire.view
    view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: t }, userEvent: 'input.paste' })
  }, text)

const wait = { timeout: 20000 }

test('a YouTube shortcode previews as the same card as a raw YouTube iframe', async () => {
  const { page } = ctx
  await page.click('.cm-content')
  await setText(
    page,
    [
      '---',
      'title: Shortcodes',
      '---',
      '',
      '{{< youtube w7Ft2ymGmfc >}}',
      '',
      '<iframe src="https://www.youtube.com/embed/w7Ft2ymGmfc" title="YouTube video"></iframe>',
      '',
      '{{< mysterious >}}',
      '',
    ].join('\n'),
  )
  const preview = page.frameLocator('#preview')
  const cards = preview.locator('#quire-content .embed-card')
  await page.waitForFunction(
    () => document.querySelector('#preview')?.contentDocument?.querySelectorAll('#quire-content .embed-card').length === 2,
    null,
    wait,
  )
  const [fromShortcode, fromIframe] = await cards.evaluateAll((els) =>
    els.map((el) => {
      const c = el.cloneNode(true)
      c.removeAttribute('data-line') // where each came from differs, nothing else may
      return c.outerHTML
    }),
  )
  assert.equal(fromShortcode, fromIframe)
  assert.match(fromShortcode, /https:\/\/www\.youtube\.com\/embed\/w7Ft2ymGmfc/)
  assert.equal(await preview.locator('iframe').count(), 0, 'no third-party frame in the preview')

  // The unknown shortcode: a styled placeholder, never the raw syntax.
  const unknown = preview.locator('#quire-content div.shortcode-unknown')
  await unknown.waitFor(wait)
  assert.match(await unknown.textContent(), /mysterious/)
  const style = await unknown.evaluate((el) => getComputedStyle(el).borderTopStyle)
  assert.equal(style, 'dashed')
  assert.doesNotMatch(await preview.locator('#quire-content').innerHTML(), /\{\{&lt;|\{\{</)

  // Named in the problems list with its line; the entry takes the caret there.
  const entry = page.locator('#preview-problems button', { hasText: "Line 9: unknown shortcode 'mysterious'" })
  await entry.waitFor(wait)
  assert.equal(await page.locator('#preview-problems .problems-head').textContent(), '1 problem')
  await entry.click()
  await page.waitForFunction(() => {
    const v = window.quire.view
    return v.state.doc.lineAt(v.state.selection.main.head).number === 9
  }, null, wait)

  // Fixed, the list goes away.
  await setText(page, '---\ntitle: Shortcodes\n---\n\n{{< youtube w7Ft2ymGmfc >}}\n')
  await page.locator('#preview-problems').waitFor({ state: 'hidden', ...wait })
  assert.deepEqual(ctx.problems, [])
})
