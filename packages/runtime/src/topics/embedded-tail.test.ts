import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { encodeBatch } from './embedded-batch.js'
import { createEmbeddedTopicBackend } from './embedded-topic-backend.js'
import { EmbeddedTail } from './embedded-tail.js'
import type { ConsumedMessage, TopicMessage } from './topic-backend.js'

const message = (i: number): TopicMessage => ({
  topic: 't', partition: 0, key: Buffer.from(`k${String(i)}`), value: Buffer.from(`v${String(i)}`), headers: [{ key: 'h', value: Buffer.from(String(i)) }], timestamp: i,
})
const values = (got: readonly ConsumedMessage[] | undefined): string[] | undefined => got?.map((m) => Buffer.from(m.value ?? []).toString())

/** Appends the records `from`..`to` (inclusive) of partition `partition` of `topic` as one stored batch. */
function append(tail: EmbeddedTail, topic: string, partition: number, from: number, to = from): Buffer {
  const stored = encodeBatch(Array.from({ length: to - from + 1 }, (_, i) => message(from + i)))
  tail.appendBatch(topic, partition, from, to - from + 1, stored)
  return stored
}

describe('EmbeddedTail', () => {
  it('reads the records of a stored batch as views into it (no copies), within its limits', () => {
    const tail = new EmbeddedTail({ records: 4 })
    append(tail, 't', 0, 10, 12)
    const stored = append(tail, 't', 0, 13, 14) // 5 records: the oldest batch goes
    const got = tail.read('t', 0, 13, 10)
    expect(values(got)).toEqual(['v13', 'v14'])
    expect(got?.[0]?.value?.buffer).toBe(stored.buffer)
    expect(tail.read('t', 0, 12, 10)).toBeUndefined() // the oldest went: the store answers
  })

  it('decodes a batch only when it is read (appending builds nothing per record)', () => {
    const tail = new EmbeddedTail()
    tail.appendBatch('t', 0, 0, 3, Buffer.from([1, 2, 3])) // no batch: appending does not look inside
    expect(() => tail.read('t', 0, 0, 10)).toThrow(RangeError)
  })

  it('reads from a position inside a batch and on into the next ones, up to max records', () => {
    const tail = new EmbeddedTail()
    append(tail, 't', 0, 0, 9)
    append(tail, 't', 0, 10, 19)
    append(tail, 't', 0, 20, 29)
    expect(tail.read('t', 0, 7, 8)?.map((m) => m.offset)).toEqual([7, 8, 9, 10, 11, 12, 13, 14])
    expect(tail.read('t', 0, 25, 100)?.map((m) => m.offset)).toEqual([25, 26, 27, 28, 29])
    expect(tail.read('t', 0, 10, 1)?.[0]).toMatchObject({ topic: 't', partition: 0, offset: 10, timestamp: 10, headers: [{ key: 'h' }] })
    expect(values(tail.read('t', 0, 19, 2))).toEqual(['v19', 'v20'])
  })

  it('serves the newest records from a position it holds, and nothing it has dropped', () => {
    const tail = new EmbeddedTail({ records: 3 })
    for (let i = 10; i < 15; i++) append(tail, 't', 0, i)
    expect(values(tail.read('t', 0, 12, 10))).toEqual(['v12', 'v13', 'v14'])
    expect(values(tail.read('t', 0, 13, 1))).toEqual(['v13'])
    expect(tail.read('t', 0, 15, 10)).toEqual([]) // caught up
    expect(tail.read('t', 0, 11, 10)).toBeUndefined() // dropped: the store answers
    expect(tail.read('t', 0, 16, 10)).toBeUndefined() // past the end: not the tail's to say
    expect(tail.read('t', 1, 0, 10)).toBeUndefined()
    expect(tail.read('t', 0, 14, 10)?.[0]).toMatchObject({ topic: 't', partition: 0, offset: 14, timestamp: 14 })
  })

  it('holds its limits over all partitions together, dropping the oldest batch first', () => {
    const tail = new EmbeddedTail({ records: 3 })
    append(tail, 't', 0, 0)
    append(tail, 't', 1, 0)
    append(tail, 'u', 0, 5)
    append(tail, 't', 1, 1) // drops t:0 offset 0, the oldest
    expect(tail.read('t', 0, 0, 10)).toBeUndefined()
    expect(tail.read('t', 0, 1, 10)).toEqual([]) // t:0 is at its end
    expect(tail.read('t', 1, 0, 10)?.map((m) => m.offset)).toEqual([0, 1])
    expect(tail.read('u', 0, 5, 10)?.map((m) => m.offset)).toEqual([5])
    for (let i = 2; i < 10_000; i++) append(tail, 't', 1, i)
    expect(tail.read('t', 1, 9997, 10)?.map((m) => m.offset)).toEqual([9997, 9998, 9999])
    expect(tail.read('t', 1, 9996, 10)).toBeUndefined()
    expect(tail.read('u', 0, 5, 10)).toBeUndefined()
  })

  it('keeps the newest batch even when it alone is over the limits', () => {
    const tail = new EmbeddedTail({ records: 2, bytes: 10 })
    append(tail, 't', 0, 0, 4)
    expect(tail.read('t', 0, 0, 10)?.map((m) => m.offset)).toEqual([0, 1, 2, 3, 4])
    append(tail, 't', 0, 5, 9)
    expect(tail.read('t', 0, 4, 10)).toBeUndefined()
    expect(tail.read('t', 0, 5, 10)?.map((m) => m.offset)).toEqual([5, 6, 7, 8, 9])
  })

  it('bounds the bytes it keeps, and starts over after a gap in offsets', () => {
    const size = encodeBatch([message(0)]).length
    const tail = new EmbeddedTail({ bytes: 2 * size })
    for (let i = 0; i < 4; i++) append(tail, 't', 0, i)
    expect(values(tail.read('t', 0, 2, 10))).toEqual(['v2', 'v3'])
    expect(tail.read('t', 0, 1, 10)).toBeUndefined()
    append(tail, 't', 0, 9)
    expect(tail.read('t', 0, 3, 10)).toBeUndefined()
    expect(values(tail.read('t', 0, 9, 10))).toEqual(['v9'])
  })
})

describe('embedded topic backend with its tail', () => {
  it('reads the same records from the tail as from the store, across a long run and a reopen', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pipe-embedded-tail-'))
    const backend = createEmbeddedTopicBackend({ stateDir: dir })
    await backend.ensureTopic({ name: 't', partitions: 2 })
    const batch = (from: number): TopicMessage[] => Array.from({ length: 1000 }, (_, i) => ({ ...message(from + i), partition: null, key: Buffer.from(`k${String((from + i) % 7)}`) }))
    const consumer = await backend.consumer({ group: 'g', topics: ['t'], member: { index: 0, count: 1 } })
    const live: ConsumedMessage[] = []
    // 50,000 records, about 25,000 a partition: more than the tail keeps (20,000), so the consumer, left
    // behind after the first batch, reads from the store, catches up, then reads from the tail
    for (let b = 0; b < 50; b++) {
      await backend.produce(batch(b * 1000))
      if (b === 0 || b >= 45) for (let got = await consumer.fetch(5000, 0); got.length > 0; got = await consumer.fetch(5000, 0)) live.push(...got)
    }
    for (let got = await consumer.fetch(5000, 0); got.length > 0; got = await consumer.fetch(5000, 0)) live.push(...got)
    await backend.close()

    const reopened = createEmbeddedTopicBackend({ stateDir: dir }) // an empty tail: every record from the store
    const fromStore: ConsumedMessage[] = []
    const again = await reopened.consumer({ group: 'g', topics: ['t'], member: { index: 0, count: 1 } })
    for (let got = await again.fetch(5000, 0); got.length > 0; got = await again.fetch(5000, 0)) fromStore.push(...got)
    await reopened.close()
    const plain = (m: ConsumedMessage): unknown => ({ ...m, key: Buffer.from(m.key ?? []).toString(), value: Buffer.from(m.value ?? []).toString(), headers: m.headers.map((h) => [h.key, Buffer.from(h.value ?? []).toString()]) })
    const byPosition = (a: ConsumedMessage, b: ConsumedMessage): number => a.partition - b.partition || a.offset - b.offset
    expect(live.length).toBe(50_000)
    expect(live.sort(byPosition).map(plain)).toEqual(fromStore.sort(byPosition).map(plain))
  }, 30_000)
})
