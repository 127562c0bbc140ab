import { spawnSync } from 'node:child_process'
import { chmodSync, statSync } from 'node:fs'
import { dirname, resolve } from 'node:path'

/** Whether `user` can enter `dir` (and every folder above it): `test -x` run as that user (tests run as root). */
export function canEnter(user: string, dir: string): boolean {
  return spawnSync('runuser', ['-u', user, '--', 'test', '-x', dir], { stdio: 'ignore' }).status === 0
}

/**
 * Lets `user` reach `path`: each folder above it (and itself) that the user cannot enter gets the search bit for
 * others, as a checkout in a private folder (`mktemp -d`, mode 0700) needs for a test that runs `pipe` as another
 * user. Nothing is listed or written by it (search only). Returns what puts the modes back.
 *
 * @example
 * const restore = letUserReach('nobody', repoRoot)
 * try { await runPipe(['run', 'p.ts'], { user: 'nobody' }) } finally { restore() }
 */
export function letUserReach(user: string, path: string): () => void {
  const chain: string[] = []
  for (let dir = resolve(path); ; dir = dirname(dir)) {
    chain.unshift(dir)
    if (dirname(dir) === dir) break
  }
  const changed: { dir: string; mode: number }[] = []
  for (const dir of chain) {
    if (canEnter(user, dir)) continue
    const mode = statSync(dir).mode & 0o7777
    chmodSync(dir, mode | 0o001)
    changed.push({ dir, mode })
  }
  return () => { for (const { dir, mode } of changed.reverse()) chmodSync(dir, mode) }
}
