// A hosting folder in git, for the publish tests: a bare repository (a
// file:// URL) as the remote, whose first commit holds a CNAME the site's
// owner wrote, and a clone of it as the hosting folder. Git runs with a
// fixed identity and none of the machine's configuration.
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { tempDir } from './harness.mjs'

/** ident is the environment git (and the app's git) needs to commit. */
export const ident = {
  GIT_AUTHOR_NAME: 'Ann Writer', GIT_AUTHOR_EMAIL: 'ann@example.org',
  GIT_COMMITTER_NAME: 'Ann Writer', GIT_COMMITTER_EMAIL: 'ann@example.org',
  GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null',
}

/** git runs git in dir and returns its trimmed output. */
export const git = (dir, ...args) =>
  execFileSync('git', args, { cwd: dir, env: { ...process.env, ...ident }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim()

/** gitSite makes the remote and the hosting folder; root holds both. */
export function gitSite(prefix = 'quire-publish-') {
  const root = tempDir(prefix)
  const remote = path.join(root, 'remote.git')
  const site = path.join(root, 'site')
  git(root, 'init', '-q', '--bare', '-b', 'main', remote)
  const seed = path.join(root, 'seed')
  git(root, 'clone', '-q', `file://${remote}`, seed)
  fs.writeFileSync(path.join(seed, 'CNAME'), 'blog.example.org\n')
  git(seed, 'add', 'CNAME')
  git(seed, 'commit', '-q', '-m', 'CNAME')
  git(seed, 'push', '-q', 'origin', 'main')
  git(root, 'clone', '-q', `file://${remote}`, site)
  return { root, remote, site }
}
