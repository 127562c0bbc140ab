import { spawn } from 'node:child_process'
import { statSync } from 'node:fs'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it, onTestFinished } from 'vitest'
import { createEmbeddedTopicBackend } from './embedded-topic-backend.js'
import type { TopicMessage } from './topic-backend.js'

const message = (i: number, key: string | null = null): TopicMessage => ({
  topic: 't', partition: null, key: key === null ? null : Buffer.from(key), value: Buffer.from(`v${i}`), headers: [{ key: 'h', value: Buffer.from('x') }], timestamp: i,
})

const stateDir = (): Promise<string> => mkdtemp(join(tmpdir(), 'pipe-embedded-'))

describe('embedded topic backend', () => {
  it('tells its size on disk, which grows with the records it keeps', async () => {
    const backend = createEmbeddedTopicBackend({ stateDir: await stateDir() })
    await backend.ensureTopic({ name: 't', partitions: 1 })
    const empty = backend.storeBytes?.() ?? 0
    expect(empty).toBeGreaterThan(0)
    await backend.produce(Array.from({ length: 500 }, (_, i) => ({ ...message(i), value: Buffer.alloc(1000, 97) })))
    expect(backend.storeBytes?.() ?? 0).toBeGreaterThan(empty + 400_000)
    await backend.close()
  })

  it('keeps its write-ahead log bounded while records keep coming: checkpointed and started over', async () => {
    const dir = await stateDir()
    const backend = createEmbeddedTopicBackend({ stateDir: dir })
    await backend.ensureTopic({ name: 't', partitions: 1 })
    const batch = Array.from({ length: 250 }, (_, i) => ({ ...message(i), value: Buffer.alloc(4000, 97) })) // 1 MB
    const began = Date.now()
    let written = 0
    while (Date.now() - began < 3000) {
      await backend.produce(batch)
      written += 1_000_000
      await new Promise((r) => setTimeout(r, 20))
    }
    const wal = statSync(join(dir, 'pipe.db-wal')).size
    await backend.close()
    expect(written).toBeGreaterThan(30_000_000)
    // without checkpoints, or with checkpoints that never complete, the log holds everything written
    expect(wal).toBeLessThan(written / 3)
  }, 30_000)

  it('stores records with their source offsets and serves them to a consumer group', async () => {
    const dir = await stateDir()
    const backend = createEmbeddedTopicBackend({ stateDir: dir })
    await backend.ensureTopic({ name: 't', partitions: 2 })
    await backend.produce([message(1, 'a'), message(2, 'b'), message(3, 'a')], { connector: 'src', offsets: [{ partition: { filename: 'in.txt' }, offset: { position: 3 } }] })
    expect(await backend.readSourceOffset('src', { filename: 'in.txt' })).toEqual({ position: 3 })
    const consumer = await backend.consumer({ group: 'connect-snk', topics: ['t'], member: { index: 0, count: 1 } })
    const got = await consumer.fetch(10, 0)
    expect(got.map((m) => Buffer.from(m.value ?? []).toString()).sort()).toEqual(['v1', 'v2', 'v3'])
    expect(got[0]?.headers).toEqual([{ key: 'h', value: Buffer.from('x') }])
    await consumer.commit(got.map((m) => ({ topic: m.topic, partition: m.partition, offset: m.offset + 1 })))
    await backend.close()

    const reopened = createEmbeddedTopicBackend({ stateDir: dir })
    const again = await reopened.consumer({ group: 'connect-snk', topics: ['t'], member: { index: 0, count: 1 } })
    expect(await again.fetch(10, 0)).toEqual([])
    await reopened.produce([message(4)])
    expect((await again.fetch(10, 50)).map((m) => m.timestamp)).toEqual([4])
    expect(await reopened.listSourceOffsets('src')).toEqual([{ partition: { filename: 'in.txt' }, offset: { position: 3 } }])
    await reopened.close()
  })

  it('keeps a batch and its source offsets together when the process is killed mid-write', async () => {
    const dir = await stateDir()
    const writer = fileURLToPath(new URL('./embedded-crash-writer.fixture.ts', import.meta.url))
    // node itself (not the tsx wrapper) so that SIGKILL hits the writing process
    const child = spawn(process.execPath, ['--import', 'tsx', writer, dir], { stdio: ['ignore', 'pipe', 'inherit'] })
    onTestFinished(() => { child.kill('SIGKILL') }) // the writer writes until killed: never left running by a failed expectation
    // wait until the writer has committed some batches, then kill it without warning
    await new Promise<void>((resolve) => child.stdout.once('data', () => { resolve(); }))
    await new Promise((r) => setTimeout(r, 150 + Math.random() * 200))
    child.kill('SIGKILL')
    await new Promise((r) => child.once('exit', r))

    const backend = createEmbeddedTopicBackend({ stateDir: dir })
    const offset = await backend.readSourceOffset('crash', { file: 'x' })
    const consumer = await backend.consumer({ group: 'check', topics: ['t'], member: { index: 0, count: 1 } })
    let count = 0
    for (let batch = await consumer.fetch(10_000, 0); batch.length > 0; batch = await consumer.fetch(10_000, 0)) count += batch.length
    await backend.close()
    expect(count).toBeGreaterThan(0)
    expect(offset).toEqual({ position: count })
  }, 30_000)
})
