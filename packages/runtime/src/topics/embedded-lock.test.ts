import { spawn } from 'node:child_process'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it, onTestFinished } from 'vitest'
import { createEmbeddedTopicBackend } from './embedded-topic-backend.js'

const stateDir = (): Promise<string> => mkdtemp(join(tmpdir(), 'pipe-lock-'))

function refusal(open: () => unknown): unknown {
  try {
    open()
  } catch (error) {
    return error
  }
  return 'opened'
}

describe('the embedded store lock', () => {
  it('refuses a second writer naming the holder, until the first closes', async () => {
    const dir = await stateDir()
    const first = createEmbeddedTopicBackend({ stateDir: dir, owner: 'pipe run pipelines/a.ts' })
    const error = refusal(() => createEmbeddedTopicBackend({ stateDir: dir, owner: 'pipe run pipelines/b.ts' }))
    expect(error).toMatchObject({ code: 'PIPE_STATE_DIR_IN_USE' })
    expect(String(error)).toMatch(new RegExp(`state directory '.*' is in use by pid ${String(process.pid)} \\(pipe run pipelines/a\\.ts, since \\d{4}-`))
    await first.close()
    const second = createEmbeddedTopicBackend({ stateDir: dir })
    await second.close()
  })

  it('lets a reader in beside the writer, and a writer in after the holder was killed with SIGKILL', async () => {
    const dir = await stateDir()
    const writer = fileURLToPath(new URL('./embedded-crash-writer.fixture.ts', import.meta.url))
    // node itself (not the tsx wrapper) so that SIGKILL hits the process holding the lock
    const child = spawn(process.execPath, ['--import', 'tsx', writer, dir], { stdio: ['ignore', 'pipe', 'inherit'] })
    onTestFinished(() => { child.kill('SIGKILL') }) // the writer writes until killed: never left running by a failed expectation
    await new Promise<void>((resolve) => child.stdout.once('data', () => { resolve() }))
    // GIVEN a process writing: a second writer is refused with its pid, a reader reads
    expect(String(refusal(() => createEmbeddedTopicBackend({ stateDir: dir })))).toContain(`is in use by pid ${String(child.pid)} (node `)
    const reader = createEmbeddedTopicBackend({ stateDir: dir, readOnly: true })
    const consumer = await reader.consumer({ group: 'look', topics: ['t'], member: { index: 0, count: 1 } })
    expect((await consumer.fetch(10, 1000)).length).toBeGreaterThan(0)
    await expect(reader.produce([{ topic: 't', partition: 0, key: null, value: null, headers: [], timestamp: 0 }])).rejects.toThrow(/readonly/)
    await reader.close()
    // WHEN it is killed without warning, THEN its lock is gone at once
    child.kill('SIGKILL')
    await new Promise((r) => child.once('exit', r))
    const next = createEmbeddedTopicBackend({ stateDir: dir })
    expect(await next.readSourceOffset('crash', { file: 'x' })).not.toBeNull()
    await next.close()
  }, 30_000)
})
