// Writing tools in a browser against the real app. Replace in All Posts: two posts
// imported with the real command line, Ctrl+Shift+R lists every match with
// its post and line, one match is unticked, Replace saves each changed post
// once (one new revision each, read back with `quire history`), and the open
// post reloads; an invalid regular expression is an error naming it. Help ›
// Keyboard Shortcuts lists the shortcuts and Esc closes it.
import { test, after, before } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { bin, editorText, openApp, restartApp, stopAll, tempDir, waitFor, waitForEditorText, waitForSaved } from '../lib/harness.mjs'

const posts = {
  alpha: '---\ntitle: Alpha\ndate: 2024-01-02\n---\nKubernetes runs here.\n\nMore Kubernetes later.\n',
  beta: '---\ntitle: Beta\ndate: 2024-01-01\n---\nWe like kubernetes.\n',
}

let ctx
let db
const quire = (...args) => execFileSync(bin('quire'), ['--db', db, ...args], { encoding: 'utf8' })
const body = (slug) => quire('show', slug).split('\n---\n').slice(1).join('\n---\n')
const revisions = (slug) => JSON.parse(quire('history', slug, '--json'))

before(async () => {
  const dir = tempDir('quire-replace-')
  const src = path.join(dir, 'posts')
  fs.mkdirSync(src)
  for (const [slug, text] of Object.entries(posts)) fs.writeFileSync(path.join(src, `${slug}.md`), text)
  db = path.join(dir, 'quire.db')
  quire('import', src)
  ctx = await openApp({ db })
  // Open Alpha, so the test can see the open post follow the replace.
  await ctx.page.click('.lib-item:has-text("Alpha")')
  await waitForEditorText(ctx.page, /Kubernetes runs here/)
})
after(stopAll)

test('an invalid regular expression is an error naming it', async () => {
  const { page } = ctx
  await page.click('.cm-content')
  await page.keyboard.press('Control+Shift+R')
  await page.waitForSelector('.replace-all #ra-find:focus', { timeout: 15000 })
  await page.check('#ra-regex')
  await page.fill('#ra-find', 'Kube(')
  await page.waitForSelector('#ra-error:not([hidden])', { timeout: 15000 })
  const msg = await page.textContent('#ra-error')
  assert.match(msg, /invalid regular expression "Kube\("/)
  assert.equal(await page.isDisabled('#ra-apply'), true)
  await page.keyboard.press('Escape')
  await page.waitForSelector('.replace-all', { state: 'detached', timeout: 15000 })
  assert.equal(body('alpha'), posts.alpha.split('\n---\n')[1])
})

test('replaces across two posts, leaving an unticked match', async () => {
  const { page } = ctx
  const before = { alpha: revisions('alpha').length, beta: revisions('beta').length }
  await page.click('.cm-content')
  await page.keyboard.press('Control+Shift+R')
  await page.waitForSelector('.replace-all #ra-find:focus', { timeout: 15000 })
  assert.equal(await page.isChecked('#ra-regex'), false)
  await page.fill('#ra-find', 'kubernetes')
  await page.fill('#ra-replacement', 'K8s')
  await page.waitForFunction(() => document.querySelector('#ra-summary')?.textContent === '3 matches in 2 posts', null, { timeout: 15000 })
  // Each match with its post and line; the file's lines, front matter included.
  const rows = await page.$$eval('.ra-post', (els) => els.map((p) => ({
    post: p.querySelector('h3').textContent,
    lines: [...p.querySelectorAll('.ra-match')].map((m) => `${m.querySelector('.ra-line').textContent}: ${m.querySelector('.ra-context').textContent}`),
  })))
  // The lines are the file's as the editor shows it (Alpha is open), front matter included.
  const shown = (await editorText(page)).split('\n')
  const lineOf = (text) => shown.indexOf(text) + 1
  assert.equal(rows.length, 2)
  assert.match(rows[0].post, /^Alpha alpha$/)
  assert.equal(rows[0].lines.length, 2)
  assert.equal(rows[0].lines[0], `${lineOf('Kubernetes runs here.')}: KubernetesK8s runs here.`)
  assert.equal(rows[0].lines[1], `${lineOf('More Kubernetes later.')}: More KubernetesK8s later.`)
  assert.ok(lineOf('Kubernetes runs here.') > 3)
  assert.deepEqual(rows[1], { post: 'Beta beta', lines: [rows[1].lines[0]] })
  assert.match(rows[1].lines[0], /: We like kubernetesK8s\.$/)
  // Untick Alpha's second match.
  await page.uncheck('.ra-match[data-index="1"] input')
  await page.waitForFunction(() => document.querySelector('#ra-apply')?.textContent === 'Replace 2 matches', null, { timeout: 15000 })
  await page.click('#ra-apply')
  await page.waitForSelector('.replace-all', { state: 'detached', timeout: 15000 })
  await page.waitForSelector('#error[data-kind="info"]:has-text("Replaced 2 matches in 2 posts")', { timeout: 15000 })

  assert.equal(body('alpha'), 'K8s runs here.\n\nMore Kubernetes later.\n')
  assert.equal(body('beta'), 'We like K8s.\n')
  const after = { alpha: revisions('alpha'), beta: revisions('beta') }
  assert.equal(after.alpha.length, before.alpha + 1)
  assert.equal(after.beta.length, before.beta + 1)
  // The open post shows the replaced text.
  await waitForEditorText(page, /K8s runs here\.\n\nMore Kubernetes later\./, 15000)
  assert.deepEqual(ctx.problems, [])
})

test('History undoes the replace', async () => {
  const { page } = ctx
  const [now, prev] = revisions('alpha') // newest first
  await page.keyboard.press('Control+Shift+H')
  await page.click(`#history-panel .rev[data-rev="${prev.rev}"] .rev-open`, { timeout: 15000 })
  await page.click('#history-panel .rev-restore', { timeout: 15000 })
  await waitForEditorText(page, /^Kubernetes runs here\.$/m, 15000)
  await waitFor('the restore to be saved', () => revisions('alpha')[0].rev > now.rev, 15000)
  assert.equal(body('alpha'), posts.alpha.split('\n---\n')[1])
  assert.deepEqual(ctx.problems, [])
})

test('Help › Keyboard Shortcuts lists the shortcuts; Esc closes it', async () => {
  const { page } = ctx
  await page.click('.cm-content')
  await page.keyboard.press('Control+/')
  await page.waitForSelector('.shortcuts-dialog', { timeout: 15000 })
  const rows = await page.$$eval('.shortcuts-dialog tr', (trs) => trs.map((tr) => `${tr.querySelector('kbd').textContent} ${tr.querySelector('td').textContent}`))
  for (const want of ['Ctrl+Shift+R Replace in all posts', 'Ctrl+Shift+O Outline', 'Ctrl+B Bold', 'Ctrl+/ Keyboard shortcuts']) assert.ok(rows.includes(want), want)
  // The doc text is untouched: Ctrl+/ is the window's, not the editor's comment toggle.
  assert.doesNotMatch(await editorText(page), /<!--/)
  await page.keyboard.press('Escape')
  await page.waitForSelector('.shortcuts-dialog', { state: 'detached', timeout: 15000 })
  await waitFor('the editor to have the keyboard again', () => page.evaluate(() => window.quire.view.hasFocus), 15000)
  assert.deepEqual(ctx.problems, [])
})

/** caretOffCentre is how far the caret's line is from the middle of the editor, as a share of its height. */
const caretOffCentre = (page) => page.evaluate(() => {
  const { view } = window.quire
  const box = view.scrollDOM.getBoundingClientRect()
  const at = view.coordsAtPos(view.state.selection.main.head)
  return at ? Math.abs((at.top + at.bottom) / 2 - (box.top + box.bottom) / 2) / box.height : 1
})

test('Focus mode keeps the line being written in the middle, the word count in sight', async () => {
  const { page } = ctx
  await page.click('.cm-content')
  await page.keyboard.press('Control+End')
  await page.keyboard.insertText(Array.from({ length: 80 }, (_, i) => `\nLine ${i} of a long draft.`).join(''))
  await page.keyboard.press('Control+Shift+F')
  await page.waitForSelector('#app.focus', { timeout: 15000 })
  // The status bar stays, with the word count.
  await page.waitForSelector('#statusbar:visible', { timeout: 15000 })
  assert.match(await page.textContent('#statusbar'), /\d+ words/)
  // Writing at the end and then near the top: each time the line comes to the middle.
  await page.keyboard.type(' More.')
  await waitFor('the last line in the middle', async () => (await caretOffCentre(page)) < 0.1, 15000, 50)
  await page.keyboard.press('Control+Home')
  await page.keyboard.press('ArrowDown')
  await page.keyboard.press('ArrowDown')
  await waitFor('a line near the top in the middle', async () => (await caretOffCentre(page)) < 0.1, 15000, 50)
  await page.keyboard.press('Escape')
  await page.waitForSelector('#app:not(.focus)', { timeout: 15000 })
})

test('View › Vim Keys: normal mode edits, kept after a restart', async () => {
  const { page } = ctx
  await page.evaluate(() => window.quire.run('toggle-vim'))
  await page.waitForSelector('#error:has-text("Vim keys on")', { timeout: 15000 })
  await page.waitForSelector('.cm-vim-panel', { state: 'attached', timeout: 15000 })
  await page.click('.cm-content')
  await page.keyboard.press('Control+End')
  await page.keyboard.insertText('\nvim test line')
  await waitForEditorText(page, /\nvim test line$/, 15000)
  // Esc to normal mode, 0 to the line's start, dw deletes a word.
  await page.keyboard.press('Escape')
  await page.keyboard.type('0dw')
  await waitForEditorText(page, /\ntest line$/, 15000)
  // In Focus mode Esc is Vim's while it leaves insert mode.
  await page.keyboard.press('Control+Shift+F')
  await page.waitForSelector('#app.focus', { timeout: 15000 })
  await page.keyboard.type('A!')
  await waitForEditorText(page, /\ntest line!$/, 15000)
  await page.keyboard.press('Escape')
  await page.keyboard.type('x')
  await waitForEditorText(page, /\ntest line$/, 15000)
  // :w saves a revision of its own, as Ctrl+S does.
  const top = revisions('alpha')[0]
  await page.keyboard.type(':w')
  await page.keyboard.press('Enter')
  await waitFor(':w to save a revision', () => {
    const now = revisions('alpha')[0]
    return now.rev > top.rev && now.kind === 'save'
  }, 15000)
  assert.match(body('alpha'), /\ntest line\n?$/)
  assert.equal(await page.evaluate(() => document.getElementById('app').classList.contains('focus')), true)
  await page.keyboard.press('Escape')
  await page.waitForSelector('#app:not(.focus)', { timeout: 15000 })
  await waitForSaved(page, 15000)
  await restartApp(ctx)
  await page.waitForSelector('.cm-vim-panel', { state: 'attached', timeout: 15000 })
  await page.evaluate(() => window.quire.run('toggle-vim'))
  await page.waitForSelector('.cm-vim-panel', { state: 'detached', timeout: 15000 })
  assert.deepEqual(ctx.problems, [])
})
