import { describe, expect, it } from 'vitest'
import { defaultRegistry } from '../plugins/default-registry.js'
import type { PolledRecord } from '../records/connect-record.js'
import { createMemoryTopicBackend } from '../topics/memory-topic-backend.js'
import { createEngine } from './engine.js'

const LIMIT = 3000

/** A source that answers every poll at once from memory, LIMIT times, then runs dry. */
function instantSource(counter: { polls: number }) {
  return {
    type: 'source' as const,
    taskConfigs: (config: Record<string, string>) => [config],
    createTask: () => ({
      start: () => Promise.resolve(),
      poll: (): Promise<readonly PolledRecord[]> => {
        if (counter.polls >= LIMIT) return Promise.resolve([])
        counter.polls++
        return Promise.resolve([{ sourcePartition: { p: 0 }, sourceOffset: { n: counter.polls }, value: 'x' }])
      },
      stop: () => Promise.resolve(),
    }),
  }
}

/** A sink that takes every batch at once. */
function instantSink(counter: { puts: number }) {
  return {
    type: 'sink' as const,
    taskConfigs: (config: Record<string, string>) => [config],
    createTask: () => ({
      start: () => Promise.resolve(),
      put: () => { counter.puts++; return Promise.resolve() },
      flush: () => Promise.resolve(),
      stop: () => Promise.resolve(),
    }),
  }
}

const STRING = 'org.apache.kafka.connect.storage.StringConverter'

describe('engine fairness', () => {
  it('lets timers run while a source answers from memory (REST calls, signals, other tasks)', async () => {
    const counter = { polls: 0 }
    const registry = defaultRegistry({ writer: { write: () => undefined } }).with({ connectors: { Instant: instantSource(counter) } })
    const engine = createEngine({ backend: createMemoryTopicBackend(), registry, idleWaitMs: 5 })
    const timer = new Promise<number>((resolve) => setTimeout(() => { resolve(counter.polls) }, 5))
    await engine.start([{ name: 'fast', config: { 'connector.class': 'Instant', topic: 't', 'value.converter': STRING } }])
    // starved, the timer would fire only once the source ran dry, after all LIMIT polls
    const pollsWhenTimerFired = await timer
    await engine.stop()
    expect(pollsWhenTimerFired).toBeLessThan(LIMIT)
  })

  it('lets timers run while a sink reads a full topic into a sink that answers at once', async () => {
    const counter = { puts: 0 }
    const backend = createMemoryTopicBackend()
    const messages = Array.from({ length: LIMIT }, () => ({ topic: 't', partition: 0, key: null, value: Buffer.from('x'), headers: [], timestamp: 1 }))
    await backend.produce(messages)
    const registry = defaultRegistry({ writer: { write: () => undefined } }).with({ connectors: { Instant: instantSink(counter) } })
    const engine = createEngine({ backend, registry, idleWaitMs: 5 })
    const timer = new Promise<number>((resolve) => setTimeout(() => { resolve(counter.puts) }, 5))
    await engine.start([{ name: 'take', config: { 'connector.class': 'Instant', topics: 't', 'value.converter': STRING, 'consumer.override.max.poll.records': '1' } }])
    const putsWhenTimerFired = await timer
    await engine.stop()
    expect(putsWhenTimerFired).toBeLessThan(LIMIT)
  })
})
