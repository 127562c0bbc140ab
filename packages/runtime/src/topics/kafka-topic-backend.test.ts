import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { deserializeByteArrayMap } from '../java/java-serialized-map.js'
import type { KafkaClient, KafkaRecord } from './kafka-client.js'
import { offsetKey, offsetValue } from './kafka-offsets.js'
import { createKafkaTopicBackend } from './kafka-topic-backend.js'
import { partitionForKey } from './murmur2.js'

/** A fake Kafka: records what was sent, in order; can delay acknowledgements. */
function fakeKafka(existing: KafkaRecord[] = []): KafkaClient & { sent: KafkaRecord[]; release: () => void; hold: boolean } {
  let waiting: (() => void)[] = []
  const fake = {
    sent: [] as KafkaRecord[],
    hold: false,
    release: () => {
      waiting.forEach((w) => { w(); })
      waiting = []
    },
    async send(records: readonly KafkaRecord[]) {
      if (fake.hold && records[0]?.topic !== 'connect-offsets') await new Promise<void>((r) => waiting.push(r))
      fake.sent.push(...records)
    },
    createTopic: () => Promise.resolve(),
    partitions: () => Promise.resolve(25),
    readAll: () => Promise.resolve(existing.map((r, i) => ({ ...r, partition: 0, offset: i }))),
    joinGroup: () => Promise.reject(new Error('not used')),
    groupOffsets: () => Promise.resolve([]),
    alterGroupOffsets: () => Promise.reject(new Error('not used')),
    deleteGroup: () => Promise.reject(new Error('not used')),
    releaseProducer: () => Promise.resolve(),
    close: () => Promise.resolve(),
  }
  return fake
}

describe('Kafka topic backend', () => {
  it('keeps source offsets in offset.storage.file.filename, in Kafka Connect standalone\'s format, instead of the offsets topic', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'pipe-offsets-file-')), 'connect.offsets')
    const kafka = fakeKafka()
    const backend = createKafkaTopicBackend({ client: kafka, offsetsFile: file })
    await backend.produce([{ topic: 't', partition: null, key: null, value: Buffer.from('x'), headers: [], timestamp: 1 }], {
      connector: 'file-src', offsets: [{ partition: { filename: 'in.txt' }, offset: { position: 30 } }],
    })
    await backend.close()
    expect(kafka.sent.map((r) => r.topic)).toEqual(['t'])
    const entries = deserializeByteArrayMap(readFileSync(file)).map(([k, v]) => [k.toString(), v?.toString()])
    expect(entries).toEqual([['["file-src",{"filename":"in.txt"}]', '{"position":30}']])
    const again = createKafkaTopicBackend({ client: fakeKafka(), offsetsFile: file })
    expect(await again.readSourceOffset('file-src', { filename: 'in.txt' })).toEqual({ position: 30 })
    writeFileSync(file, 'not offsets')
    await expect(createKafkaTopicBackend({ client: fakeKafka(), offsetsFile: file }).listSourceOffsets('x')).rejects.toThrow(`offset.storage.file.filename '${file}' is not a Kafka Connect offsets file`)
  })

  it('writes source offsets in Kafka Connect format, to the murmur2 partition of their key', async () => {
    const kafka = fakeKafka()
    const backend = createKafkaTopicBackend({ client: kafka })
    await backend.produce([{ topic: 't', partition: null, key: null, value: Buffer.from('x'), headers: [], timestamp: 1 }], {
      connector: 'file-src', offsets: [{ partition: { filename: 'in.txt' }, offset: { position: 30 } }],
    })
    await backend.close() // writes what is pending
    const written = kafka.sent.find((r) => r.topic === 'connect-offsets')
    expect(written?.key?.toString()).toBe('["file-src",{"filename":"in.txt"}]')
    expect(written?.value?.toString()).toBe('{"position":30}')
    expect(written?.partition).toBe(partitionForKey(Buffer.from('["file-src",{"filename":"in.txt"}]'), 25))
    expect(await backend.readSourceOffset('file-src', { filename: 'in.txt' })).toEqual({ position: 30 })
  })

  it('commits offsets only after the records that produced them are acknowledged', async () => {
    const kafka = fakeKafka()
    kafka.hold = true
    const backend = createKafkaTopicBackend({ client: kafka })
    const done = backend.produce([{ topic: 't', partition: 0, key: null, value: null, headers: [], timestamp: 1 }], { connector: 'c', offsets: [{ partition: { p: 1 }, offset: { o: 1 } }] })
    await new Promise((r) => setTimeout(r, 10))
    expect(kafka.sent.filter((r) => r.topic === 'connect-offsets')).toHaveLength(0)
    kafka.release()
    await done
    await backend.close()
    expect(kafka.sent.map((r) => r.topic)).toEqual(['t', 'connect-offsets'])
  })

  it('writes the newest offset per source partition at most once per flush interval, and the rest on close', async () => {
    const kafka = fakeKafka()
    const backend = createKafkaTopicBackend({ client: kafka, offsetFlushIntervalMs: 60_000 })
    const batch = (position: number, file = 'a'): Promise<void> =>
      backend.produce([{ topic: 't', partition: 0, key: null, value: Buffer.from(String(position)), headers: [], timestamp: 1 }], { connector: 'c', offsets: [{ partition: { filename: file }, offset: { position } }] })
    await batch(1)
    await batch(2)
    await batch(3)
    await batch(7, 'b')
    await new Promise((r) => setTimeout(r, 10))
    const offsets = (): string[] => kafka.sent.filter((r) => r.topic === 'connect-offsets').map((r) => `${r.key?.toString() ?? ''}=${r.value?.toString() ?? ''}`)
    // the first commit goes at once; the next ones wait for the interval
    expect(offsets()).toEqual(['["c",{"filename":"a"}]={"position":1}'])
    // a task restarted in this process starts from the newest acknowledged offset
    expect(await backend.readSourceOffset('c', { filename: 'a' })).toEqual({ position: 3 })
    await backend.close()
    expect(offsets()).toEqual(['["c",{"filename":"a"}]={"position":1}', '["c",{"filename":"a"}]={"position":3}', '["c",{"filename":"b"}]={"position":7}'])
  })

  it('loads offsets written by Kafka Connect, tombstones included', async () => {
    const record = (connector: string, position: number | null): KafkaRecord => ({
      topic: 'connect-offsets', key: offsetKey(connector, { filename: 'a' }), value: offsetValue(position === null ? null : { position }), headers: [], timestamp: 0,
    })
    const backend = createKafkaTopicBackend({ client: fakeKafka([record('x', 5), record('x', 9), record('y', 1), record('y', null)]) })
    expect(await backend.readSourceOffset('x', { filename: 'a' })).toEqual({ position: 9 })
    expect(await backend.readSourceOffset('y', { filename: 'a' })).toBeNull()
    expect(await backend.listSourceOffsets('x')).toEqual([{ partition: { filename: 'a' }, offset: { position: 9 } }])
  })
})
