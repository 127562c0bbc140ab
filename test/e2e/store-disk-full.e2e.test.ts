import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { repoRoot, runPipe, STACK_FRAME } from './run-pipe.js'

const fixture = join(repoRoot, 'test', 'fixtures', 'run', 'file-to-file.ts')

/** Mounts a tmpfs of `size` at `dir` (or resizes the one there): a disk that fills up, for real. */
function tmpfs(dir: string, size: string, remount = false): void {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `${remount ? 'remount,' : ''}size=${size}`, 'tmpfs', dir], { stdio: 'pipe' })
  } catch (error) {
    throw new Error(`this test mounts a tmpfs and must run as root (CI does): mount failed: ${String((error as { stderr?: Buffer }).stderr ?? error)}`)
  }
}

// GIVEN a pipeline file -> topic -> file whose embedded store (--state-dir) is on a 2 MiB disk, and 40 MB of input
// WHEN pipe run fills the disk, the disk then grows, and pipe run runs again
// THEN the first run exits 1 with the store's error and what to do, without a stack trace; the second one
//   finishes the file, and the output holds every input line exactly once
describe('pipe run when the embedded store\'s disk is full', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pipe-disk-full-'))
  const disk = join(dir, 'disk')
  mkdirSync(disk)
  afterAll(() => {
    try {
      execFileSync('umount', [disk], { stdio: 'ignore' })
    } catch {
      // not mounted: the test failed before it mounted the disk, and says why
    }
  })

  it('fails in one line that says to free space, and the next run resumes with nothing lost or repeated', async () => {
    tmpfs(disk, '2m')
    const lines = Array.from({ length: 200_000 }, (_, i) => `${String(i).padStart(8, '0')} ${'x'.repeat(190)}\n`)
    const input = lines.join('')
    writeFileSync(join(dir, 'input.txt'), input)
    const args = ['run', fixture, '--state-dir', join(disk, '.pipe'), '--max-idle', '2s']
    const env = { PIPE_FIXTURE_NAME: 'disk-full' }

    const full = await runPipe(args, { cwd: dir, env })
    expect(full.status, full.stderr).toBe(1)
    expect(full.stderr).not.toMatch(STACK_FRAME)
    // the records' segment or SQLite's files: whichever write finds the disk full first
    expect(full.stderr).toMatch(/connector 'disk-full-source' FAILED: (SqliteError: database or disk is full|StoreDiskFullError: no space left on the device writing '[^']*\/segments\/disk-full-lines-0\/\d{20}\.log' \(ENOSPC\))/)
    expect(full.stderr).toMatch(/fix: the embedded store's disk is full: free space on it, or pass a --state-dir on another disk, then run again/)
    const written = readFileSync(join(dir, 'output.txt'), 'utf8').split('\n').length - 1
    expect(written).toBeLessThan(lines.length)

    tmpfs(disk, '200m', true)
    const again = await runPipe(args, { cwd: dir, env })
    expect(again.status, again.stderr).toBe(0)
    const output = readFileSync(join(dir, 'output.txt'), 'utf8')
    expect(output.length).toBe(input.length)
    expect(output === input).toBe(true)
  }, 120_000)
})
