import { mkdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import type { SourceOffset, SourcePartition, TopicPartitionOffset } from '../records/connect-record.js'
import { startCheckpointer, type Checkpointer } from './embedded-checkpointer.js'
import { embeddedConsumer } from './embedded-consumer.js'
import { lockStateDir, type StateDirLock } from './embedded-lock.js'
import { encodeBatch, storedSize } from './embedded-batch.js'
import { checkStoreFormat, createSchema, migrateStore, STORE_FORMAT } from './embedded-schema.js'
import { EmbeddedRetention, type RetentionLimits } from './embedded-retention.js'
import { EmbeddedTail } from './embedded-tail.js'
import { createPartitioner } from './partitioner.js'
import type { ConsumerOptions, GroupOffsetChange, SourceOffsetCommit, TopicBackend, TopicConsumer, TopicMessage, TopicSpec } from './topic-backend.js'

/** Options of the embedded store. */
export interface EmbeddedBackendOptions {
  /** The state directory; the store is `<stateDir>/pipe.db`. @default '.pipe' */
  readonly stateDir?: string
  /**
   * SQLite `synchronous` in WAL mode. `normal` (default) writes every commit to the WAL before
   * `produce` resolves, so a committed batch and its offsets survive a killed process (kill -9,
   * a crash), and syncs the WAL to disk at checkpoints: like a Kafka broker, which acknowledges
   * writes from the page cache without an fsync each (`log.flush.interval.messages` unset). After
   * a power loss the store is still consistent, with the last commits missing together with
   * their source offsets. `full` also syncs the WAL on every commit (survives power loss without
   * losing a commit), at the cost of one fsync per batch on the event loop.
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
    insert: db.prepare<[string, number, number, number, number, number, Buffer]>('INSERT INTO batches (topic, partition, base_offset, last_offset, max_timestamp, bytes, records) VALUES (?, ?, ?, ?, ?, ?, ?)'),
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

/** Stores `messages` (one partition's, in order) as one batch from offset `base`; returns its retention size and bytes. */
function insertBatch(insert: ReturnType<typeof prepare>['insert'], topic: string, partition: number, base: number, messages: readonly TopicMessage[]): { bytes: number; stored: Buffer } {
  let bytes = 0
  let maxTimestamp = -Infinity
  for (const m of messages) {
    bytes += storedSize(m)
    if (m.timestamp > maxTimestamp) maxTimestamp = m.timestamp
  }
  const stored = encodeBatch(messages)
  insert.run(topic, partition, base, base + messages.length - 1, maxTimestamp, bytes, stored)
  return { bytes, stored }
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
  const insert = prepare(db).insert
  if (convert) migrateStore(db, (topic, partition, base, messages) => { insertBatch(insert, topic, partition, base, messages) })
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

  constructor(options: EmbeddedBackendOptions) {
    const { db, lock } = openDatabase(options)
    this.#file = join(options.stateDir ?? '.pipe', 'pipe.db')
    this.#db = db
    this.#lock = lock
    this.#checkpointer = lock === undefined ? undefined : startCheckpointer(join(options.stateDir ?? '.pipe', 'pipe.db'))
    this.#s = prepare(this.#db)
    this.#defaultPartitions = options.defaultPartitions ?? 1
    this.#retention = new EmbeddedRetention(db, options.retention)
    this.#write = this.#db.transaction((messages: readonly TopicMessage[], commit: SourceOffsetCommit | undefined) => {
      const runs = this.#place(messages)
      for (const run of runs) ({ bytes: run.bytes, stored: run.stored } = insertBatch(this.#s.insert, run.topic, run.partition, run.base, run.messages))
      for (const { partition, offset } of commit?.offsets ?? []) {
        const key = JSON.stringify(partition)
        if (offset === null) this.#s.deleteOffset.run(commit?.connector ?? '', key)
        else this.#s.putOffset.run(commit?.connector ?? '', key, JSON.stringify(offset))
      }
      return runs
    })
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
    checkpointer.request()
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
    const consumer = embeddedConsumer(this.#db, options, this.#tail)
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
    return size(this.#file) + size(`${this.#file}-wal`)
  }

  async close(): Promise<void> {
    await this.#checkpointer?.stop()
    this.#db.close() // the last connection to close checkpoints what is left
    this.#lock?.release()
  }
}

/**
 * The default topic backend: SQLite (better-sqlite3, WAL journal) in a state directory holding
 * topics, records, consumer offsets and source offsets. A produced batch and the source offsets
 * that produced it are written in one transaction: after a crash both are there or neither is.
 */
export function createEmbeddedTopicBackend(options: EmbeddedBackendOptions = {}): TopicBackend {
  return new EmbeddedTopicBackend(options)
}
