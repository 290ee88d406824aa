// The production binary in a real window: an image of the media library is
// served by the app to the preview (through the asset server's handler, on
// the desktop window's own scheme, past the preview's CSP) and painted.
import { test, after } from 'node:test'
import assert from 'node:assert/strict'
import { execFile, execFileSync } from 'node:child_process'
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
