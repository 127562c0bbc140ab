import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { defaultRegistry } from '../plugins/default-registry.js'
import { createEmbeddedTopicBackend } from '../topics/embedded-topic-backend.js'
import { createEngine } from './engine.js'
import { until } from './test-until.js'

describe('a source writing into a full embedded topic', () => {
  it('is throttled with its reason as the task problem, loses nothing, and goes on once the group consumed', async () => {
    // GIVEN a topic bounded to 20 kB per partition whose sink group has consumed nothing
    const dir = await mkdtemp(join(tmpdir(), 'pipe-throttle-'))
    const backend = createEmbeddedTopicBackend({ stateDir: dir, retention: { bytes: 20_000 } })
    await backend.ensureTopic({ name: 'o', partitions: 1 })
    await backend.alterGroupOffsets('connect-slow', [{ topic: 'o', partition: 0, offset: 0 }])
    const engine = createEngine({ backend, registry: defaultRegistry({ writer: { write: () => undefined } }), idleWaitMs: 5 })
    // WHEN an endless datagen without interval.ms writes to it
    await engine.start([{ name: 'gen', config: { 'connector.class': 'pipe:datagen-source', topic: 'o', seed: '1' } }])
    // THEN the source waits, saying why, and the topic holds every record from offset 0
    await until(() => engine.status('gen').tasks[0]?.problem !== undefined, 10_000, 20)
    expect(engine.status('gen').tasks[0]).toMatchObject({ state: 'RUNNING', problem: expect.stringMatching(/^throttled: topic 'o' partition 0 holds [\d.]+ MiB \(retention\.bytes 20000\) that consumer group 'connect-slow' has not consumed yet \(at offset 0 of \d+\); waiting for it$/) as unknown })
    const held = engine.metrics('gen')[0]?.recordsOut ?? 0
    await new Promise((r) => setTimeout(r, 300))
    expect(engine.metrics('gen')[0]?.recordsOut).toBe(held)
    const reader = await backend.consumer({ group: 'check', topics: ['o'], member: { index: 0, count: 1 } })
    expect((await reader.fetch(1, 0))[0]?.offset).toBe(0)
    await reader.close()
    // WHEN the group consumes, THEN the source goes on and the problem clears
    await backend.alterGroupOffsets('connect-slow', [{ topic: 'o', partition: 0, offset: held }])
    await until(() => (engine.metrics('gen')[0]?.recordsOut ?? 0) > held, 10_000, 20)
    await engine.stop()
    await backend.close()
  })
})
