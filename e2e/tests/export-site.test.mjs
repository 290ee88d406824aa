// Export from the window: write a published post, open Export (Ctrl+Shift+E),
// set the site, export into a hosting folder that already holds a CNAME, and
// find a site there that serves, with the CNAME untouched; a second export
// writes nothing.
import { test, after, before } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { editorText, openApp, stopAll, tempDir, waitForSaved } from '../lib/harness.mjs'

let ctx, site
// A machine with no browser registered: the commands Open site tries fail
// as xdg-open does there (they come first on the app's PATH).
function noBrowserPath() {
  const bin = tempDir('quire-nobrowser-')
  for (const cmd of ['xdg-open', 'x-www-browser', 'www-browser']) {
    fs.writeFileSync(path.join(bin, cmd), `#!/bin/sh\necho "${cmd}: no method available for opening '$1'" >&2\nexit 3\n`, { mode: 0o755 })
  }
  return `${bin}:${process.env.PATH}`
}

before(async () => {
  ctx = await openApp({ env: { PATH: noBrowserPath() } })
  site = tempDir('quire-site-')
  fs.writeFileSync(path.join(site, 'CNAME'), 'blog.example.org\n')
})
after(stopAll)

const post = `---
title: Notes from Austin
slug: notes-from-austin
date: 2018-01-05
status: published
categories: [kubernetes]
---

The keynotes were about *service meshes*. See [the next post](missing-post.md).
`

test('Export writes the site into a hosting folder beside its own files', async () => {
  const { page } = ctx
  await page.click('.cm-content')
  await page.keyboard.press('Control+A')
  await page.keyboard.insertText(post)
  await waitForSaved(page)

  await page.keyboard.press('Control+Shift+E')
  const dialog = page.locator('.export-dialog')
  await dialog.waitFor()
  await dialog.locator('input[name=title]').fill('Field Notes')
  await dialog.locator('input[name=baseURL]').fill('https://blog.example.org/')
  await dialog.locator('input[name=dir]').fill(site)
  await dialog.locator('button[data-choice=export]').click()

  // The folder holds a file Quire did not write: the window asks first.
  const ask = page.locator('.overlay:has(> .dialog > h2:text-is("Export into this folder?"))')
  await ask.waitFor()
  await ask.locator('button[data-choice=go]').click()

  await dialog.locator('.export-message', { hasText: /^Exported: 1 post: \d+ written/ }).waitFor({ timeout: 20000 })
  // The progress ends at its total, whatever order its last events came in.
  assert.match(await dialog.locator('.export-counts').textContent(), /^(\d+) of \1 pages$/)
  // The link to a post that does not exist is reported with its line in the
  // post as saved (the editor shows the same text, slug line included).
  const warning = await dialog.locator('.export-details .warning').first().textContent()
  const line = (await editorText(page)).split('\n').findIndex((l) => l.includes('missing-post.md')) + 1
  assert.equal(warning, `notes-from-austin:${line}: link to a post that does not exist: missing-post.md`)

  assert.equal(fs.readFileSync(path.join(site, 'CNAME'), 'utf8'), 'blog.example.org\n', 'CNAME untouched')
  const page1 = fs.readFileSync(path.join(site, '2018/01/05/notes-from-austin/index.html'), 'utf8')
  assert.match(page1, /<em>service meshes<\/em>/)
  assert.match(page1, /Field Notes/)
  assert.match(fs.readFileSync(path.join(site, 'feed.xml'), 'utf8'), /Notes from Austin/)

  // "Open site" serves the folder on loopback; fetch what the browser would show.
  const url = await page.evaluate((dir) => window.go.app.Export.Serve(dir), site)
  assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/$/)
  const home = await fetch(url).then((r) => r.text())
  assert.match(home, /Notes from Austin/)
  assert.ok(await dialog.locator('button[data-choice=open]').isVisible(), 'Open site is offered')

  // With no browser to open it, Open site says so and shows the address, with Copy.
  await dialog.locator('button[data-choice=open]').click()
  await dialog.locator('.export-url').waitFor()
  assert.match(await dialog.locator('.export-url').textContent(), /^http:\/\/127\.0\.0\.1:\d+\/$/)
  await page.waitForFunction(() => /^The site is served, but no browser opened http:\/\/127\.0\.0\.1:\d+\/: exit status 3: open the address above in a browser\.$/.test(document.querySelector('.export-message').textContent))
  await dialog.locator('button[data-choice=copy-url]').click()
  await page.waitForFunction(() => document.querySelector('[data-choice=copy-url]').textContent === 'Copied')
})

test('a second export writes nothing', async () => {
  const dialog = ctx.page.locator('.export-dialog')
  await dialog.locator('button[data-choice=export]').click()
  await dialog.locator('.export-message', { hasText: /^Exported: 1 post: 0 written, \d+ unchanged, 0 removed/ }).waitFor({ timeout: 20000 })
})
