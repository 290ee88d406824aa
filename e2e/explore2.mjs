import { spawn, execFile, execFileSync } from 'node:child_process'
import { promisify } from 'node:util'
import fs from 'node:fs'
import path from 'node:path'
import { startXvfb, stopAll, waitFor, outDir, bin, tempDir, freePort } from './lib/harness.mjs'
const run = promisify(execFile)
const display = await startXvfb()
const env = { ...process.env, DISPLAY: display }
const wm = spawn('openbox', [], { env, stdio: 'ignore' })
const xdo = (...a) => run('xdotool', a, { env })
const home = tempDir('probe-')
const extra = JSON.parse(process.argv[2] || '{}')
if (extra.ini) { fs.mkdirSync(path.join(home, 'config', 'gtk-3.0'), { recursive: true }); fs.writeFileSync(path.join(home, 'config', 'gtk-3.0', 'settings.ini'), extra.ini); delete extra.ini }
const port = await freePort()
const child = spawn(bin('quire-dev'), [], { env: { ...env, HOME: home, XDG_CONFIG_HOME: path.join(home, 'config'), XDG_DATA_HOME: path.join(home, 'data'), QUIRE_DB: path.join(home, 'q.db'), NO_AT_BRIDGE: '1', assetdir: '/tmp/t19probe', devserver: `127.0.0.1:${port}`, ...extra }, stdio: 'ignore' })
const win = await waitFor('win', async () => {
  const { stdout } = await xdo('search', '--onlyvisible', '--name', 'Quire').catch(() => ({ stdout: '' }))
  return stdout.trim().split('\n')[0]
})
await new Promise((r) => setTimeout(r, 4000))
const file = `${outDir}/probe.png`
execFileSync('import', ['-window', 'root', file], { env })
console.log(JSON.stringify(extra), execFileSync('convert', [file, '-format', `%[pixel:p{600,500}]`, 'info:']).toString())
child.kill(); wm.kill()
await stopAll()
