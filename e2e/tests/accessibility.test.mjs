// Keyboard and screen readers, in Chromium against the real app: axe-core
// finds no serious or critical violation in the main window, each dialog and
// panel, and the pages of a real export of the testdata posts, in the light
// and the dark theme; Esc closes each dialog and panel; the library is one
// Tab stop moved through with the arrow keys, Home, End and Enter; every
// toolbar control is reached with Tab and shows a focus ring. View › Theme:
// Dark holds whatever the system prefers, is kept, and is on the page before
// it paints.
import { test, after, before } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import http from 'node:http'
import { once } from 'node:events'
import path from 'node:path'
import { bin, editorText, fixture, openApp, restartApp, stopAll, tempDir, waitFor, waitForEditorText } from '../lib/harness.mjs'
import { axeViolations, describeViolations } from '../lib/axe.mjs'

const T = { timeout: 15000 }
let ctx
let db
let site
const servers = []
const quire = (...args) => execFileSync(bin('quire'), ['--db', db, ...args], { encoding: 'utf8' })

/** serveDir serves a folder over http on loopback (the exported site, as a host would). */
async function serveDir(dir) {
  const types = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.xml': 'application/xml', '.js': 'text/javascript', '.svg': 'image/svg+xml', '.png': 'image/png' }
  const srv = http.createServer((req, res) => {
    let p = decodeURIComponent(new URL(req.url, 'http://x').pathname)
    let file = path.join(dir, p)
    if (!file.startsWith(dir)) return res.writeHead(403).end()
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html')
    if (!fs.existsSync(file)) return res.writeHead(404).end('not found')
    res.writeHead(200, { 'Content-Type': types[path.extname(file)] ?? 'application/octet-stream' })
    res.end(fs.readFileSync(file))
  })
  srv.listen(0, '127.0.0.1')
  await once(srv, 'listening')
  servers.push(srv)
  return `http://127.0.0.1:${srv.address().port}`
}

before(async () => {
  const dir = tempDir('quire-a11y-')
  const src = path.join(dir, 'posts')
  fs.mkdirSync(src)
  fs.copyFileSync(fixture('kubecon-2017-austin-summary.md'), path.join(src, 'kubecon-2017-austin-summary.md'))
  for (const f of fs.readdirSync(fixture('frontmatter'))) fs.copyFileSync(path.join(fixture('frontmatter'), f), path.join(src, f))
  db = path.join(dir, 'quire.db')
  quire('import', src)
  const out = path.join(dir, 'site')
  quire('export', '--out', out, '--drafts')
  site = { dir: out, url: await serveDir(out) }
  ctx = await openApp({ db })
  await ctx.page.click('.lib-item:has-text("KubeCon")')
  await waitForEditorText(ctx.page, /KubeCon/)
})
after(async () => {
  for (const s of servers) s.close()
  await stopAll()
})

/** check asserts that axe finds nothing serious in the page (or within selector). */
async function check(page, what, selector) {
  const v = await axeViolations(page, selector)
  assert.equal(v.length, 0, describeViolations(what, v))
}

/** inEditor puts the keyboard in the editor, where the writer is when a shortcut is pressed. */
async function inEditor(page) {
  await page.click('.cm-content')
  await page.waitForSelector('.cm-editor.cm-focused', T)
}

/** titleIs waits until the toolbar shows the post titled t. */
async function titleIs(page, t) {
  try {
    await page.waitForFunction((t) => document.getElementById('doc-title')?.textContent === t, t, T)
  } catch (e) {
    throw new Error(`the toolbar title is ${JSON.stringify(await page.textContent("#doc-title"))}, not ${JSON.stringify(t)}: ${e.message}; page problems: ${ctx.problems.join("; ")}; editor: ${(await editorText(page)).slice(0, 80)}`)
  }
}

/** gone waits until no element matches selector (or it is hidden). */
const gone = (page, selector) => page.waitForSelector(selector, { state: 'hidden', ...T })

// Each dialog and panel: how to open it with the keyboard, what shows it,
// and what must be gone once Esc is pressed.
const surfaces = [
  { name: 'Post settings', keys: 'Control+,', shown: '#settings-panel #field-title', closed: '#settings-panel' },
  { name: 'History', keys: 'Control+Shift+H', shown: '#history-panel .rev-list', closed: '#history-panel' },
  { name: 'Media', keys: 'Control+Shift+M', shown: '#media-panel .media-head', closed: '#media-panel' },
  { name: 'Quick open', keys: 'Control+P', shown: '.quick-open .qo-list li', closed: '.quick-open' },
  { name: 'Find and replace', keys: 'Control+H', shown: '.cm-search [name=replace]', closed: '.cm-search' },
  { name: 'Replace in All Posts', keys: 'Control+Shift+R', shown: '.replace-all #ra-find:focus', closed: '.replace-all', fill: async (page) => {
    await page.fill('#ra-find', 'the')
    await page.waitForSelector('.ra-match', T)
  } },
  { name: 'Keyboard Shortcuts', keys: 'Control+/', shown: '.shortcuts-dialog', closed: '.shortcuts-dialog' },
  { name: 'Export', keys: 'Control+Shift+E', shown: '.export-dialog', closed: '.export-dialog' },
  { name: 'Outline', keys: 'Control+Shift+O', shown: '.outline:not([hidden]) .outline-item', closed: '.outline' },
  { name: 'About (a confirm dialog)', run: 'about', shown: '.overlay [data-choice=ok]', closed: '.overlay' },
]

for (const scheme of ['light', 'dark']) {
  test(`axe: the main window, each dialog and panel, ${scheme} theme`, async () => {
    const { page } = ctx
    await page.emulateMedia({ colorScheme: scheme })
    await page.waitForFunction((s) => document.documentElement.dataset.theme === s, scheme, T)
    await inEditor(page)
    await check(page, `main window (${scheme})`)
    for (const s of surfaces) {
      await inEditor(page)
      if (s.run) await page.evaluate((c) => window.quire.run(c), s.run)
      else await page.keyboard.press(s.keys)
      await page.waitForSelector(s.shown, T)
      if (s.fill) await s.fill(page)
      await check(page, `${s.name} (${scheme})`)
      await page.keyboard.press('Escape')
      await gone(page, s.closed)
    }
    // The trash: its rows and their buttons.
    await page.evaluate(() => window.quire.run('trash'))
    await page.waitForSelector('.library.showing-trash', T)
    await check(page, `the trash (${scheme})`)
    await page.click('.lib-trash')
    await page.waitForSelector('.library:not(.showing-trash) .lib-item', T)
  })
}

test('Esc closes the recovery and conflict kind of dialog, and the focus returns to the editor', async () => {
  const { page } = ctx
  await inEditor(page)
  await page.evaluate(() => window.quire.run('about'))
  await page.waitForSelector('.overlay[role=dialog][aria-modal=true]', T)
  const label = await page.$eval('.overlay', (o) => document.getElementById(o.getAttribute('aria-labelledby'))?.textContent)
  assert.equal(label, 'Quire')
  await page.keyboard.press('Escape')
  await gone(page, '.overlay')
  await page.waitForSelector('.cm-editor.cm-focused', T)
})

test('the library: one Tab stop, arrow keys, Home, End and Enter', async () => {
  const { page } = ctx
  await page.focus('.lib-search')
  // Tab from the search box reaches the list after the filters.
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press('Tab')
    if (await page.evaluate(() => document.activeElement?.classList.contains('lib-rows'))) break
  }
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('role')), 'listbox')
  const active = () => page.evaluate(() => {
    const rows = document.activeElement
    const id = rows.getAttribute('aria-activedescendant')
    const el = id && document.getElementById(id)
    return el ? { title: el.querySelector('.lib-title').textContent, pos: el.getAttribute('aria-posinset'), role: el.getAttribute('role'), ring: getComputedStyle(el).outlineStyle } : null
  })
  const total = await page.$$eval('.lib-rows [role=option]', (els) => els.length)
  assert.equal(total, 4)
  await page.keyboard.press('Home')
  assert.equal((await active()).pos, '1')
  await page.keyboard.press('End')
  assert.deepEqual(await active().then((a) => [a.pos, a.role, a.ring]), ['4', 'option', 'solid'])
  await page.keyboard.press('ArrowUp')
  const target = await active()
  assert.equal(target.pos, '3')
  await page.keyboard.press('Enter')
  await titleIs(page, target.title)
  assert.ok((await editorText(page)).length > 0)
  // The list keeps its row: Down then Up comes back to it.
  await page.keyboard.press('ArrowDown')
  await page.keyboard.press('ArrowUp')
  assert.equal((await active()).title, target.title)
})

test('every toolbar control is reached with Tab and shows a focus ring; the editor too', async () => {
  const { page } = ctx
  await page.focus('[data-command=toggle-library]')
  const seen = []
  for (let i = 0; i < 40; i++) {
    const a = await page.evaluate(() => {
      const el = document.activeElement
      const cs = getComputedStyle(el)
      return { name: el.getAttribute('aria-label') || el.textContent.trim().slice(0, 20), tag: el.tagName, cls: el.className, ring: cs.outlineStyle !== 'none' && cs.outlineWidth !== '0px' }
    })
    seen.push(a)
    if (a.cls.includes('cm-content')) break
    await page.keyboard.press('Tab')
  }
  const names = seen.map((s) => s.name)
  for (const want of ['Library', 'Write', 'Split', 'Preview', 'Post', 'History', 'Media', 'Export', 'Publish', 'Search posts', 'New']) {
    assert.ok(names.includes(want), `Tab did not reach ${want}: ${names.join(', ')}`)
  }
  assert.ok(seen.some((s) => s.cls.includes('lib-rows')), 'Tab did not reach the post list')
  assert.ok(seen.at(-1).cls.includes('cm-content'), `Tab did not reach the editor: ${names.join(', ')}`)
  await page.waitForSelector('.cm-editor.cm-focused', T)
  const noRing = seen.filter((s) => s.tag === 'BUTTON' && !s.ring).map((s) => s.name)
  assert.deepEqual(noRing, [], 'buttons without a focus ring')
  const editorRing = await page.$eval('.cm-editor', (e) => e.classList.contains('cm-focused') && getComputedStyle(e).outlineStyle !== 'none')
  assert.equal(editorRing, true, 'the focused editor shows a ring')
  // The icon button says what it is.
  assert.equal(await page.getAttribute('[data-command=toggle-library]', 'aria-label'), 'Library')
})

/** exportedPage is the path of the exported page whose <h1> is title. */
function exportedPage(title) {
  const file = execFileSync('grep', ['-rlF', '--include=index.html', `>${title}</h1>`, site.dir], { encoding: 'utf8' }).trim().split('\n')[0]
  assert.ok(file, `the export has the page of ${title}`)
  return '/' + path.relative(site.dir, file)
}

for (const scheme of ['light', 'dark']) {
  test(`axe: the exported home, post and tag pages, ${scheme} theme`, async () => {
    const page = await ctx.context.newPage()
    try {
      await page.emulateMedia({ colorScheme: scheme })
      const tagIndex = fs.readdirSync(path.join(site.dir, 'tags'), { recursive: true }).find((f) => f.endsWith('index.html') && f !== 'index.html')
      assert.ok(tagIndex, 'the export has a tag page')
      const pages = [['home', '/'], ['post', exportedPage('A TOML post')], ['tag', `/tags/${tagIndex}`], ['sample post', exportedPage('KubeCon 2017 Austin Summary')]]
      for (const [what, rel] of pages) {
        const res = await page.goto(site.url + rel)
        assert.equal(res.status(), 200, `${what} page ${rel}`)
        // The stylesheet applied, in the scheme asked for.
        const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor)
        assert.notEqual(bg, 'rgba(0, 0, 0, 0)', `${what} page is styled`)
        assert.equal(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches), scheme === 'dark')
        let v = await axeViolations(page)
        if (what === 'sample post') {
          // The export publishes the writer's HTML as written: the sample
          // post's own <iframe> embeds have no title. What Quire writes
          // around them must still pass.
          const authored = await page.$$eval('main iframe:not([title])', (els) => els.length)
          assert.ok(authored > 0)
          v = v.filter((x) => !(x.id === 'frame-title' && x.nodes.every((n) => /^iframe/.test(n))))
        }
        assert.equal(v.length, 0, describeViolations(`exported ${what} page ${rel} (${scheme})`, v))
      }
    } finally {
      await page.close()
    }
  })
}

test('View › Theme: Dark holds in a light system, is kept, and is there before the page paints', async () => {
  const { page } = ctx
  await page.emulateMedia({ colorScheme: 'light' })
  await page.evaluate(() => window.quire.run('theme-dark'))
  await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark', null, T)
  const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor)
  assert.equal(bg, 'rgb(13, 17, 23)')
  // The preview's page too (its stylesheet asks prefers-color-scheme, which a frame answers for the system).
  const previewDark = () => page.waitForFunction(() => getComputedStyle(document.getElementById('preview').contentDocument?.body ?? document.body).backgroundColor === 'rgb(15, 18, 22)', null, T)
  await previewDark()
  await check(page, 'main window, Dark chosen in a light system')
  // Kept: the setting reaches the database (saved a moment later).
  await waitFor('the theme setting', () => page.evaluate(() => fetch('/quire-theme.js').then((r) => r.text())).then((t) => t.includes('})("dark", ')), 15000)
  // At the next start the page is dark as soon as its body exists, before
  // main.ts runs (a second page, so the probe stays out of the app's own).
  await restartApp(ctx, {})
  await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark', null, T)
  await previewDark()
  const probe = await ctx.context.newPage()
  try {
    await probe.addInitScript(() => {
      if (window !== window.top) return
      new MutationObserver((_, obs) => {
        if (document.body) {
          window.__themeAtBody = document.documentElement.dataset.theme ?? 'none'
          obs.disconnect()
        }
      }).observe(document, { childList: true, subtree: true })
    })
    await probe.goto(ctx.app.url)
    await probe.waitForSelector('.cm-content', T)
    assert.equal(await probe.evaluate(() => window.__themeAtBody), 'dark')
  } finally {
    await probe.close()
  }
  // Ctrl+Shift+T goes on to System, which follows the system again.
  await inEditor(page)
  await page.keyboard.press('Control+Shift+T')
  await page.waitForFunction(() => document.documentElement.dataset.themeChoice === 'system' && document.documentElement.dataset.theme === 'light', null, T)
  await page.emulateMedia({ colorScheme: 'dark' })
  await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark', null, T)
  await page.emulateMedia({ colorScheme: 'light' })
})

test('a match in Replace in All Posts opens its post with the match selected', async () => {
  const { page } = ctx
  await page.click('.lib-item:has-text("A TOML post")')
  await waitForEditorText(page, /title = 'A TOML post'/)
  await inEditor(page)
  await page.keyboard.press('Control+Shift+R')
  await page.waitForSelector('.replace-all #ra-find:focus', T)
  await page.fill('#ra-find', 'communication stickers')
  await page.waitForSelector('.ra-post .ra-open', T)
  const line = Number(await page.textContent('.ra-post .ra-open .ra-line'))
  await page.click('.ra-post .ra-open')
  await gone(page, '.replace-all')
  await titleIs(page, 'KubeCon 2017 Austin Summary')
  await page.waitForFunction(() => {
    const v = window.quire.view
    const s = v.state.selection.main
    return v.hasFocus && v.state.sliceDoc(s.from, s.to).toLowerCase() === 'communication stickers'
  }, null, T)
  const at = await page.evaluate(() => {
    const v = window.quire.view
    const s = v.state.selection.main
    const r = v.coordsAtPos(s.from)
    const box = v.scrollDOM.getBoundingClientRect()
    return { line: v.state.doc.lineAt(s.from).number, inView: !!r && r.top >= box.top && r.bottom <= box.bottom }
  })
  assert.deepEqual(at, { line, inView: true })
  // Back in the dialog, the search is where it was.
  await page.keyboard.press('Control+Shift+R')
  await page.waitForSelector('.replace-all #ra-find:focus', T)
  assert.equal(await page.inputValue('#ra-find'), 'communication stickers')
  await page.keyboard.press('Escape')
  await gone(page, '.replace-all')
})
