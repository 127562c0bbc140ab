import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import type { SourceOffset, SourcePartition, TopicPartitionOffset } from '../records/connect-record.js'
import { startCheckpointer, type Checkpointer } from './embedded-checkpointer.js'
import { embeddedConsumer } from './embedded-consumer.js'
import { lockStateDir, type StateDirLock } from './embedded-lock.js'
import { createSchema } from './embedded-schema.js'
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

function headersText(m: TopicMessage): string | null {
  if (m.headers.length === 0) return null
  return JSON.stringify(m.headers.map((h) => [h.key, h.value === null ? null : Buffer.from(h.value).toString('base64')]))
}

const INSERT_ROWS = 64
/** How often the WAL is checkpointed: it grows by what is written meanwhile. */
const CHECKPOINT_EVERY_MS = 250

function prepare(db: Database.Database) {
  return {
    topic: db.prepare<[string], { partitions: number }>('SELECT partitions FROM topics WHERE name = ?'),
    createTopic: db.prepare<[string, number, string]>('INSERT OR IGNORE INTO topics (name, partitions, config) VALUES (?, ?, ?)'),
    end: db.prepare<[string, number], { end: number | null }>('SELECT MAX(offset) + 1 AS end FROM records WHERE topic = ? AND partition = ?'),
    insert: db.prepare<[string, number, number, Uint8Array | null, Uint8Array | null, string | null, number]>('INSERT INTO records (topic, partition, offset, key, value, headers, timestamp) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    // one statement per INSERT_ROWS records: a call into SQLite per record costs more than the insert
    insertMany: db.prepare(`INSERT INTO records (topic, partition, offset, key, value, headers, timestamp) VALUES ${Array.from({ length: INSERT_ROWS }, () => '(?, ?, ?, ?, ?, ?, ?)').join(', ')}`),
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

const defaultOwner = (): string => ['node', ...process.argv.slice(1, 2)].join(' ')

/** Opens the store: read-only, or locked for this process and with its schema created. */
function openDatabase(options: EmbeddedBackendOptions): { db: Database.Database; lock: StateDirLock | undefined } {
  const dir = options.stateDir ?? '.pipe'
  if (options.readOnly === true) return { db: new Database(join(dir, 'pipe.db'), { readonly: true, fileMustExist: true }), lock: undefined }
  mkdirSync(dir, { recursive: true })
  const lock = lockStateDir(dir, options.owner ?? defaultOwner())
  try {
    const db = new Database(join(dir, 'pipe.db'))
    db.pragma('journal_mode = WAL')
    db.pragma(`synchronous = ${options.synchronous === 'full' ? 'FULL' : 'NORMAL'}`)
    db.pragma('busy_timeout = 5000')
    db.pragma('wal_autocheckpoint = 0') // startCheckpointer's thread does it
    db.pragma(`journal_size_limit = ${String(16 * 2 ** 20)}`) // the WAL is cut back to this when it starts over
    createSchema(db)
    return { db, lock }
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
  /** writes a batch and its source offsets in one transaction; returns each message's [partition, offset] */
  readonly #write: (messages: readonly TopicMessage[], commit: SourceOffsetCommit | undefined) => [number, number][]
  // the newest committed records, for this process's consumers
  readonly #tail = new EmbeddedTail()
  readonly #retention: EmbeddedRetention

  constructor(options: EmbeddedBackendOptions) {
    const { db, lock } = openDatabase(options)
    this.#db = db
    this.#lock = lock
    this.#checkpointer = lock === undefined ? undefined : startCheckpointer(join(options.stateDir ?? '.pipe', 'pipe.db'))
    this.#s = prepare(this.#db)
    this.#defaultPartitions = options.defaultPartitions ?? 1
    this.#retention = new EmbeddedRetention(db, options.retention)
    this.#write = this.#db.transaction((messages: readonly TopicMessage[], commit: SourceOffsetCommit | undefined) => {
      const rows: unknown[] = []
      const placed: [number, number][] = []
      let i = 0
      for (; i + INSERT_ROWS <= messages.length; i += INSERT_ROWS) {
        rows.length = 0
        for (let j = i; j < i + INSERT_ROWS; j++) placed.push(this.#row(messages[j] as TopicMessage, rows))
        this.#s.insertMany.run(rows)
      }
      for (; i < messages.length; i++) placed.push(this.#insert(messages[i] as TopicMessage))
      for (const { partition, offset } of commit?.offsets ?? []) {
        const key = JSON.stringify(partition)
        if (offset === null) this.#s.deleteOffset.run(commit?.connector ?? '', key)
        else this.#s.putOffset.run(commit?.connector ?? '', key, JSON.stringify(offset))
      }
      return placed
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
    // retention keeps each partition's last record, so MAX(offset) + 1 never hands out an offset again
    const key = `${topic}:${String(partition)}`
    let end = this.#ends.get(key)
    if (end === undefined) {
      end = this.#s.end.get(topic, partition)?.end ?? 0
      this.#ends.set(key, end)
    }
    return end
  }

  /** The partition and offset a message goes to; advances the partition's end. */
  #place(m: TopicMessage): [number, number] {
    const partitions = this.#partitionsOf(m.topic)
    const partition = m.partition ?? this.#partitioner(m.key, partitions)
    const offset = this.#endOf(m.topic, partition)
    this.#ends.set(`${m.topic}:${String(partition)}`, offset + 1)
    return [partition, offset]
  }

  #row(m: TopicMessage, rows: unknown[]): [number, number] {
    const placed = this.#place(m)
    rows.push(m.topic, placed[0], placed[1], m.key, m.value, headersText(m), m.timestamp)
    return placed
  }

  #insert(m: TopicMessage): [number, number] {
    const placed = this.#place(m)
    this.#s.insert.run(m.topic, placed[0], placed[1], m.key, m.value, headersText(m), m.timestamp)
    return placed
  }

  ensureTopic(spec: TopicSpec): Promise<void> {
    this.#s.createTopic.run(spec.name, spec.partitions ?? this.#defaultPartitions, JSON.stringify(spec.config ?? {}))
    return Promise.resolve()
  }

  produce(messages: readonly TopicMessage[], sourceOffsets?: SourceOffsetCommit): Promise<void> {
    let placed: [number, number][]
    try {
      placed = this.#write(messages, sourceOffsets)
    } catch (error) {
      this.#ends.clear() // offsets handed out inside the rolled-back transaction are free again
      this.#tail.clear()
      return Promise.reject(error instanceof Error ? error : new Error(String(error)))
    }
    this.#finishCheckpoint()
    // committed: now the tail may serve them
    for (let i = 0; i < messages.length; i++) {
      const [partition, offset] = placed[i] as [number, number]
      const m = messages[i] as TopicMessage
      this.#tail.append(m.topic, partition, offset, m)
      this.#retention.added(m.topic, partition, (m.key?.length ?? 0) + (m.value?.length ?? 0) + (headersText(m)?.length ?? 0))
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
