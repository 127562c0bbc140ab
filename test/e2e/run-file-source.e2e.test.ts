import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { repoRoot, runPipe, STACK_FRAME } from './run-pipe.js'

const fixture = join(repoRoot, 'test', 'fixtures', 'run', 'file-to-file.ts')
const workDir = (): string => mkdtempSync(join(tmpdir(), 'pipe-run-file-source-'))

describe('pipe run with the file source', () => {
  it('copies a file of 300,000 short lines (seq 1 300000)', async () => {
    const dir = workDir()
    const input = Array.from({ length: 300_000 }, (_, i) => `${String(i + 1)}\n`).join('')
    writeFileSync(join(dir, 'input.txt'), input)
    const run = await runPipe(['run', fixture, '--max-idle', '2s'], { cwd: dir, env: { PIPE_FIXTURE_NAME: 'e2e-seq' } })
    expect(run.stderr).not.toMatch(STACK_FRAME)
    expect(run.status, run.stderr).toBe(0)
    expect(readFileSync(join(dir, 'output.txt'), 'utf8') === input).toBe(true)
  }, 60_000)

  it('counts reading a 40 MB line as activity: --max-idle 2s waits for it', async () => {
    const dir = workDir()
    const input = `${'x'.repeat(40 * 1024 * 1024)}\nafter\n`
    writeFileSync(join(dir, 'input.txt'), input)
    const run = await runPipe(['run', fixture, '--max-idle', '2s'], { cwd: dir, env: { PIPE_FIXTURE_NAME: 'e2e-long-line' } })
    expect(run.status, run.stderr).toBe(0)
    expect(run.stderr).toMatch(/offsets flushed: e2e-long-line-source 2 /)
    expect(readFileSync(join(dir, 'output.txt'), 'utf8') === input).toBe(true)
  }, 60_000)
})
