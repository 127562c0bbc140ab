import type { Database, Statement } from 'better-sqlite3'
import { crc32 } from 'node:zlib'
import type { TopicPartitionOffset } from '../records/connect-record.js'
import { decodeBatch } from './embedded-batch.js'
import { hasSegmentColumns } from './embedded-schema.js'
import { missingSegment, type SegmentLog } from './embedded-segments.js'
import type { EmbeddedTail } from './embedded-tail.js'
import { assignedPartitions } from './partitioner.js'
import type { ConsumedMessage, ConsumerOptions, TopicConsumer } from './topic-backend.js'

/**
 * A stored batch as `fetch` reads it (raw: an array, no object per row): base offset, records in the row (format 2),
 * or where they are in a segment and their CRC-32 (format 3: the row's records are empty).
 */
type FetchedBatch = [number, Buffer, number | null, number | null, number | null, number | null]
/** Batches read per query. */
const BATCHES = 4

interface Statements {
  readonly partitions: Statement<[string], { partitions: number }>
  readonly committed: Statement<[string, string, number], { offset: number }>
  readonly fetch: Statement<[string, number, number, number], FetchedBatch>
  readonly end: Statement<[string, number], { end: number | null }>
  readonly stored: Statement<[string, number, number], { one: number }>
  readonly commit: Statement<[string, string, number, number]>
  readonly putCheckpoint: Statement<[string, number, string]>
  readonly getCheckpoint: Statement<[string, number], { data: string }>
}

function statements(db: Database): Statements {
  return {
    partitions: db.prepare('SELECT partitions FROM topics WHERE name = ?'),
    committed: db.prepare('SELECT offset FROM consumer_offsets WHERE grp = ? AND topic = ? AND partition = ?'),
    // a format-2 store opened read-only has no segment columns (a writer adds them)
    fetch: db.prepare<[string, number, number, number], FetchedBatch>(`SELECT base_offset, records, ${hasSegmentColumns(db) ? 'segment, position, length, crc' : 'NULL, NULL, NULL, NULL'} FROM batches WHERE topic = ? AND partition = ? AND last_offset >= ? ORDER BY last_offset LIMIT ?`).raw(),
    stored: db.prepare('SELECT 1 AS one FROM batches WHERE topic = ? AND partition = ? AND base_offset = ?'),
    end: db.prepare('SELECT MAX(last_offset) + 1 AS end FROM batches WHERE topic = ? AND partition = ?'),
    putCheckpoint: db.prepare('INSERT INTO sink_checkpoints (grp, member, data) VALUES (?, ?, ?) ON CONFLICT (grp, member) DO UPDATE SET data = excluded.data'),
    getCheckpoint: db.prepare('SELECT data FROM sink_checkpoints WHERE grp = ? AND member = ?'),
    commit: db.prepare('INSERT INTO consumer_offsets (grp, topic, partition, offset) VALUES (?, ?, ?, ?) ON CONFLICT (grp, topic, partition) DO UPDATE SET offset = excluded.offset'),
  }
}

/**
 * A consumer of the embedded store: reads its share of partitions from the group's committed offsets,
 * from `tail` (the records this process wrote last) when it holds the position, from the store otherwise.
 */
export function embeddedConsumer(db: Database, options: ConsumerOptions, segments: SegmentLog, tail?: EmbeddedTail): TopicConsumer {
  const s = statements(db)
  // the segment batch read last: a fetch of `max` records mostly ends inside a batch, and the next one starts there
  let last: { readonly key: string; readonly records: Buffer } | undefined
  /** A batch's records: from its row, or from its segment (undefined: deleted by retention since it was looked up). */
  const recordsOf = (topic: string, p: number, [base, inline, segment, position, length, crc]: FetchedBatch): Buffer | undefined => {
    if (segment === null) return inline
    const key = `${topic}:${String(p)}:${String(base)}`
    if (last?.key === key) return last.records
    const records = segments.read(topic, p, { segment, position: position ?? 0, length: length ?? 0 })
    if (records === undefined) {
      // another process's retention deletes a segment after its rows: a row still there means the file was lost
      if (s.stored.get(topic, p, base) === undefined) return undefined
      throw missingSegment(segments.pathOf(topic, p, segment))
    }
    if (crc32(records) !== crc) throw new RangeError(`stored batch at offset ${String(base)} of ${topic}-${String(p)} is damaged (its CRC-32 does not match)`)
    last = { key, records }
    return records
  }
  const position = new Map<string, number>()
  // a topic's partitions never change once it exists (until then: none, asked again at each read)
  let assigned: [string, number][] | undefined
  const assignment = (): [string, number][] => {
    if (assigned !== undefined) return assigned
    const counts = options.topics.map((topic) => [topic, s.partitions.get(topic)?.partitions ?? 0] as const)
    const pairs = counts.flatMap(([topic, n]) => assignedPartitions(n, options.member.index, options.member.count).map((p): [string, number] => [topic, p]))
    if (counts.every(([, n]) => n > 0)) assigned = pairs
    return pairs
  }
  const positionOf = (topic: string, p: number): number => position.get(`${topic}:${p}`) ?? s.committed.get(options.group, topic, p)?.offset ?? 0
  const read = (max: number): ConsumedMessage[] => {
    const out: ConsumedMessage[] = []
    for (const [topic, p] of assignment()) {
      if (out.length >= max) break
      const from = positionOf(topic, p)
      const recent = tail?.read(topic, p, from, max - out.length)
      if (recent !== undefined) {
        for (const m of recent) out.push(m)
        const last = recent.at(-1)
        if (last !== undefined) position.set(`${topic}:${String(p)}`, last.offset + 1)
        continue
      }
      for (const row of s.fetch.all(topic, p, from, BATCHES)) {
        if (out.length >= max) break
        const base = row[0]
        const records = recordsOf(topic, p, row)
        if (records === undefined) break
        // a position inside a batch (a commit mid-batch) skips its first records
        const got = decodeBatch(topic, p, base, records, from, max - out.length)
        for (const m of got) out.push(m)
        const last = got.at(-1)
        if (last !== undefined) position.set(`${topic}:${String(p)}`, last.offset + 1)
      }
    }
    return out
  }
  return {
    async fetch(max, waitMs) {
      const deadline = Date.now() + waitMs
      let batch = read(max)
      while (batch.length === 0 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, Math.min(10, waitMs)))
        batch = read(max)
      }
      return batch
    },
    commit(offsets: readonly TopicPartitionOffset[], checkpoint?: string) {
      db.transaction(() => {
        for (const o of offsets) s.commit.run(options.group, o.topic, o.partition, o.offset)
        if (checkpoint !== undefined) s.putCheckpoint.run(options.group, options.member.index, checkpoint)
      })()
      return Promise.resolve()
    },
    checkpoint: () => Promise.resolve(s.getCheckpoint.get(options.group, options.member.index)?.data ?? null),
    lag: () => Promise.resolve(assignment().reduce((n, [topic, p]) => n + Math.max(0, (s.end.get(topic, p)?.end ?? 0) - positionOf(topic, p)), 0)),
    close: () => Promise.resolve(),
  }
}
