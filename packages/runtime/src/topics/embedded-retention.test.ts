import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { RECORD_OVERHEAD } from './embedded-retention.js'
import { createEmbeddedTopicBackend } from './embedded-topic-backend.js'
import type { TopicBackend, TopicMessage } from './topic-backend.js'

const VALUE = 100
const batch = (n: number, timestamp = Date.now()): TopicMessage[] =>
  Array.from({ length: n }, () => ({ topic: 't', partition: 0, key: null, value: Buffer.alloc(VALUE, 120), headers: [], timestamp }))
const RECORD = VALUE + RECORD_OVERHEAD

async function open(config: Record<string, string>): Promise<{ dir: string; backend: TopicBackend }> {
  const dir = await mkdtemp(join(tmpdir(), 'pipe-retention-'))
  const backend = createEmbeddedTopicBackend({ stateDir: dir })
  await backend.ensureTopic({ name: 't', partitions: 1, config })
  return { dir, backend }
}

/** What the store holds of partition t-0, read by another connection: [first offset, last offset, records]. */
// the store deletes whole batches (one per produce call), as Kafka deletes whole segments: the tests produce small ones
function stored(dir: string): [number, number, number] {
  const db = new Database(join(dir, 'pipe.db'), { readonly: true })
  const row = db.prepare('SELECT MIN(base_offset) AS first, MAX(last_offset) AS last, SUM(last_offset - base_offset + 1) AS n FROM batches').get() as { first: number; last: number; n: number }
  db.close()
  return [row.first, row.last, row.n]
}

describe('the embedded store bound', () => {
  it('deletes the oldest records of a topic no group reads once past retention.bytes, and keeps counting offsets', async () => {
    const { dir, backend } = await open({ 'retention.bytes': String(50 * RECORD) })
    for (let i = 0; i < 20; i++) {
      expect(backend.pressure?.(['t'])).toBeUndefined()
      await backend.produce(batch(10))
    }
    const [first, last, count] = stored(dir)
    expect(last).toBe(199)
    expect(count).toBeLessThanOrEqual(60) // the bound plus at most the batch written after the last check
    expect(first).toBe(200 - count)
    await backend.close()
  })

  it('never deletes what a group has not consumed: the topic is full until it commits, then makes room', async () => {
    const { dir, backend } = await open({ 'retention.bytes': String(50 * RECORD) })
    await backend.alterGroupOffsets('connect-slow', [{ topic: 't', partition: 0, offset: 0 }])
    for (let i = 0; i < 6; i++) await backend.produce(batch(10))
    expect(backend.pressure?.(['t'])).toMatch(/^throttled: topic 't' partition 0 holds 0\.0 MiB \(retention\.bytes 6600\) that consumer group 'connect-slow' has not consumed yet \(at offset 0 of 60\); waiting for it$/)
    expect(stored(dir)).toEqual([0, 59, 60])
    await backend.alterGroupOffsets('connect-slow', [{ topic: 't', partition: 0, offset: 30 }])
    expect(backend.pressure?.(['t'])).toBeUndefined()
    expect(stored(dir)[0]).toBeLessThanOrEqual(30) // deleted only what the group consumed
    expect(stored(dir)[0]).toBeGreaterThan(0)
    await backend.close()
  })

  it('keeps everything for an open consumer that has not committed yet', async () => {
    const { dir, backend } = await open({ 'retention.bytes': String(50 * RECORD) })
    const consumer = await backend.consumer({ group: 'connect-new', topics: ['t'], member: { index: 0, count: 1 } })
    for (let i = 0; i < 6; i++) await backend.produce(batch(10))
    expect(backend.pressure?.(['t'])).toContain("consumer group 'connect-new'")
    await consumer.close()
    expect(backend.pressure?.(['t'])).toBeUndefined()
    expect(stored(dir)[2]).toBeLessThanOrEqual(50)
    await backend.close()
  })

  it('expires records older than retention.ms once consumed, keeping the last one', async () => {
    const { dir, backend } = await open({ 'retention.ms': '60000' })
    await backend.alterGroupOffsets('connect-s', [{ topic: 't', partition: 0, offset: 5 }])
    for (let i = 0; i < 10; i++) await backend.produce(batch(1, Date.now() - 120_000))
    expect(backend.pressure?.(['t'])).toBeUndefined()
    expect(stored(dir)).toEqual([5, 9, 5]) // expired, but offsets 5.. not consumed yet
    await backend.alterGroupOffsets('connect-s', [{ topic: 't', partition: 0, offset: 10 }])
    await new Promise((r) => setTimeout(r, 1100)) // time retention is looked at once a second
    await backend.produce(batch(1))
    expect(backend.pressure?.(['t'])).toBeUndefined()
    expect(stored(dir)).toEqual([10, 10, 1])
    await backend.close()
  })
})
