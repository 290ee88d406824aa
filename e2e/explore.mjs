import { spawn, execFile, execFileSync } from 'node:child_process'
import { promisify } from 'node:util'
import { startApp, startXvfb, stopAll, waitFor, outDir } from './lib/harness.mjs'
const run = promisify(execFile)
const display = await startXvfb()
const env = { ...process.env, DISPLAY: display }
const wm = spawn('openbox', [], { env, stdio: 'ignore' })
const xdo = (...a) => run('xdotool', a, { env })
const gtkTheme = process.argv[2] || ''
const app = await startApp({ display, dev: false, env: gtkTheme ? { GTK_THEME: gtkTheme } : {} })
const win = await waitFor('win', async () => {
  const { stdout } = await xdo('search', '--onlyvisible', '--name', '^Quire$').catch(() => ({ stdout: '' }))
  return stdout.trim().split('\n')[0]
})
await xdo('windowmove', '--sync', win, '0', '0').catch(() => {})
await xdo('windowsize', '--sync', win, '1280', '800').catch(() => {})
await new Promise((r) => setTimeout(r, 4000))
const file = `${outDir}/explore-${gtkTheme || 'default'}.png`
execFileSync('import', ['-window', 'root', file], { env })
for (const [x, y] of [[600, 400], [1000, 400], [100, 400], [640, 10]]) {
  console.log(x, y, execFileSync('convert', [file, '-format', `%[pixel:p{${x},${y}}]`, 'info:']).toString())
}
console.log(app.log().slice(-500))
wm.kill()
await stopAll()
