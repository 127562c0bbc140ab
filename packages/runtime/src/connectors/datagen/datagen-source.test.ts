import { describe, expect, it } from 'vitest'
import { createMemoryTopicBackend } from '../../topics/memory-topic-backend.js'
import { createEngine } from '../../engine/engine.js'
import { defaultRegistry } from '../../plugins/default-registry.js'
import type { SourceOffset } from '../../records/connect-record.js'
import type { SourceTaskContext } from '../../tasks/task-context.js'
import { datagenSourceConnector } from './datagen-source.js'

function context(config: Record<string, string>, committed: SourceOffset | null = null): SourceTaskContext {
  return {
    connectorName: 'gen', taskId: 0, config, clock: { now: () => 0 }, signal: new AbortController().signal,
    offsets: { offset: () => Promise.resolve(committed) },
  }
}

async function pollAll(config: Record<string, string>, committed: SourceOffset | null = null): Promise<unknown[]> {
  const task = datagenSourceConnector.createTask()
  await task.start(context(config, committed))
  const values: unknown[] = []
  for (let batch = await task.poll(); batch.length > 0; batch = await task.poll()) values.push(...batch.map((r) => r.value))
  await task.stop()
  return values
}

describe('datagen source', () => {
  it('generates the same typed records for the same seed, up to max.records', async () => {
    const config = { preset: 'orders', topic: 'o', seed: '42', 'max.records': '5' }
    const first = await pollAll(config)
    expect(first).toHaveLength(5)
    expect(await pollAll(config)).toEqual(first)
    expect(first[0]).toMatchObject({ order_id: 1, quantity: expect.any(Number) as number, item: expect.any(String) as string })
    expect(await pollAll({ ...config, seed: '7' })).not.toEqual(first)
  })

  it('resumes after its committed count', async () => {
    const config = { preset: 'users', topic: 'u', seed: '1', 'max.records': '5' }
    const all = await pollAll(config)
    expect(await pollAll(config, { count: 3 })).toEqual(all.slice(3))
  })

  it('reports invalid options', () => {
    expect(datagenSourceConnector.validate?.({ preset: 'nope', 'interval.ms': 'x' })).toEqual([
      "unknown preset 'nope' (expected one of orders, users, pageviews)", "'topic' is required", "'interval.ms' must be an integer, got 'x'",
    ])
    expect(datagenSourceConnector.validate?.({ preset: 'constructor', topic: 't' })).toEqual(["unknown preset 'constructor' (expected one of orders, users, pageviews)"])
  })

  it('prints through the console sink writer', async () => {
    const lines: string[] = []
    const backend = createMemoryTopicBackend()
    const engine = createEngine({ backend, registry: defaultRegistry({ writer: { write: (l) => lines.push(l) } }), idleWaitMs: 5 })
    await engine.start([
      { name: 'gen', config: { 'connector.class': 'pipe:datagen-source', preset: 'pageviews', topic: 'pv', 'max.records': '3', 'value.converter.schemas.enable': 'false' } },
      { name: 'out', config: { 'connector.class': 'pipe:console-sink', topics: 'pv', prefix: '> ', 'value.converter.schemas.enable': 'false' } },
    ])
    const end = Date.now() + 5000
    while (lines.length < 3 && Date.now() < end) await new Promise((r) => setTimeout(r, 10))
    await engine.stop()
    expect(lines).toHaveLength(3)
    expect(lines[0]).toMatch(/^> \{"[a-z_]+":/)
  })
})
