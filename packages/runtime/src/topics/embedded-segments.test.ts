import { appendFileSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { encodeBatch } from './embedded-batch.js'
import { partitionDirName, segmentFileName } from './embedded-segments.js'
import { STORE_FORMAT } from './embedded-schema.js'
import { createEmbeddedTopicBackend } from './embedded-topic-backend.js'
import type { TopicBackend, TopicMessage } from './topic-backend.js'

const stateDir = (): Promise<string> => mkdtemp(join(tmpdir(), 'pipe-segments-'))
const message = (i: number, bytes = 0): TopicMessage => ({ topic: 't', partition: 0, key: null, value: Buffer.from(`v${String(i)}${'x'.repeat(bytes)}`), headers: [], timestamp: i })
const messages = (from: number, count: number, bytes = 0): TopicMessage[] => Array.from({ length: count }, (_, i) => message(from + i, bytes))
const partitionDir = (dir: string): string => join(dir, 'segments', partitionDirName('t', 0))
const segmentFiles = (dir: string): string[] => readdirSync(partitionDir(dir)).sort()

/** Every record of partition 0 of 't' from the store (a fresh group), as [offset, value]. */
async function readAll(backend: TopicBackend): Promise<[number, string][]> {
  const consumer = await backend.consumer({ group: `check-${String(Math.random())}`, topics: ['t'], member: { index: 0, count: 1 } })
  const out: [number, string][] = []
  for (let batch = await consumer.fetch(1000, 0); batch.length > 0; batch = await consumer.fetch(1000, 0)) {
    for (const m of batch) out.push([m.offset, Buffer.from(m.value ?? []).toString()])
  }
  await consumer.close()
  return out
}

/** A closed store holding records 0-2 of 't' in its first segment `file`. */
async function storeOfThree(): Promise<{ dir: string; file: string }> {
  const dir = await stateDir()
  const backend = createEmbeddedTopicBackend({ stateDir: dir })
  await backend.ensureTopic({ name: 't', partitions: 1 })
  await backend.produce(messages(0, 3))
  await backend.close()
  return { dir, file: join(partitionDir(dir), segmentFileName(0)) }
}

const expected = (from: number, count: number, bytes = 0): [number, string][] => Array.from({ length: count }, (_, i) => [from + i, `v${String(from + i)}${'x'.repeat(bytes)}`])

describe('embedded store segments', () => {
  it('keeps records in segment files named by their first offset, as Kafka, and reads them back after a restart', async () => {
    const dir = await stateDir()
    const backend = createEmbeddedTopicBackend({ stateDir: dir })
    await backend.ensureTopic({ name: 't', partitions: 1 })
    await backend.produce(messages(0, 3))
    await backend.produce(messages(3, 2))
    await backend.close()
    expect(segmentFiles(dir)).toEqual([segmentFileName(0)])
    expect(segmentFileName(0)).toBe('00000000000000000000.log')
    const reopened = createEmbeddedTopicBackend({ stateDir: dir })
    expect(await readAll(reopened)).toEqual(expected(0, 5))
    await reopened.close()
  })

  it('reads a batch from its segment once, however many fetches it takes (a sink of 2,000 a fetch behind batches of 1,024)', async () => {
    const { dir, file } = await storeOfThree()
    const reopened = createEmbeddedTopicBackend({ stateDir: dir }) // an empty tail: the consumer reads the segment
    const consumer = await reopened.consumer({ group: 'g', topics: ['t'], member: { index: 0, count: 1 } })
    expect((await consumer.fetch(2, 0)).map((m) => m.offset)).toEqual([0, 1])
    // read again, the batch would be refused as damaged (CRC-32): the next fetch goes on from the batch already read
    writeFileSync(file, Buffer.alloc(statSync(file).size))
    expect((await consumer.fetch(2, 0)).map((m) => Buffer.from(m.value ?? []).toString())).toEqual(['v2'])
    await reopened.close()
  })

  it('cuts off bytes that no committed batch references (a process killed between the write and its commit)', async () => {
    const { dir, file } = await storeOfThree()
    const committed = statSync(file).size
    // what a killed writer leaves: bytes past the last commit, and a segment it started but never committed
    appendFileSync(file, Buffer.alloc(5000, 0xff))
    writeFileSync(join(partitionDir(dir), segmentFileName(3)), 'never committed')
    const reopened = createEmbeddedTopicBackend({ stateDir: dir })
    await reopened.produce(messages(3, 2))
    expect(await readAll(reopened)).toEqual(expected(0, 5))
    await reopened.close()
    expect(segmentFiles(dir)).toEqual([segmentFileName(0)])
    expect(statSync(file).size).toBe(committed + encodeBatch(messages(3, 2)).length)
  })

  it('writes nothing that stays of a batch whose transaction rolled back', async () => {
    const dir = await stateDir()
    const backend = createEmbeddedTopicBackend({ stateDir: dir })
    await backend.ensureTopic({ name: 't', partitions: 1 })
    await backend.produce(messages(0, 2))
    // a source offset JSON cannot hold fails the transaction after the records were appended
    await expect(backend.produce(messages(100, 4), { connector: 'c', offsets: [{ partition: { f: 'x' }, offset: { n: 1n } as never }] })).rejects.toThrow(/BigInt/)
    await backend.produce(messages(2, 2))
    await backend.close()
    const reopened = createEmbeddedTopicBackend({ stateDir: dir })
    expect(await readAll(reopened)).toEqual(expected(0, 4))
    await reopened.close()
    expect(statSync(join(partitionDir(dir), segmentFileName(0))).size).toBe(encodeBatch(messages(0, 2)).length * 2)
  })

  it('deletes whole segment files as retention deletes their batches, and starts a new one every segment.bytes', async () => {
    const dir = await stateDir()
    const backend = createEmbeddedTopicBackend({ stateDir: dir })
    await backend.ensureTopic({ name: 't', partitions: 1, config: { 'retention.bytes': String(2 ** 20), 'segment.bytes': String(128 * 1024) } })
    // 200 batches of 10 records of about 2 KB: 4 MB, four times the bound
    for (let i = 0; i < 200; i++) {
      await backend.produce(messages(i * 10, 10, 2000))
      backend.pressure?.(['t'])
    }
    const files = segmentFiles(dir)
    const onDisk = files.reduce((n, f) => n + statSync(join(partitionDir(dir), f)).size, 0)
    expect(files.length).toBeGreaterThan(3)
    expect(onDisk).toBeGreaterThan(2 ** 20 - 128 * 1024)
    expect(onDisk).toBeLessThan(2 ** 20 + 2 * 128 * 1024)
    expect(backend.storeBytes?.() ?? 0).toBeGreaterThanOrEqual(onDisk)
    await backend.close()
    // another process reads what is stored (this one's tail still holds the newest records in memory)
    const reader = createEmbeddedTopicBackend({ stateDir: dir, readOnly: true })
    const read = await readAll(reader)
    expect(read.at(-1)).toEqual([1999, `v1999${'x'.repeat(2000)}`])
    const first = read[0]?.[0] ?? 0
    expect(first).toBeGreaterThan(1000)
    expect(read).toEqual(expected(first, 2000 - first, 2000))
    // the oldest file left is named by the first offset it holds
    expect(Number((files[0] ?? '').slice(0, 20))).toBeLessThanOrEqual(first)
    await reader.close()
  })

  it('reads a store of format 2 (records in the rows), adds the columns, and appends to segments after them', async () => {
    const dir = await stateDir()
    const db = new Database(join(dir, 'pipe.db'))
    db.exec(`
      CREATE TABLE topics (name TEXT PRIMARY KEY, partitions INTEGER NOT NULL, config TEXT NOT NULL);
      CREATE TABLE batches (topic TEXT NOT NULL, partition INTEGER NOT NULL, base_offset INTEGER NOT NULL, last_offset INTEGER NOT NULL, max_timestamp INTEGER NOT NULL, bytes INTEGER NOT NULL, records BLOB NOT NULL);
      CREATE UNIQUE INDEX batches_by_offset ON batches (topic, partition, last_offset);
      CREATE TABLE consumer_offsets (grp TEXT NOT NULL, topic TEXT NOT NULL, partition INTEGER NOT NULL, offset INTEGER NOT NULL, PRIMARY KEY (grp, topic, partition));
      CREATE TABLE sink_checkpoints (grp TEXT NOT NULL, member INTEGER NOT NULL, data TEXT NOT NULL, PRIMARY KEY (grp, member));
      CREATE TABLE source_offsets (connector TEXT NOT NULL, partition_key TEXT NOT NULL, offset TEXT NOT NULL, PRIMARY KEY (connector, partition_key));
      INSERT INTO topics VALUES ('t', 1, '{}');
      PRAGMA user_version = 2;
    `)
    const insert = db.prepare('INSERT INTO batches VALUES (?, ?, ?, ?, ?, ?, ?)')
    insert.run('t', 0, 0, 2, 2, 100, encodeBatch(messages(0, 3)))
    insert.run('t', 0, 3, 3, 3, 100, encodeBatch(messages(3, 1)))
    db.close()
    // read-only first, as `pipe consume` beside a pipe of the earlier format
    const reader = createEmbeddedTopicBackend({ stateDir: dir, readOnly: true })
    expect(await readAll(reader)).toEqual(expected(0, 4))
    await reader.close()
    const backend = createEmbeddedTopicBackend({ stateDir: dir })
    await backend.produce(messages(4, 3))
    await backend.close()
    const reopened = createEmbeddedTopicBackend({ stateDir: dir, readOnly: true })
    expect(await readAll(reopened)).toEqual(expected(0, 7))
    await reopened.close()
    expect(segmentFiles(dir)).toEqual([segmentFileName(4)])
    const check = new Database(join(dir, 'pipe.db'), { readonly: true })
    expect(check.pragma('user_version', { simple: true })).toBe(STORE_FORMAT)
    check.close()
  })

  it('refuses a damaged batch with its place (CRC-32), and a missing segment with the fix', async () => {
    const { dir, file } = await storeOfThree()
    const bytes = readFileSync(file)
    bytes[bytes.length - 2] = 0x21 // a byte of the last value
    writeFileSync(file, bytes)
    const damaged = createEmbeddedTopicBackend({ stateDir: dir })
    await expect(readAll(damaged)).rejects.toThrow('stored batch at offset 0 of t-0 is damaged (its CRC-32 does not match)')
    await damaged.close()
    rmSync(file)
    const reader = createEmbeddedTopicBackend({ stateDir: dir, readOnly: true })
    await expect(readAll(reader)).rejects.toThrow(`the embedded store is damaged: segment '${file}' holds committed records and is missing; fix:`)
    await reader.close()
    const missing = createEmbeddedTopicBackend({ stateDir: dir })
    await expect(missing.produce(messages(3, 1))).rejects.toThrow(`the embedded store is damaged: segment '${file}' holds committed records and is missing; fix: restore the state directory from a backup, or pass a new --state-dir`)
    await missing.close()
  })
})
