// The production binary in a real window: an image of the media library is
// served by the app to the preview (through the asset server's handler, on
// the desktop window's own scheme, past the preview's CSP) and painted.
import { test, after } from 'node:test'
import assert from 'node:assert/strict'
import { execFile, execFileSync, spawn } from 'node:child_process'
import { promisify } from 'node:util'
import path from 'node:path'
import fs from 'node:fs'
import { bin, outDir, screenshotRoot, startApp, startXvfb, stopAll, tempDir, waitFor } from '../lib/harness.mjs'
import { png } from '../lib/png.mjs'

const run = promisify(execFile)
after(stopAll)

/** magentaPixels counts the pixels of a screenshot that are exactly #ff00ff. */
function magentaPixels(file) {
  const out = execFileSync('convert', [file, '-fill', 'black', '+opaque', '#ff00ff', '-fill', 'white', '-opaque', '#ff00ff', '-format', '%[fx:round(mean*w*h)]', 'info:'])
  return Number(out.toString().trim())
}

test('the desktop window shows a media image in the preview', async () => {
  const dir = tempDir()
  const db = path.join(dir, 'quire.db')
  const picture = path.join(dir, 'magenta.png')
  fs.writeFileSync(picture, png(240, 160, [255, 0, 255]))
  const env = { ...process.env }
  delete env.DISPLAY
  const added = await run(bin('quire'), ['--db', db, 'media', 'add', picture], { env })
  const link = added.stdout.match(/media\/[0-9a-f]{16}\.png/)[0]
  const post = path.join(dir, 'post.md')
  fs.writeFileSync(post, `---\ntitle: Magenta\n---\n\nA square:\n\n![magenta](${link})\n`)
  await run(bin('quire'), ['--db', db, 'import', post], { env })

  const display = await startXvfb()
  await startApp({ display, dev: false, db })
  const shot = path.join(outDir, 'media-window.png')
  // The preview paints the picture: 240 × 160 px of magenta (nothing else
  // in the window is that colour).
  const n = await waitFor('the image in the preview', async () => {
    screenshotRoot(display, shot)
    const n = magentaPixels(shot)
    return n > 0.8 * 240 * 160 ? n : null
  }, 60000, 500)
  assert.ok(n <= 240 * 160 * 1.05, `${n} magenta pixels: the image is shown at its size (${shot})`)
})

// WebKitGTK gives a paste event no image data: the app reads the clipboard
// through GTK. A PNG put on the X clipboard (as a screenshot tool does) and
// pasted with Ctrl+V into the editor is asked alt text for and shown.
test('an image pasted from the system clipboard into the desktop window is shown', async (t) => {
  try {
    execFileSync('xclip', ['-version'], { stdio: 'ignore' })
  } catch {
    t.skip('xclip is not installed (scripts/install-deps.sh test installs it)')
    return
  }
  const dir = tempDir()
  const display = await startXvfb()
  const env = { ...process.env, DISPLAY: display }
  const app = await startApp({ display, dev: false, db: path.join(dir, 'quire.db') })
  await waitFor('the Quire window', async () => {
    const { stdout } = await run('xdotool', ['search', '--onlyvisible', '--name', '^Quire$'], { env }).catch(() => ({ stdout: '' }))
    return stdout.trim()
  })
  const shot = path.join(outDir, 'media-paste.png')
  // The editor is there when the window has painted it.
  await waitFor('the window to paint', async () => {
    screenshotRoot(display, shot)
    return execFileSync('convert', [shot, '-format', '%k', 'info:']).toString().trim() > 50
  }, 30000, 250)
  const picture = path.join(dir, 'shot.png')
  fs.writeFileSync(picture, png(200, 120, [255, 0, 255]))
  // xclip keeps serving the clipboard in the background until it is replaced.
  const xclip = spawn('xclip', ['-selection', 'clipboard', '-t', 'image/png', '-i', picture], { env, stdio: 'ignore' })
  await new Promise((r) => xclip.on('exit', r))
  await waitFor('the image on the clipboard', async () => {
    const { stdout } = await run('xclip', ['-selection', 'clipboard', '-t', 'TARGETS', '-o'], { env })
    return stdout.includes('image/png')
  })
  await run('xdotool', ['mousemove', '500', '300', 'click', '1'], { env })
  await run('xdotool', ['type', '--delay', '30', 'Pasted: '], { env })
  await run('xdotool', ['key', 'ctrl+v'], { env })
  // The alt text dialog: typed into, then Enter.
  await waitFor('the alt text dialog', async () => {
    screenshotRoot(display, shot)
    const out = execFileSync('convert', [shot, '-crop', '400x120+440+330', '-format', '%[fx:mean]', 'info:']).toString()
    return Number(out) < 0.9 // the dim overlay darkens the middle of the window
  }, 30000, 250)
  await run('xdotool', ['type', '--delay', '30', 'a screenshot'], { env })
  await run('xdotool', ['key', 'Return'], { env })
  const n = await waitFor('the pasted image in the preview', async () => {
    screenshotRoot(display, shot)
    const n = magentaPixels(shot)
    return n > 0.8 * 200 * 120 ? n : null
  }, 30000, 250)
  assert.ok(n <= 200 * 120 * 1.05, `${n} magenta pixels (${shot})`)
  // Saved with the post: the media file is in the library beside the database.
  await waitFor('the post saved', async () => {
    const { stdout } = await run(bin('quire'), ['--db', app.dbPath, 'media', 'list'], { env: { ...env, DISPLAY: '' } })
    return /used by /.test(stdout)
  })
})
