// What a writer types is never lost and the keyboard is never left nowhere:
// typing a sentence and at once clicking another post (fast, at 50 ms a key,
// on a slowed-down machine), then coming back finds every word, in the
// editor and in the database; after quick open, the settings panel or a
// dialog, typing lands in the editor where the caret was.
import { test, after, before } from 'node:test'
import assert from 'node:assert/strict'
import { editorText, openApp, stopAll, waitFor, waitForEditorText, waitForSaved } from '../lib/harness.mjs'

let ctx
const ids = {}
before(async () => {
  ctx = await openApp()
  const { page } = ctx
  // Three posts made through the app's own bound methods, then a fresh page
  // so the library lists them.
  for (const title of ['Alpha', 'Bravo', 'Charlie']) {
    ids[title] = await page.evaluate(async (title) => {
      const o = await window.go.app.Posts.Create(title)
      const text = o.text.replace(/\n*$/, `\n\nThe ${title} post begins here.\n`)
      await window.go.app.Posts.Save({ id: o.id, revision: o.revision, text, explicit: false })
      return o.id
    }, title)
  }
  await page.reload()
  await page.waitForSelector('.cm-content')
  await page.waitForFunction(() => document.querySelectorAll('.lib-item:not(.placeholder)').length === 3)
})
after(stopAll)

/** savedText reads a post's text from the database through the app's API. */
const savedText = (page, id) => page.evaluate(async (id) => (await window.go.app.Posts.Open(id)).text, id)
const item = (page, title) => page.locator('.lib-item', { has: page.locator('.lib-title', { hasText: new RegExp(`^${title}$`) }) })

async function openFromLibrary(page, title) {
  await item(page, title).click()
  await waitForEditorText(page, new RegExp(`title: ${title}\\n`), 20000)
}

/**
 * typeThenSwitch types sentence at the end of post from (delay ms a key) and
 * clicks post to while the keys are still coming (once the first word is in
 * when typing slowly).
 */
async function typeThenSwitch(page, from, to, sentence, delay) {
  await openFromLibrary(page, from)
  await page.click('.cm-content')
  await page.keyboard.press('Control+End')
  const typing = page.keyboard.type(sentence, { delay })
  // Fast typing: the click goes out at once, among the keys.
  if (delay) await waitForEditorText(page, (t) => t.includes(sentence.split(' ')[0]), 20000)
  await item(page, to).click()
  await typing
  await waitForEditorText(page, new RegExp(`title: ${to}\\n`), 20000)
  await waitForSaved(page, 20000)
}

async function expectKept(page, title, sentence) {
  await waitFor(`${title} saved with the whole sentence`, async () => (await savedText(page, ids[title])).includes(sentence), 20000)
  await openFromLibrary(page, title)
  assert.ok((await editorText(page)).includes(sentence), `the editor of ${title} has the whole sentence`)
  for (const other of Object.keys(ids).filter((t) => t !== title)) {
    assert.ok(!(await savedText(page, ids[other])).includes(sentence.split(' ')[1]), `nothing of it went into ${other}`)
  }
}

test('a sentence typed at 50 ms a key, then another post clicked: every word is kept', async () => {
  const { page } = ctx
  const sentence = 'Zebra one two three four five six seven eight nine ten.'
  await typeThenSwitch(page, 'Alpha', 'Bravo', sentence, 50)
  await expectKept(page, 'Alpha', sentence)
})

test('typing on a slowed-down machine, then another post clicked: every word is kept', async () => {
  const { page } = ctx
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 6 })
  try {
    const sentence = 'Yak eleven twelve thirteen fourteen fifteen sixteen.'
    await typeThenSwitch(page, 'Bravo', 'Charlie', sentence, 50)
    await expectKept(page, 'Bravo', sentence)
    // Typing done first, then the click at once.
    await openFromLibrary(page, 'Charlie')
    await page.click('.cm-content')
    await page.keyboard.press('Control+End')
    const more = 'Xerus twenty thirty forty fifty.'
    await page.keyboard.type(more)
    await item(page, 'Alpha').click()
    await waitForEditorText(page, /title: Alpha\n/, 20000)
    await expectKept(page, 'Charlie', more)
  } finally {
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 })
    await cdp.detach()
  }
})

/** typedLands types a marker and waits until the editor holds it. */
async function typedLands(page, marker) {
  await page.keyboard.type(marker)
  await waitForEditorText(page, (t) => t.includes(marker))
}

test('after quick open the keyboard is in the editor of the post opened', async () => {
  const { page } = ctx
  await openFromLibrary(page, 'Alpha')
  await page.click('.cm-content')
  await page.keyboard.press('Control+P')
  await page.waitForSelector('.qo-input:focus')
  await page.keyboard.type('brav')
  await page.waitForSelector('.qo-list li.active:text("Bravo")')
  await page.keyboard.press('Enter')
  await waitForEditorText(page, /title: Bravo\n/)
  await typedLands(page, 'QOMARK')
  await waitFor('Bravo saved with the marker', async () => (await savedText(page, ids.Bravo)).includes('QOMARK'), 20000)
})

test('closing Post settings (Ctrl+, and Esc) or a dialog puts the keyboard back at the caret', async () => {
  const { page } = ctx
  await openFromLibrary(page, 'Charlie')
  await page.click('.cm-content')
  await page.keyboard.press('Control+End')
  const caret = async () => page.evaluate(() => window.quire.view.state.selection.main.head)
  const end = await caret()
  // Ctrl+, opens the settings; a click into its title field; Ctrl+, closes it.
  await page.keyboard.press('Control+Comma')
  await page.click('#field-title')
  await page.keyboard.press('Control+Comma')
  await page.waitForFunction(() => document.querySelector('#app').dataset.panel === '')
  await typedLands(page, 'S1')
  assert.equal(await caret(), end + 2, 'typed at the caret, not elsewhere')
  // Esc closes it too.
  await page.keyboard.press('Control+Comma')
  await page.click('#field-title')
  await page.keyboard.press('Escape')
  await page.waitForFunction(() => document.querySelector('#app').dataset.panel === '')
  await typedLands(page, 'S2')
  assert.match(await editorText(page), /S1S2$/)
  // A dialog (About, from the menu command) closed with Esc.
  await page.evaluate(() => window.runtime.EventsEmit('menu', 'about'))
  await page.waitForSelector('.overlay button:focus')
  await page.keyboard.press('Escape')
  await page.waitForFunction(() => !document.querySelector('.overlay'))
  await typedLands(page, 'S3')
  assert.match(await editorText(page), /S1S2S3$/)
})

test('split view with the library hidden shows the editor on the left and the preview on the right', async () => {
  const { page } = ctx
  await openFromLibrary(page, 'Alpha')
  await page.click('.cm-content')
  const box = (sel) => page.evaluate((sel) => {
    const r = document.querySelector(sel).getBoundingClientRect()
    return { left: r.left, right: r.right, width: r.width }
  }, sel)
  const check = async (when) => {
    const ed = await box('#editor')
    const pv = await box('.preview-pane')
    const win = await page.evaluate(() => window.innerWidth)
    assert.ok(ed.width > win / 4, `${when}: the editor is ${ed.width}px wide in a ${win}px window`)
    assert.ok(pv.width > win / 4, `${when}: the preview is ${pv.width}px wide`)
    assert.ok(ed.right <= pv.left, `${when}: the editor is left of the preview`)
    assert.ok(await page.isVisible('.cm-content'), `${when}: the editor's text is shown`)
  }
  await page.keyboard.press('Control+2')
  await page.waitForFunction(() => document.querySelector('#app').dataset.mode === 'split')
  await check('split')
  await page.keyboard.press('Control+Shift+L')
  await page.waitForFunction(() => document.querySelector('#app').classList.contains('no-library'))
  await check('split, library hidden')
  await page.keyboard.press('Control+1')
  await page.keyboard.press('Control+2')
  await page.waitForFunction(() => document.querySelector('#app').dataset.mode === 'split')
  await check('split again, library hidden')
  // The keyboard stayed in the editor through all of it.
  await typedLands(page, 'SPLITMARK')
  await page.keyboard.press('Control+Shift+L')
  await page.waitForFunction(() => !document.querySelector('#app').classList.contains('no-library'))
  await check('split, library shown')
})
