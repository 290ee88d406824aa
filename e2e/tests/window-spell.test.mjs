// Spell checking in the production binary's real window, under a window
// manager as on a desktop: WebKitGTK's checker is on with the hunspell
// dictionary, a misspelled word typed with xdotool in prose is underlined
// in red, and one typed in a code span is not.
import { test, after, before } from 'node:test'
import assert from 'node:assert/strict'
import { execFile, execFileSync, spawn } from 'node:child_process'
import { promisify } from 'node:util'
import fs from 'node:fs'
import path from 'node:path'
import { outDir, startApp, startXvfb, stopAll, waitFor } from '../lib/harness.mjs'

const run = promisify(execFile)
let display, env, app, wm, win

// redPixels counts the pixels of the editor's text area that are the red of
// WebKit's spelling underline (no text or code colour of the theme is).
function redPixels(file, crop = '420x300+320+40') {
  const out = execFileSync('convert', [file, '-crop', crop, '+repage',
    '-fx', 'r > 0.85 && g < 0.55 && b < 0.55 ? 1 : 0', '-format', '%[fx:mean*w*h]', 'info:']).toString()
  return Math.round(Number(out.trim()))
}

function shot(name) {
  const file = path.join(outDir, name)
  fs.mkdirSync(outDir, { recursive: true })
  execFileSync('import', ['-window', win, file], { env })
  return file
}

const xdo = (...args) => run('xdotool', args, { env })

before(async () => {
  display = await startXvfb()
  env = { ...process.env, DISPLAY: display }
  // A desktop has a window manager; openbox when installed.
  wm = spawn('openbox', [], { env, stdio: 'ignore' })
  wm.on('error', () => (wm = null))
  app = await startApp({ display, dev: false, env: { QUIRE_TRACE_SPELL: '1', LANG: 'en_US.UTF-8' } })
  win = await waitFor('the Quire window', async () => {
    const { stdout } = await xdo('search', '--onlyvisible', '--name', '^Quire$').catch(() => ({ stdout: '' }))
    return stdout.trim().split('\n')[0]
  })
  await xdo('windowmove', '--sync', win, '0', '0').catch(() => {})
  await xdo('windowsize', '--sync', win, '1280', '800').catch(() => {})
})
after(async () => {
  if (wm && wm.exitCode === null) wm.kill('SIGTERM')
  await stopAll()
})

test('the checker is on with the English dictionary', async () => {
  const line = await waitFor('the spell trace', async () => app.log().match(/quire: spell checking (on|off), languages \[([^\]]*)\]/), 15000)
  assert.equal(line[1], 'on')
  assert.match(line[2], /\ben_US\b/, 'hunspell-en-us is installed (scripts/install-deps.sh)')
})

test('a misspelling typed in prose is underlined, in a code span it is not', async () => {
  // The blank editor has the focus; click into it to be sure.
  assert.equal(redPixels(shot('spell-blank.png')), 0, 'nothing is red before typing')
  await xdo('mousemove', '--window', win, '560', '200')
  await xdo('click', '1')
  await xdo('type', '--delay', '40', 'Code `mispeled wordd` here.')
  await xdo('key', 'Return', 'Return')
  await xdo('type', '--delay', '40', 'This sentance is mispeled.')
  // The underline in the third line (the prose) is the sign WebKit has
  // checked what was typed; by then the code span before it was checked too.
  // (While the first line was typed its backtick was not yet closed: its
  // words were prose then, and underlined, until the span closed.)
  const file = await waitFor('a red underline in the prose line', async () => {
    const f = shot('spell-prose.png')
    return redPixels(f, '420x26+320+128') > 10 ? f : null
  }, 30000, 500)
  // The first line (the code span) must have none.
  assert.equal(redPixels(file, '420x22+320+80'), 0, `the code span is not underlined (see ${file})`)
})
