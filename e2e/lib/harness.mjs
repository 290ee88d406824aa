// The end-to-end harness: starts Xvfb and the real Quire binary (the
// dev-tagged one, which serves the built frontend to browsers with the real Go
// bindings), drives Debian's Chromium with playwright-core, and stops
// everything it started by PID. Every later UI test builds on this.
import { spawn, execFileSync } from 'node:child_process'
import { once } from 'node:events'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
export const outDir = path.join(root, 'test-output', 'e2e')
export const bin = (name) => path.join(root, 'build', 'bin', name)
// fixture names a file in the project's testdata/ (the sample post).
export const fixture = (name) => path.join(root, 'testdata', name)

// Debian's Chromium, never a downloaded browser. CHROMIUM overrides the path.
const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium'

const started = [] // {name, child}, stopped in reverse order by stopAll

/** tempDir makes a fresh directory that stopAll removes. */
export function tempDir(prefix = 'quire-e2e-') {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix))
  started.push({ name: 'tempdir', dir })
  return dir
}

function track(name, child) {
  const entry = { name, child, exited: false }
  child.on('exit', () => (entry.exited = true))
  started.push(entry)
  return entry
}

/** startXvfb starts a private X server and returns its DISPLAY (":N"). */
export async function startXvfb() {
  // -displayfd makes Xvfb pick a free display and write its number to fd 3.
  const child = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
  })
  track('Xvfb', child)
  let stderr = ''
  child.stderr.on('data', (d) => (stderr += d))
  const display = await new Promise((resolve, reject) => {
    let buf = ''
    child.stdio[3].on('data', (d) => {
      buf += d
      if (buf.includes('\n')) resolve(':' + buf.trim())
    })
    child.on('exit', (code) => reject(new Error(`Xvfb exited with ${code}: ${stderr}`)))
  })
  return display
}

/** freePort asks the kernel for a free TCP port on loopback. */
export async function freePort() {
  const srv = net.createServer()
  srv.listen(0, '127.0.0.1')
  await once(srv, 'listening')
  const { port } = srv.address()
  srv.close()
  await once(srv, 'close')
  return port
}

async function waitFor(what, fn, timeoutMs = 30000, everyMs = 100) {
  const deadline = Date.now() + timeoutMs
  let last
  while (Date.now() < deadline) {
    try {
      const v = await fn()
      if (v) return v
    } catch (e) {
      last = e
    }
    await new Promise((r) => setTimeout(r, everyMs))
  }
  throw new Error(`timed out waiting for ${what}${last ? ': ' + last.message : ''}`)
}
export { waitFor }

/**
 * startApp runs a Quire binary on display with its own database and data
 * directory. With dev: true it serves the app to browsers at the returned url.
 */
export async function startApp({ display, dev = true, db, args = [], env = {}, welcome = false }) {
  const home = tempDir('quire-home-')
  const dbPath = db ?? path.join(home, 'quire.db')
  const port = dev ? await freePort() : 0
  const childEnv = {
    ...process.env,
    DISPLAY: display,
    HOME: home,
    XDG_DATA_HOME: path.join(home, 'data'),
    XDG_CONFIG_HOME: path.join(home, 'config'),
    XDG_CACHE_HOME: path.join(home, 'cache'),
    QUIRE_DB: dbPath,
    // No accessibility bus under Xvfb; without this GTK waits for it.
    NO_AT_BRIDGE: '1',
    // A new database starts with a blank editor unless a test asks for the
    // welcome post a person sees on first start.
    QUIRE_WELCOME: welcome ? 'on' : 'off',
    ...env,
  }
  if (dev) {
    // Read by Wails' dev build (see its app_dev.go): serve these assets on this address.
    childEnv.assetdir = path.join(root, 'frontend', 'dist')
    childEnv.devserver = `127.0.0.1:${port}`
    childEnv.loglevel = 'Warning'
  }
  const name = dev ? 'quire-dev' : 'quire'
  // In CI, an app started on a display where another was just stopped has
  // now and then failed to open it ("failed to init GTK"): the X server did
  // not take the connection for a moment. Such a start is tried again; any
  // other failure is reported at once.
  for (let attempt = 1; ; attempt++) {
    const child = spawn(bin(name), args, { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] })
    const entry = track(name, child)
    let log = ''
    child.stdout.on('data', (d) => (log += d))
    child.stderr.on('data', (d) => (log += d))
    const app = { pid: child.pid, dbPath, home, log: () => log, child }
    if (!dev) return app
    app.url = `http://127.0.0.1:${port}/`
    try {
      await waitFor(`${name} to serve ${app.url} (log: ${log.slice(-500)})`, async () => {
        if (entry.exited) throw new Error(`${name} exited: ${log.slice(-2000)}`)
        const res = await fetch(app.url).catch(() => null)
        return res?.ok
      })
      return app
    } catch (e) {
      if (attempt >= 3 || !entry.exited || !log.includes('failed to init GTK')) throw e
      console.error(`harness: ${name} could not open display ${display} (try ${attempt}); starting it again`)
      await new Promise((r) => setTimeout(r, 1000))
    }
  }
}

/** launchBrowser starts Debian's Chromium headless with a fresh profile. */
export async function launchBrowser() {
  const profile = tempDir('quire-chromium-')
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    viewport: { width: 1280, height: 800 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
  started.push({ name: 'chromium', context })
  return context
}

/** openApp starts Xvfb, the dev app and Chromium, and opens the app page. */
export async function openApp(opts = {}) {
  const display = await startXvfb()
  const app = await startApp({ display, ...opts })
  const context = await launchBrowser()
  const page = context.pages()[0] ?? (await context.newPage())
  const problems = []
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`))
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()} ${m.location()?.url ?? ''}`))
  page.on('response', (r) => r.status() >= 400 && problems.push(`HTTP ${r.status()} ${r.url()}`))
  await page.goto(app.url)
  await page.waitForSelector('.cm-content')
  return { display, app, context, page, problems }
}

/**
 * stopAll stops everything the harness started, newest first, by PID. Each
 * step is tried whatever happened to the one before: one that throws must not
 * leave Xvfb or the app running, which kept the test file from ever ending.
 */
export async function stopAll() {
  while (started.length) {
    const s = started.pop()
    try {
      if (s.context) {
        await s.context.close().catch(() => {})
      } else if (s.child && !s.exited) {
        s.child.kill('SIGTERM')
        const gone = await Promise.race([
          once(s.child, 'exit').then(() => true),
          new Promise((r) => setTimeout(() => r(false), 5000)),
        ])
        if (!gone) {
          s.child.kill('SIGKILL')
          await once(s.child, 'exit')
        }
      } else if (s.dir) {
        // The app's WebKit processes outlive it by a moment and may still
        // write into its home folder (seen once: ENOTEMPTY): try again.
        fs.rmSync(s.dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 })
      }
    } catch (e) {
      console.warn(`harness: cleaning up ${s.dir ?? s.name}: ${e.message}`)
    }
  }
}

/** screenshotRoot saves the X root window of display to file (ImageMagick's import). */
export function screenshotRoot(display, file) {
  fs.mkdirSync(path.dirname(file), { recursive: true })
  execFileSync('import', ['-window', 'root', file], { env: { ...process.env, DISPLAY: display } })
  return file
}

/**
 * imageStats returns the standard deviation (0..1) and distinct colours of an
 * image, or of the part of it that crop ("WxH+X+Y") names.
 */
export function imageStats(file, crop) {
  const cut = crop ? ['-crop', crop, '+repage'] : []
  const out = execFileSync('convert', [file, ...cut, '-format', '%[fx:standard_deviation] %k', 'info:']).toString()
  const [sd, colours] = out.trim().split(/\s+/).map(Number)
  return { sd, colours }
}

/**
 * restartApp stops the app of ctx (from openApp) and starts it again on the
 * same database and display, then opens the new address in the same page.
 */
export async function restartApp(ctx, opts = {}) {
  const old = ctx.app
  const entry = started.find((s) => s.child === old.child)
  if (!entry.exited) {
    old.child.kill('SIGTERM')
    await once(old.child, 'exit')
  }
  ctx.app = await startApp({ display: ctx.display, db: old.dbPath, ...opts })
  await ctx.page.goto(ctx.app.url)
  await ctx.page.waitForSelector('.cm-content')
  // The old page lost its connection to the stopped app: expected, not a problem.
  const gone = new URL(old.url).host
  if (ctx.problems) ctx.problems.splice(0, ctx.problems.length, ...ctx.problems.filter((p) => !p.includes(gone)))
  return ctx.app
}

/** editorText returns the editor's whole text (CodeMirror only draws the lines in view). */
export function editorText(page) {
  return page.evaluate(() => window.quire.view.state.doc.toString())
}

/** waitForEditorText waits until the editor's text satisfies test (a RegExp or a function). */
export async function waitForEditorText(page, test, timeoutMs = 10000) {
  const fn = typeof test === 'function' ? test : (t) => test.test(t)
  let last = ''
  try {
    return await waitFor('the editor text', async () => {
      last = await editorText(page)
      return fn(last) ? last : null
    }, timeoutMs, 50)
  } catch (e) {
    throw new Error(`${e.message}; the text was:\n${last}`)
  }
}

/** waitForSaved waits until the save state reads "Saved …". */
export async function waitForSaved(page, timeoutMs = 10000) {
  await page.waitForFunction(() => /^Saved/.test(document.querySelector('#status')?.textContent ?? ''), null, { timeout: timeoutMs })
}
