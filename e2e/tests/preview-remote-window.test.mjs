// The production binary in a real window (WebKitGTK, the app on its wails:
// scheme): an imported post's remote images reach no host while the post has
// not been allowed remote content, and its media-library image is painted.
// Loading after the writer's click is checked in Chromium (preview-remote).
import { test, after } from 'node:test'
import assert from 'node:assert/strict'
import { execFile, execFileSync } from 'node:child_process'
import { promisify } from 'node:util'
import http from 'node:http'
import path from 'node:path'
import fs from 'node:fs'
import { bin, freePort, outDir, screenshotRoot, startApp, startXvfb, stopAll, tempDir, waitFor } from '../lib/harness.mjs'
import { png } from '../lib/png.mjs'

const run = promisify(execFile)
let server
after(async () => {
  await stopAll()
  server?.close()
})

/** colourPixels counts the pixels of a screenshot that are exactly colour (#rrggbb). */
function colourPixels(file, colour) {
  const out = execFileSync('convert', [file, '-fill', 'black', '+opaque', colour, '-fill', 'white', '-opaque', colour, '-format', '%[fx:round(mean*w*h)]', 'info:'])
  return Number(out.toString().trim())
}

test('the desktop window fetches nothing from another host for a post not allowed', async () => {
  const requests = []
  const port = await freePort()
  server = http.createServer((req, res) => {
    requests.push(req.url)
    res.writeHead(200, { 'content-type': 'image/png', 'cache-control': 'no-store' })
    res.end(png(120, 80, [0, 255, 255]))
  })
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve))
  const R = `http://127.0.0.1:${port}`

  const dir = tempDir()
  const db = path.join(dir, 'quire.db')
  const picture = path.join(dir, 'magenta.png')
  fs.writeFileSync(picture, png(240, 160, [255, 0, 255]))
  const env = { ...process.env }
  delete env.DISPLAY
  const added = await run(bin('quire'), ['--db', db, 'media', 'add', picture], { env })
  const link = added.stdout.match(/media\/[0-9a-f]{16}\.png/)[0]
  const post = path.join(dir, 'post.md')
  fs.writeFileSync(
    post,
    `---\ntitle: Imported\n---\n\n![remote](${R}/md.png)\n\n<img alt="html" src="${R}/img.png">\n\n` +
      `<img alt="srcset" srcset="${R}/srcset.png 1x">\n\n<div style="background:url(${R}/style.png);width:120px;height:80px"></div>\n\n` +
      `<svg width="120" height="80"><image href="${R}/svg.png" width="120" height="80"/></svg>\n\n![magenta](${link})\n`,
  )
  await run(bin('quire'), ['--db', db, 'import', post], { env })
  requests.length = 0 // only what the window does counts

  const display = await startXvfb()
  await startApp({ display, dev: false, db })
  const shot = path.join(outDir, 'preview-remote-window.png')
  // The local picture is painted (240 × 160 px of magenta): the preview has
  // loaded the post's images by then. A loaded machine took over a minute
  // to map the first window.
  await waitFor('the local image in the preview', async () => {
    screenshotRoot(display, shot)
    return colourPixels(shot, '#ff00ff') > 0.8 * 240 * 160
  }, 180000, 500)
  assert.deepEqual(requests, [], 'no request reached the remote host')
  assert.equal(colourPixels(shot, '#00ffff'), 0, `no remote image is painted (${shot})`)
})
