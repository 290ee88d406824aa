// The production binary: a real window under Xvfb that paints the app, and
// headless commands that need no display.
import { test, after } from 'node:test'
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import path from 'node:path'
import fs from 'node:fs'
import { bin, imageStats, outDir, screenshotRoot, startApp, startXvfb, stopAll, tempDir, waitFor } from '../lib/harness.mjs'

const run = promisify(execFile)
after(stopAll)

test('the app opens a window that paints the editor and preview', async () => {
  const display = await startXvfb()
  const app = await startApp({ display, dev: false })
  const env = { ...process.env, DISPLAY: display }
  const win = await waitFor('the Quire window', async () => {
    const { stdout } = await run('xdotool', ['search', '--onlyvisible', '--name', '^Quire$'], { env }).catch(() => ({ stdout: '' }))
    return stdout.trim().split('\n')[0]
  })
  assert.ok(win, 'a visible window named Quire')
  const shot = path.join(outDir, 'window.png')
  // Wait until the web view has painted: a blank web view is one colour with
  // no contrast; the app shows text, a toolbar and two panes. Only the window
  // below its GTK menu bar counts: the menu's text alone has many colours.
  const geo = Object.fromEntries((await run('xdotool', ['getwindowgeometry', '--shell', win], { env })).stdout
    .trim().split('\n').map((l) => l.split('=')).map(([k, v]) => [k, Number(v)]))
  const menu = 40
  const webview = `${geo.WIDTH}x${geo.HEIGHT - menu}+${geo.X}+${geo.Y + menu}`
  const stats = await waitFor('the web view to paint', async () => {
    screenshotRoot(display, shot)
    const s = imageStats(shot, webview)
    // Painted: about 1,000 colours and sd 0.04 (light panes); blank: 1 and 0.
    return s.colours > 50 && s.sd > 0.01 ? s : null
  }, 30000, 250)
  assert.ok(stats.colours > 50, `the web view in screenshot ${shot} has ${stats.colours} colours`)
  assert.ok(fs.existsSync(app.dbPath), `the app created its database at ${app.dbPath}`)
})

test('quire version works without a display', async () => {
  const env = { ...process.env }
  delete env.DISPLAY
  delete env.WAYLAND_DISPLAY
  const { stdout } = await run(bin('quire'), ['version'], { env })
  assert.match(stdout, /^quire \S+ \(go[\d.]+, linux\/amd64\)\n$/)
})

test('an unknown command prints usage and exits 2', async () => {
  const err = await run(bin('quire'), ['frobnicate']).then(() => null, (e) => e)
  assert.ok(err, 'the command failed')
  assert.equal(err.code, 2)
  assert.match(err.stderr, /unknown command "frobnicate"/)
  assert.match(err.stderr, /Usage:/)
})

test('--db in a missing folder fails with one line naming the path', async () => {
  const dir = tempDir()
  const db = path.join(dir, 'missing', 'quire.db')
  const env = { ...process.env }
  delete env.DISPLAY
  const err = await run(bin('quire'), ['--db', db, 'list'], { env }).then(() => null, (e) => e)
  assert.ok(err, 'the command failed')
  assert.equal(err.code, 1)
  assert.ok(err.stderr.includes(db), `stderr names ${db}: ${err.stderr}`)
  assert.equal(err.stderr.trim().split('\n').length, 1, `one line: ${err.stderr}`)
  assert.ok(!fs.existsSync(path.dirname(db)), 'the folder was not created')
})
