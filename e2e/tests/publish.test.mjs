// Publish from the window: a clone of a bare repository (a file:// URL) is
// the hosting folder; the Publish button asks once about the clone's own
// files, then the post is exported, committed and pushed, and the dialog
// says so. Publishing again changes nothing.
import { test, after, before } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { gitSite, git, ident } from '../lib/gitsite.mjs'
import { openApp, stopAll, waitForSaved } from '../lib/harness.mjs'

let ctx, remote, site
before(async () => {
  ;({ remote, site } = gitSite())
  ctx = await openApp({ env: ident })
})
after(stopAll)

const post = `---
title: Notes from Austin
slug: notes-from-austin
date: 2018-01-05
status: published
---

The keynotes were about *service meshes*.
`

test('the Publish button exports, commits and pushes', async () => {
  const { page } = ctx
  await page.click('.cm-content')
  await page.keyboard.press('Control+A')
  await page.keyboard.insertText(post)
  await waitForSaved(page)
  // The hosting folder setting, as `quire site output DIR` sets it.
  await page.evaluate((dir) => window.go.app.Publish.SetOutput(dir), site)

  await page.click('#publish-site')
  const ask = page.locator('.overlay:has(> .dialog > h2:text-is("Publish into this folder?"))')
  await ask.waitFor({ timeout: 20000 })
  await ask.locator('button[data-choice=go]').click()

  const done = page.locator('.overlay:has(> .dialog > h2:text-is("Published"))')
  await done.locator('p', { hasText: 'Pushed 1 commit to origin/main.' }).waitFor({ timeout: 30000 })
  const text = await done.textContent()
  assert.match(text, /Committed \d+ files on main: Publish: 1 post added/)

  assert.equal(git(remote, 'rev-parse', 'main'), git(site, 'rev-parse', 'HEAD'))
  assert.match(git(remote, 'log', '-1', '--format=%B', 'main'), /- Notes from Austin \(2018\/01\/05\/notes-from-austin\/index.html\)/)
  assert.equal(fs.readFileSync(path.join(site, 'CNAME'), 'utf8'), 'blog.example.org\n', 'CNAME untouched')
  await done.locator('button[data-choice=ok]').click()
})

test('Ctrl+Shift+P again: nothing changed, and it says so', async () => {
  const { page } = ctx
  const head = git(remote, 'rev-parse', 'main')
  await page.click('.cm-content')
  await page.keyboard.press('Control+Shift+P')
  const done = page.locator('.overlay:has(> .dialog > h2:text-is("Published"))')
  await done.locator('p', { hasText: 'Nothing changed: no commit, nothing pushed.' }).waitFor({ timeout: 30000 })
  assert.equal(git(remote, 'rev-parse', 'main'), head)
  await done.locator('button[data-choice=ok]').click()
  assert.deepEqual(ctx.problems, [])
})
