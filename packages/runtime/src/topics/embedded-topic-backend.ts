import { mkdirSync, statSync } from 'node:fs'
import { crc32 } from 'node:zlib'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import type { SourceOffset, SourcePartition, TopicPartitionOffset } from '../records/connect-record.js'
import { startCheckpointer, type Checkpointer } from './embedded-checkpointer.js'
import { embeddedConsumer } from './embedded-consumer.js'
import { lockStateDir, type StateDirLock } from './embedded-lock.js'
import { encodeBatch, storedSize } from './embedded-batch.js'
import { addSegmentColumns, checkStoreFormat, createSchema, migrateStore, STORE_FORMAT } from './embedded-schema.js'
import { EmbeddedRetention, type RetentionLimits } from './embedded-retention.js'
import { SegmentLog, type SegmentSlice } from './embedded-segments.js'
import { EmbeddedTail } from './embedded-tail.js'
import { createPartitioner } from './partitioner.js'
import type { ConsumerOptions, GroupOffsetChange, SourceOffsetCommit, TopicBackend, TopicConsumer, TopicMessage, TopicSpec } from './topic-backend.js'

/** Options of the embedded store. */
export interface EmbeddedBackendOptions {
  /** The state directory; the store is `<stateDir>/pipe.db`. @default '.pipe' */
  readonly stateDir?: string
  /**
   * How a committed batch is kept. `normal` (default): its records are written to their segment file and its row
   * to SQLite's WAL before `produce` resolves, so a committed batch and its offsets survive a killed process (kill -9,
   * a crash); the segment files and the WAL are synced to disk at checkpoints (four times a second): like a Kafka broker,
   * which acknowledges writes from the page cache without an fsync each (`log.flush.interval.messages` unset). After a
   * power loss the batches committed since the last checkpoint may be missing, or read as damaged (CRC-32). `full` also
   * syncs the segment and the WAL on every commit (survives power loss without losing a commit), at the cost of two
   * fsyncs per batch on the event loop.
   */
  readonly synchronous?: 'full' | 'normal'
  /** Partitions of auto-created topics. @default 1 */
  readonly defaultPartitions?: number
  /**
   * Open to read only (`pipe consume`): no lock, no writes, beside a process that holds the
   * directory. Otherwise the backend takes the directory's lock (see `lockStateDir`) for its lifetime.
   */
  readonly readOnly?: boolean
  /** What holds the lock, shown to a second process that is refused. @default `node <script>` */
  readonly owner?: string
  /**
   * The bound of topics whose config sets no `retention.bytes` / `retention.ms`.
   * @default { bytes: 1 GiB per partition, ms: 7 days }
   */
  readonly retention?: RetentionLimits
}

/** How often the WAL is checkpointed: it grows by what is written meanwhile. */
const CHECKPOINT_EVERY_MS = 250

/** The messages of one produce call bound for one partition, in order, and their index in the call. */
interface PartitionRun {
  readonly topic: string
  readonly partition: number
  readonly base: number
  readonly messages: TopicMessage[]
  /** retention size, once stored */
  bytes: number
  /** the stored batch, once stored: the tail keeps views into it */
  stored: Buffer | undefined
}

function prepare(db: Database.Database) {
  return {
    topic: db.prepare<[string], { partitions: number }>('SELECT partitions FROM topics WHERE name = ?'),
    createTopic: db.prepare<[string, number, string]>('INSERT OR IGNORE INTO topics (name, partitions, config) VALUES (?, ?, ?)'),
    end: db.prepare<[string, number], { end: number | null }>('SELECT MAX(last_offset) + 1 AS end FROM batches WHERE topic = ? AND partition = ?'),
    insertInline: db.prepare<[string, number, number, number, number, number, Buffer]>('INSERT INTO batches (topic, partition, base_offset, last_offset, max_timestamp, bytes, records) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    putOffset: db.prepare<[string, string, string]>('INSERT INTO source_offsets (connector, partition_key, offset) VALUES (?, ?, ?) ON CONFLICT (connector, partition_key) DO UPDATE SET offset = excluded.offset'),
    deleteOffset: db.prepare<[string, string]>('DELETE FROM source_offsets WHERE connector = ? AND partition_key = ?'),
    getOffset: db.prepare<[string, string], { offset: string }>('SELECT offset FROM source_offsets WHERE connector = ? AND partition_key = ?'),
    listOffsets: db.prepare<[string], { partition_key: string; offset: string }>('SELECT partition_key, offset FROM source_offsets WHERE connector = ?'),
    groupOffsets: db.prepare<[string], TopicPartitionOffset>('SELECT topic, partition, offset FROM consumer_offsets WHERE grp = ? ORDER BY topic, partition'),
    putGroupOffset: db.prepare<[string, string, number, number]>('INSERT INTO consumer_offsets (grp, topic, partition, offset) VALUES (?, ?, ?, ?) ON CONFLICT (grp, topic, partition) DO UPDATE SET offset = excluded.offset'),
    deleteGroupOffset: db.prepare<[string, string, number]>('DELETE FROM consumer_offsets WHERE grp = ? AND topic = ? AND partition = ?'),
    deleteGroup: db.prepare<[string]>('DELETE FROM consumer_offsets WHERE grp = ?'),
  }
}

/** The writer's statements on format 3's columns (a format-2 store opened read-only has none). */
function prepareSegments(db: Database.Database) {
  return {
    insert: db.prepare<[string, number, number, number, number, number, number, number, number, number]>("INSERT INTO batches (topic, partition, base_offset, last_offset, max_timestamp, bytes, records, segment, position, length, crc) VALUES (?, ?, ?, ?, ?, ?, x'', ?, ?, ?, ?)"),
    lastSlice: db.prepare<[string, number], SegmentSlice>('SELECT segment, position, length FROM batches WHERE topic = ? AND partition = ? AND segment IS NOT NULL ORDER BY last_offset DESC LIMIT 1'),
    firstSegment: db.prepare<[string, number], { segment: number }>('SELECT segment FROM batches WHERE topic = ? AND partition = ? AND segment IS NOT NULL ORDER BY last_offset LIMIT 1'),
  }
}

/** Retention size and newest timestamp of a batch's messages. */
function measure(messages: readonly TopicMessage[]): { bytes: number; maxTimestamp: number } {
  let bytes = 0
  let maxTimestamp = -Infinity
  for (const m of messages) {
    bytes += storedSize(m)
    if (m.timestamp > maxTimestamp) maxTimestamp = m.timestamp
  }
  return { bytes, maxTimestamp }
}

/** Stores `messages` (one partition's, in order) as one batch from offset `base`, in its row (format 2: a converted store only). */
function insertInline(insert: ReturnType<typeof prepare>['insertInline'], topic: string, partition: number, base: number, messages: readonly TopicMessage[]): void {
  const { bytes, maxTimestamp } = measure(messages)
  insert.run(topic, partition, base, base + messages.length - 1, maxTimestamp, bytes, encodeBatch(messages))
}

const defaultOwner = (): string => ['node', ...process.argv.slice(1, 2)].join(' ')

/** Runs `prepare` on a just-opened database; closes it when that throws. */
function preparing(db: Database.Database, prepareDb: (db: Database.Database) => void): Database.Database {
  try {
    prepareDb(db)
    return db
  } catch (error) {
    db.close()
    throw error
  }
}

/** Pragmas, format check, schema, and the conversion of an earlier format, for the store's writer. */
function prepareWriter(db: Database.Database, file: string, options: EmbeddedBackendOptions): void {
  db.pragma('journal_mode = WAL')
  db.pragma(`synchronous = ${options.synchronous === 'full' ? 'FULL' : 'NORMAL'}`)
  db.pragma('busy_timeout = 5000')
  db.pragma('wal_autocheckpoint = 0') // startCheckpointer's thread does it
  db.pragma(`journal_size_limit = ${String(16 * 2 ** 20)}`) // the WAL is cut back to this when it starts over
  const convert = checkStoreFormat(db, file, false)
  createSchema(db)
  addSegmentColumns(db)
  const insert = prepare(db).insertInline
  if (convert) migrateStore(db, (topic, partition, base, messages) => { insertInline(insert, topic, partition, base, messages) })
  else db.pragma(`user_version = ${String(STORE_FORMAT)}`)
}

/** Opens the store: read-only, or locked for this process, with its schema created (an earlier format converted). */
function openDatabase(options: EmbeddedBackendOptions): { db: Database.Database; lock: StateDirLock | undefined } {
  const dir = options.stateDir ?? '.pipe'
  const file = join(dir, 'pipe.db')
  if (options.readOnly === true) {
    return { db: preparing(new Database(file, { readonly: true, fileMustExist: true }), (db) => { checkStoreFormat(db, file, true) }), lock: undefined }
  }
  mkdirSync(dir, { recursive: true })
  const lock = lockStateDir(dir, options.owner ?? defaultOwner())
  try {
    return { db: preparing(new Database(file), (db) => { prepareWriter(db, file, options) }), lock }
  } catch (error) {
    lock.release()
    throw error
  }
}

class EmbeddedTopicBackend implements TopicBackend {
  readonly kind = 'embedded'
  readonly #db: Database.Database
  readonly #lock: StateDirLock | undefined
  readonly #checkpointer: Checkpointer | undefined
  #checkpointedAt = 0
  readonly #s: ReturnType<typeof prepare>
  readonly #defaultPartitions: number
  readonly #partitioner = createPartitioner()
  // next offset per topic partition and partitions per topic: this process is the store's only writer
  readonly #ends = new Map<string, number>()
  readonly #known = new Map<string, number>()
  /** writes a batch and its source offsets in one transaction; returns where its messages went, per partition */
  readonly #write: (messages: readonly TopicMessage[], commit: SourceOffsetCommit | undefined) => PartitionRun[]
  // the newest committed records, for this process's consumers
  readonly #tail = new EmbeddedTail()
  readonly #retention: EmbeddedRetention
  readonly #file: string
  readonly #segments: SegmentLog
  #segmentStatements: ReturnType<typeof prepareSegments> | undefined
  readonly #syncEachBatch: boolean

  constructor(options: EmbeddedBackendOptions) {
    const { db, lock } = openDatabase(options)
    const stateDir = options.stateDir ?? '.pipe'
    this.#file = join(stateDir, 'pipe.db')
    this.#db = db
    this.#lock = lock
    this.#checkpointer = lock === undefined ? undefined : startCheckpointer(this.#file)
    this.#s = prepare(this.#db)
    this.#defaultPartitions = options.defaultPartitions ?? 1
    this.#segments = new SegmentLog(join(stateDir, 'segments'))
    this.#syncEachBatch = options.synchronous === 'full'
    this.#retention = new EmbeddedRetention(db, options.retention, Date.now, (topic, partition) => {
      this.#segments.removeBelow(topic, partition, this.#segmentSql.firstSegment.get(topic, partition)?.segment)
    })
    this.#write = this.#db.transaction((messages: readonly TopicMessage[], commit: SourceOffsetCommit | undefined) => {
      const runs = this.#place(messages)
      for (const run of runs) this.#insertBatch(run)
      for (const { partition, offset } of commit?.offsets ?? []) {
        const key = JSON.stringify(partition)
        if (offset === null) this.#s.deleteOffset.run(commit?.connector ?? '', key)
        else this.#s.putOffset.run(commit?.connector ?? '', key, JSON.stringify(offset))
      }
      return runs
    })
  }

  /**
   * Stores a run as one batch: its records appended to the partition's segment, then its row (in the caller's
   * transaction, which commits it): a crash between the two leaves bytes that no row references, cut off later.
   */
  #insertBatch(run: PartitionRun): void {
    const { bytes, maxTimestamp } = measure(run.messages)
    const stored = encodeBatch(run.messages)
    const sql = this.#segmentSql
    const slice = this.#segments.append(run.topic, run.partition, run.base, stored, this.#retention.segmentBytes(run.topic), () => sql.lastSlice.get(run.topic, run.partition), this.#syncEachBatch)
    sql.insert.run(run.topic, run.partition, run.base, run.base + run.messages.length - 1, maxTimestamp, bytes, slice.segment, slice.position, slice.length, crc32(stored))
    run.bytes = bytes
    run.stored = stored
  }

  get #segmentSql(): ReturnType<typeof prepareSegments> {
    return (this.#segmentStatements ??= prepareSegments(this.#db))
  }

  #partitionsOf(topic: string): number {
    const cached = this.#known.get(topic)
    if (cached !== undefined) return cached
    this.#s.createTopic.run(topic, this.#defaultPartitions, '{}')
    const found = this.#s.topic.get(topic)?.partitions ?? 1
    this.#known.set(topic, found)
    return found
  }

  /** The next offset of a partition. */
  #endOf(topic: string, partition: number): number {
    // retention keeps each partition's last batch, so MAX(last_offset) + 1 never hands out an offset again
    const key = `${topic}:${String(partition)}`
    let end = this.#ends.get(key)
    if (end === undefined) {
      end = this.#s.end.get(topic, partition)?.end ?? 0
      this.#ends.set(key, end)
    }
    return end
  }

  /** Splits a produce call into one run of consecutive offsets per partition (a batch each); advances the partitions' ends. */
  #place(messages: readonly TopicMessage[]): PartitionRun[] {
    const runs = new Map<string, PartitionRun>()
    // messages mostly come in runs of one topic partition: the run of the previous one, without a lookup
    let last: PartitionRun | undefined
    for (const m of messages) {
      const partitions = m.topic === last?.topic ? (this.#known.get(m.topic) ?? 1) : this.#partitionsOf(m.topic) // creates the topic on first use
      const partition = m.partition ?? this.#partitioner(m.key, partitions)
      let run = last !== undefined && last.topic === m.topic && last.partition === partition ? last : undefined
      if (run === undefined) {
        const key = `${m.topic}:${String(partition)}`
        run = runs.get(key)
        if (run === undefined) {
          run = { topic: m.topic, partition, base: this.#endOf(m.topic, partition), messages: [], bytes: 0, stored: undefined }
          runs.set(key, run)
        }
      }
      run.messages.push(m)
      last = run
    }
    for (const [key, run] of runs) this.#ends.set(key, run.base + run.messages.length)
    return [...runs.values()]
  }

  ensureTopic(spec: TopicSpec): Promise<void> {
    this.#s.createTopic.run(spec.name, spec.partitions ?? this.#defaultPartitions, JSON.stringify(spec.config ?? {}))
    return Promise.resolve()
  }

  produce(messages: readonly TopicMessage[], sourceOffsets?: SourceOffsetCommit): Promise<void> {
    let runs: PartitionRun[]
    try {
      runs = this.#write(messages, sourceOffsets)
    } catch (error) {
      this.#ends.clear() // offsets handed out inside the rolled-back transaction are free again
      this.#tail.clear()
      this.#segments.forget() // bytes written for the rolled-back batches are cut off at the next write
      return Promise.reject(error instanceof Error ? error : new Error(String(error)))
    }
    this.#finishCheckpoint()
    // committed: now the tail may serve them
    for (const run of runs) {
      // the tail's records are views into the stored batch: one buffer per batch, no copy per record
      if (run.stored !== undefined) this.#tail.appendBatch(run.topic, run.partition, run.base, run.messages.length, run.stored)
      this.#retention.added(run.topic, run.partition, run.bytes)
    }
    return Promise.resolve()
  }

  /**
   * Four times a second, a checkpoint on the thread; when it is done, the rest of it here, between two
   * writes: only a checkpoint that copied the whole WAL lets the next write start the WAL over.
   */
  #finishCheckpoint(): void {
    const checkpointer = this.#checkpointer
    if (checkpointer === undefined) return
    if (checkpointer.takeDone()) this.#db.pragma('wal_checkpoint(PASSIVE)')
    const now = Date.now()
    if (checkpointer.busy || now - this.#checkpointedAt < CHECKPOINT_EVERY_MS) return
    this.#checkpointedAt = now
    checkpointer.request(this.#segments.takeWritten())
  }

  pressure(topics: readonly string[]): string | undefined {
    for (const topic of topics) {
      const why = this.#retention.pressure(topic, this.#partitionsOf(topic), (p) => this.#endOf(topic, p))
      if (why !== undefined) return why
    }
    return undefined
  }

  readSourceOffset(connector: string, partition: SourcePartition): Promise<SourceOffset | null> {
    const row = this.#s.getOffset.get(connector, JSON.stringify(partition))
    return Promise.resolve(row === undefined ? null : (JSON.parse(row.offset) as SourceOffset))
  }

  listSourceOffsets(connector: string): Promise<{ partition: SourcePartition; offset: SourceOffset }[]> {
    const rows = this.#s.listOffsets.all(connector)
    return Promise.resolve(rows.map((r) => ({ partition: JSON.parse(r.partition_key) as SourcePartition, offset: JSON.parse(r.offset) as SourceOffset })))
  }

  consumer(options: ConsumerOptions): Promise<TopicConsumer> {
    const consumer = embeddedConsumer(this.#db, options, this.#segments, this.#tail)
    this.#retention.opened(options.group, options.topics)
    let open = true
    return Promise.resolve({
      ...consumer,
      close: () => {
        if (open) this.#retention.closed(options.group, options.topics)
        open = false
        return consumer.close()
      },
    })
  }

  listGroupOffsets(group: string): Promise<readonly TopicPartitionOffset[]> {
    return Promise.resolve(this.#s.groupOffsets.all(group))
  }

  alterGroupOffsets(group: string, changes: readonly GroupOffsetChange[]): Promise<void> {
    this.#db.transaction(() => {
      for (const c of changes) {
        if (c.offset === null) this.#s.deleteGroupOffset.run(group, c.topic, c.partition)
        else this.#s.putGroupOffset.run(group, c.topic, c.partition, c.offset)
      }
    })()
    return Promise.resolve()
  }

  resetGroupOffsets(group: string): Promise<void> {
    this.#s.deleteGroup.run(group)
    return Promise.resolve()
  }

  storeBytes(): number {
    const size = (path: string): number => { try { return statSync(path).size } catch { return 0 } }
    return size(this.#file) + size(`${this.#file}-wal`) + this.#segments.bytes()
  }

  async close(): Promise<void> {
    await this.#checkpointer?.stop()
    this.#segments.close()
    this.#db.close() // the last connection to close checkpoints what is left
    this.#lock?.release()
  }
}

/**
 * The default topic backend: a state directory holding the records in segment files, as Kafka's log (see SegmentLog),
 * and SQLite (better-sqlite3, WAL journal) holding topics, where each batch is, consumer offsets and source offsets.
 * A produced batch's row and the source offsets that produced it are written in one transaction, after its records:
 * after a crash both are there or neither is.
 */
export function createEmbeddedTopicBackend(options: EmbeddedBackendOptions = {}): TopicBackend {
  return new EmbeddedTopicBackend(options)
}
