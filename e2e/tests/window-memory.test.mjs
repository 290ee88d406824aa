// The window's memory: the production app in a real window under Xvfb must
// not load Mesa's OpenGL driver (and with it LLVM, about 26 MB) in its own
// process; only the web process needs an EGL display (app/lowmem_linux.go).
import { test, after } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import { startApp, startXvfb, stopAll, waitFor } from '../lib/harness.mjs'

after(stopAll)

const children = (pid) => fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map(Number).filter((p) => {
  try {
    const stat = fs.readFileSync(`/proc/${p}/stat`, 'utf8')
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid
  } catch {
    return false
  }
})
const mapsDriver = (pid) => fs.readFileSync(`/proc/${pid}/maps`, 'utf8').split('\n').filter((l) => /libLLVM|_dri\.so/.test(l))

test('the window process loads no OpenGL driver (Mesa, LLVM); its WebKit processes inherit the settings', async () => {
  const display = await startXvfb()
  const app = await startApp({ display, dev: false, env: { QUIRE_TRACE_STARTUP: '1' } })
  await waitFor('the window to report it is editable', () => /editable after/.test(app.log()), 30000, 50)
  const kids = children(app.pid).map((pid) => ({ pid, name: fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim() }))
  assert.ok(kids.some((k) => k.name.startsWith('WebKitWebProces')), `a web process among ${JSON.stringify(kids)}`)
  assert.deepEqual(mapsDriver(app.pid), [], 'the app process maps no Mesa driver or LLVM')
  const env = fs.readFileSync(`/proc/${kids[0].pid}/environ`, 'utf8').split('\0')
  assert.ok(env.includes('WEBKIT_DISABLE_DMABUF_RENDERER=1'), 'the WebKit processes inherit the settings')
})
