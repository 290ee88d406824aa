// The theme in the production binary's real window, under a window manager
// as on a desktop: with GTK's dark theme (GTK_THEME=Adwaita:dark) and the
// theme left at System, the editor, the preview and the library are dark;
// with GTK's light theme they are light. (WebKitGTK itself was seen to
// answer prefers-color-scheme light in both: app/theme_linux.go.)
import { test, after, before } from 'node:test'
import assert from 'node:assert/strict'
import { execFile, execFileSync, spawn } from 'node:child_process'
import { once } from 'node:events'
import { promisify } from 'node:util'
import fs from 'node:fs'
import path from 'node:path'
import { outDir, startApp, startXvfb, stopAll, waitFor } from '../lib/harness.mjs'

const run = promisify(execFile)
let display, env, wm

before(async () => {
  display = await startXvfb()
  env = { ...process.env, DISPLAY: display }
  // A desktop has a window manager; openbox when installed.
  wm = spawn('openbox', [], { env, stdio: 'ignore' })
  wm.on('error', () => (wm = null))
})
after(async () => {
  if (wm && wm.exitCode === null) wm.kill('SIGTERM')
  await stopAll()
})

const xdo = (...args) => run('xdotool', args, { env })

/** pixel reads the colour at x,y of an image as [r, g, b] (0..255). */
function pixel(file, x, y) {
  const out = execFileSync('convert', [file, '-format', `%[fx:int(255*p{${x},${y}}.r)] %[fx:int(255*p{${x},${y}}.g)] %[fx:int(255*p{${x},${y}}.b)]`, 'info:']).toString()
  return out.trim().split(/\s+/).map(Number)
}
const luminance = ([r, g, b]) => (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255

/**
 * colours starts the app with the GTK theme gtkTheme and returns the
 * brightness of its editor, preview and library once the page has painted
 * them (its blank editor shows the placeholder "Start writing…").
 */
async function colours(gtkTheme, name) {
  const app = await startApp({ display, dev: false, env: { GTK_THEME: gtkTheme } })
  try {
    const win = await waitFor('the Quire window', async () => {
      const { stdout } = await xdo('search', '--onlyvisible', '--name', '^Quire$').catch(() => ({ stdout: '' }))
      return stdout.trim().split('\n')[0]
    })
    await xdo('windowmove', '--sync', win, '0', '0').catch(() => {})
    await xdo('windowsize', '--sync', win, '1280', '800').catch(() => {})
    const file = path.join(outDir, `theme-${name}.png`)
    fs.mkdirSync(outDir, { recursive: true })
    // Painted: the library's count ("0 posts") is text the page writes once the list loads, so
    // its box is no longer one flat colour.
    return await waitFor('the page to paint', async () => {
      execFileSync('import', ['-window', win, file], { env })
      const sd = Number(execFileSync('convert', [file, '-crop', '100x20+5+178', '+repage', '-format', '%[fx:standard_deviation]', 'info:']).toString())
      if (!(sd > 0.02)) return null
      return { file, editor: luminance(pixel(file, 550, 500)), preview: luminance(pixel(file, 1050, 500)), library: luminance(pixel(file, 150, 600)) }
    }, 30000, 500)
  } finally {
    app.child.kill('SIGTERM')
    await once(app.child, 'exit')
  }
}

test('with GTK dark theme the window is dark', async () => {
  const c = await colours('Adwaita:dark', 'gtk-dark')
  for (const part of ['editor', 'preview', 'library']) assert.ok(c[part] < 0.2, `${part} is dark (luminance ${c[part].toFixed(2)}, see ${c.file})`)
})

test('with GTK light theme the window is light', async () => {
  const c = await colours('Adwaita', 'gtk-light')
  for (const part of ['editor', 'preview', 'library']) assert.ok(c[part] > 0.8, `${part} is light (luminance ${c[part].toFixed(2)}, see ${c.file})`)
})
