// Publish in the production window, with its own keys: the hosting folder is
// a clone of a bare repository (a file:// URL) that `quire publish` already
// published once; a second post is imported, Ctrl+Shift+P is pressed in the
// real window (xdotool), and the remote gets one commit naming that post.
// The window's last screenshot stays in test-output/e2e/publish-window.png.
import { test, after, before } from 'node:test'
import assert from 'node:assert/strict'
import { execFile, execFileSync } from 'node:child_process'
import { once } from 'node:events'
import { promisify } from 'node:util'
import fs from 'node:fs'
import path from 'node:path'
import { gitSite, git, ident } from '../lib/gitsite.mjs'
import { bin, outDir, screenshotRoot, startApp, startXvfb, stopAll, waitFor } from '../lib/harness.mjs'

const run = promisify(execFile)
const gitEnv = { ...process.env, ...ident }
const quire = (db, ...args) => execFileSync(bin('quire'), ['--db', db, ...args], { env: gitEnv, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })

const postFile = (title, day) => `---
title: ${title}
date: 2018-01-${day}
status: published
---

Notes on ${title.toLowerCase()}.
`

let display, db, remote, site, posts
before(async () => {
  let root
  ;({ root, remote, site } = gitSite('quire-publish-window-'))
  posts = path.join(root, 'posts')
  db = path.join(root, 'quire.db')
  fs.mkdirSync(posts)
  fs.writeFileSync(path.join(posts, '2018-01-05-keynotes.md'), postFile('Keynotes', '05'))
  quire(db, 'import', posts)
  quire(db, 'site', 'output', site)
  quire(db, 'publish', '--force')
  fs.writeFileSync(path.join(posts, '2018-01-06-hallway-track.md'), postFile('Hallway Track', '06'))
  quire(db, 'import', posts)
  display = await startXvfb()
})
after(stopAll)

test('Ctrl+Shift+P in the real window publishes the new post: one commit, pushed', async () => {
  const before = git(remote, 'rev-parse', 'main')
  const app = await startApp({ display, db, dev: false, env: { ...ident, QUIRE_TRACE_STARTUP: '1' } })
  const env = { ...process.env, DISPLAY: display }
  const xdo = (...args) => run('xdotool', args, { env })
  const win = await waitFor('the Quire window', async () => {
    const { stdout } = await xdo('search', '--onlyvisible', '--name', 'Quire$').catch(() => ({ stdout: '' }))
    return stdout.trim().split('\n')[0]
  })
  await xdo('mousemove', '--window', win, '640', '400')
  await xdo('windowfocus', '--sync', win)
  // The page says when it is ready (QUIRE_TRACE_STARTUP, as the startup benchmark reads it).
  await waitFor('the window to be editable', () => app.log().includes('editable after'), 30000)
  await xdo('key', 'ctrl+shift+p')
  const after = await waitFor('the push to reach the remote', () => {
    const head = git(remote, 'rev-parse', 'main')
    return head !== before ? head : null
  }, 60000, 250)
  assert.equal(git(site, 'rev-parse', 'HEAD'), after, 'the hosting folder pushed what it committed')
  assert.equal(git(remote, 'rev-list', '--count', `${before}..${after}`), '1', 'one commit')
  const message = git(remote, 'log', '-1', '--format=%B', 'main')
  assert.match(message, /Hallway Track/)
  assert.doesNotMatch(message, /Keynotes/, 'the post published before is not in this commit')
  assert.equal(fs.readFileSync(path.join(site, 'CNAME'), 'utf8'), 'blog.example.org\n', 'CNAME untouched')
  screenshotRoot(display, path.join(outDir, 'publish-window.png'))

  const exited = once(app.child, 'exit')
  await xdo('key', 'Escape')
  await xdo('key', 'ctrl+q')
  await Promise.race([exited, new Promise((_, rej) => setTimeout(() => rej(new Error('the app did not quit')), 30000))])
})
