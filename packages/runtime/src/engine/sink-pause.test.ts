import { describe, expect, it } from 'vitest'
import { defaultRegistry } from '../plugins/default-registry.js'
import type { SinkConnector } from '../tasks/sink-task.js'
import { createMemoryTopicBackend } from '../topics/memory-topic-backend.js'
import { createEngine } from './engine.js'
import { until } from './test-until.js'

describe('a paused sink task', () => {
  it('flushes and commits what it delivered before the pause, without waiting for the resume', async () => {
    // GIVEN a sink whose put is held until released, and an offset flush interval longer than the test
    let release: (() => void) | undefined
    let put = 0
    const held: SinkConnector = {
      type: 'sink',
      taskConfigs: (config) => [config],
      createTask: () => ({
        start: () => Promise.resolve(),
        put: async (records) => {
          put += records.length
          await new Promise<void>((resolve) => { release = resolve })
        },
        flush: () => Promise.resolve(),
        stop: () => Promise.resolve(),
      }),
    }
    const backend = createMemoryTopicBackend(1)
    await backend.produce(Array.from({ length: 5 }, () => ({ topic: 't', partition: 0, key: null, value: Buffer.from('x'), headers: [], timestamp: 0 })))
    const engine = createEngine({ backend, registry: defaultRegistry({ writer: { write: () => undefined } }).with({ connectors: { Held: held } }) })
    await engine.start([{ name: 'snk', config: { 'connector.class': 'Held', topics: 't', 'offset.flush.interval.ms': '600000', 'value.converter': 'org.apache.kafka.connect.storage.StringConverter' } }])
    await until(() => put === 5, 3000)

    // WHEN the connector is paused while the batch is being put, and the put then completes
    engine.pause('snk')
    release?.()

    // THEN the delivered records are committed while the task stays paused
    await until(async () => (await backend.listGroupOffsets('connect-snk')).some((o) => o.offset === 5))
    expect(engine.status('snk').tasks.map((t) => t.state)).toEqual(['PAUSED'])
    await engine.resume('snk')
    await engine.stop()
  })
})
