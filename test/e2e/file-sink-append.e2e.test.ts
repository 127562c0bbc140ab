import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { repoRoot, runPipe, STACK_FRAME } from './run-pipe.js'

const fixture = join(repoRoot, 'test', 'fixtures', 'run', 'file-sink-shared.ts')
const workDir = (): string => mkdtempSync(join(tmpdir(), 'pipe-file-sink-'))
const lines = (tag: string, from: number, to: number): string => Array.from({ length: to - from }, (_, i) => `${tag} ${String(from + i)}\n`).join('')

async function run(dir: string, env: Record<string, string>): Promise<void> {
  const result = await runPipe(['run', fixture, '--max-idle', '1s'], { cwd: dir, env })
  expect(result.status, result.stderr).toBe(0)
}

describe('the file sink only appends', () => {
  it('keeps what a run with tasksMax 2 wrote when it runs again', async () => {
    const dir = workDir()
    writeFileSync(join(dir, 'input.txt'), lines('line', 0, 1000))
    const env = { PIPE_FIXTURE_NAME: 'two-tasks', PIPE_FIXTURE_TASKS: '2' }
    await run(dir, env)
    appendFileSync(join(dir, 'input.txt'), lines('line', 1000, 1010))
    await run(dir, env)
    expect(readFileSync(join(dir, 'output.txt'), 'utf8')).toBe(lines('line', 0, 1010))
  }, 60_000)

  it("keeps another pipeline's lines in a file two pipelines append to", async () => {
    const dir = workDir()
    writeFileSync(join(dir, 'a.txt'), lines('a', 0, 100))
    writeFileSync(join(dir, 'b.txt'), lines('b', 0, 50))
    const a = { PIPE_FIXTURE_NAME: 'shared-a', PIPE_FIXTURE_INPUT: 'a.txt' }
    await run(dir, a)
    await run(dir, { PIPE_FIXTURE_NAME: 'shared-b', PIPE_FIXTURE_INPUT: 'b.txt' })
    appendFileSync(join(dir, 'a.txt'), lines('a', 100, 105))
    await run(dir, a)
    expect(readFileSync(join(dir, 'output.txt'), 'utf8')).toBe(lines('a', 0, 100) + lines('b', 0, 50) + lines('a', 100, 105))
  }, 60_000)
})

describe('a file sink path pipe cannot write', () => {
  it.each([
    ['a directory', (dir: string) => { mkdirSync(join(dir, 'out')); return 'out' }, "it is a directory; fix: set 'file' to a file path"],
    ['under a file', (dir: string) => { writeFileSync(join(dir, 'f'), ''); return 'f/out.txt' }, 'a part of its path is a file, not a directory'],
    ['under a file, deeper', (dir: string) => { writeFileSync(join(dir, 'f'), ''); return 'f/sub/out.txt' }, 'a part of its path is a file, not a directory'],
    // root may write anywhere chmod allows nothing; /sys refuses new files to root too
    ['not writable', () => '/sys/pipe-out.txt', 'permission denied'],
    ['under /proc', () => '/proc/pipe/out.txt', "its directory does not exist"],
  ])('is one line naming it and the fix, exit 1, when it is %s', async (_, output, reason) => {
    const dir = workDir()
    writeFileSync(join(dir, 'input.txt'), 'a\n')
    const file = output(dir)
    const result = await runPipe(['run', fixture, '--max-idle', '1s'], { cwd: dir, env: { PIPE_FIXTURE_NAME: 'bad-output', PIPE_FIXTURE_OUTPUT: file } })
    expect(result.stderr).not.toMatch(STACK_FRAME)
    expect({ status: result.status, stdout: result.stdout, lines: result.stderr.trimEnd().split('\n').length }).toEqual({ status: 1, stdout: '', lines: 1 })
    expect(result.stderr).toContain(`pipe run: error PIPE_FILE_SINK_UNWRITABLE: cannot write the file sink's file '${file}': ${reason}`)
  }, 30_000)
})
