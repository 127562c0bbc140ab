import type { SourceOffset, SourcePartition, TopicPartitionOffset } from '../records/connect-record.js'
import type { KafkaClient, KafkaRecord } from './kafka-client.js'
import { kafkaConsumer } from './kafka-consumer.js'
import { offsetKey, offsetValue, parseOffsetKey } from './kafka-offsets.js'
import { readOffsetsFile, writeOffsetsFile } from './offsets-file.js'
import { partitionForKey } from './murmur2.js'
import type { ConsumerOptions, GroupOffsetChange, SourceOffsetCommit, TaskClientIds, TopicBackend, TopicConsumer, TopicMessage, TopicSpec } from './topic-backend.js'

/** Options of the Kafka backend. */
export interface KafkaBackendOptions {
  readonly client: KafkaClient
  /** Kafka Connect's `offset.storage.topic` to share source offsets with Connect workers. @default 'connect-offsets' */
  readonly offsetsTopic?: string
  /** Partitions of the offsets topic when pipe creates it (Kafka Connect's default is 25). @default 25 */
  readonly offsetsTopicPartitions?: number
  /**
   * Kafka Connect's `offset.flush.interval.ms` for source offsets: acknowledged batches' offsets
   * are written to the offsets topic at most this often (the newest per source partition), and on
   * `close`. Kafka Connect's default is 60 s; a shorter interval re-reads less after a crash.
   * @default 1000
   */
  readonly offsetFlushIntervalMs?: number
  /**
   * Kafka Connect standalone's `offset.storage.file.filename`: source offsets are kept in this file
   * (FileOffsetBackingStore's format, written crash-safely) instead of the offsets topic.
   */
  readonly offsetsFile?: string
}

const NO_HEADERS: KafkaRecord['headers'] = Object.freeze([])

/** The same bytes as a Buffer, without copying them (converters already return Buffers). */
function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
}

function toRecord(m: TopicMessage): KafkaRecord {
  const key = m.key === null ? null : asBuffer(m.key)
  const value = m.value === null ? null : asBuffer(m.value)
  const headers = m.headers.length === 0 ? NO_HEADERS : m.headers.map((h) => ({ key: h.key, value: h.value === null ? null : asBuffer(h.value) }))
  return m.partition === null ? { topic: m.topic, key, value, headers, timestamp: m.timestamp } : { topic: m.topic, partition: m.partition, key, value, headers, timestamp: m.timestamp }
}

class KafkaTopicBackend implements TopicBackend {
  readonly kind = 'kafka'
  readonly #client: KafkaClient
  readonly #topic: string
  readonly #topicPartitions: number
  readonly #offsets = new Map<string, { connector: string; partition: SourcePartition; offset: SourceOffset }>()
  readonly #flushIntervalMs: number
  readonly #file: string | undefined
  #loaded: Promise<number> | undefined
  #tail: Promise<unknown> = Promise.resolve()
  // acknowledged but not yet written source offsets, per connector and source partition (newest wins)
  readonly #pending = new Map<string, SourceOffsetCommit['offsets'][number] & { readonly connector: string }>()
  // offsets being written (taken from #pending, not yet in #offsets)
  readonly #writing = new Map<string, SourceOffsetCommit['offsets'][number] & { readonly connector: string }>()
  #lastFlush = 0
  #flushing: Promise<void> = Promise.resolve()
  #timer: NodeJS.Timeout | undefined
  #flushError: Error | undefined
  #closed = false

  constructor(options: KafkaBackendOptions) {
    this.#client = options.client
    this.#topic = options.offsetsTopic ?? 'connect-offsets'
    this.#topicPartitions = options.offsetsTopicPartitions ?? 25
    this.#flushIntervalMs = options.offsetFlushIntervalMs ?? 1000
    this.#file = options.offsetsFile
  }

  /** Reads the offsets topic once (creating it compacted when missing); resolves its partition count. */
  #load(): Promise<number> {
    this.#loaded ??= (async () => {
      if (this.#file !== undefined) {
        for (const [key, value] of readOffsetsFile(this.#file)) this.#apply(key, value)
        return 1
      }
      await this.#client.createTopic({ name: this.#topic, partitions: this.#topicPartitions, config: { 'cleanup.policy': 'compact' } })
      for (const r of await this.#client.readAll(this.#topic)) if (r.key !== null) this.#apply(r.key, r.value)
      return this.#client.partitions(this.#topic)
    })()
    this.#loaded.catch(() => {
      this.#loaded = undefined // a failed load is retried by the next caller
    })
    return this.#loaded
  }

  /** One record of the offsets topic (or entry of the offsets file) applied to what is known. */
  #apply(key: Buffer, value: Buffer | null): void {
    const parsed = parseOffsetKey(key)
    if (parsed === undefined) return
    if (value === null) this.#offsets.delete(key.toString('utf8'))
    else this.#offsets.set(key.toString('utf8'), { ...parsed, offset: JSON.parse(value.toString('utf8')) as SourceOffset }) // cast: Kafka Connect's offset maps
  }

  async #writeOffsets(commits: readonly (SourceOffsetCommit['offsets'][number] & { readonly connector: string })[]): Promise<void> {
    const partitions = await this.#load()
    if (this.#file !== undefined) {
      for (const { connector, partition, offset } of commits) this.#apply(offsetKey(connector, partition), offset === null ? null : offsetValue(offset))
      writeOffsetsFile(this.#file, [...this.#offsets.values()].map((o) => [offsetKey(o.connector, o.partition), offsetValue(o.offset)] as const))
      return
    }
    const records = commits.map(({ connector, partition, offset }) => {
      const key = offsetKey(connector, partition)
      return { topic: this.#topic, partition: partitionForKey(key, partitions), key, value: offsetValue(offset), headers: [], timestamp: Date.now() }
    })
    await this.#client.send(records)
    for (const { connector, partition, offset } of commits) {
      const id = offsetKey(connector, partition).toString('utf8')
      if (offset === null) this.#offsets.delete(id)
      else this.#offsets.set(id, { connector, partition, offset })
    }
  }

  /** Takes the offsets of acknowledged batches; writes them now when the interval has passed, else soon. */
  #offer(commit: SourceOffsetCommit): void {
    for (const o of commit.offsets) this.#pending.set(offsetKey(commit.connector, o.partition).toString('utf8'), { connector: commit.connector, ...o })
    const due = this.#lastFlush + this.#flushIntervalMs - Date.now()
    if (due <= 0) void this.#flush().catch(() => undefined)
    else this.#timer ??= setTimeout(() => void this.#flush().catch(() => undefined), due).unref()
  }

  /** Writes the pending offsets (one write at a time, in order); rejects when this or an earlier write failed. */
  #flush(): Promise<void> {
    clearTimeout(this.#timer)
    this.#timer = undefined
    const commits = [...this.#pending.values()]
    for (const [id, c] of this.#pending) this.#writing.set(id, c)
    this.#pending.clear()
    if (commits.length > 0) this.#lastFlush = Date.now()
    this.#flushing = this.#flushing.then(async () => {
      if (commits.length === 0) return
      try {
        await this.#writeOffsets(commits)
        for (const c of commits) {
          const id = offsetKey(c.connector, c.partition).toString('utf8')
          if (this.#writing.get(id) === c) this.#writing.delete(id)
        }
      } catch (error) {
        // put back what a newer commit did not replace, and retry after the interval (as Connect's next flush)
        for (const c of commits) {
          const id = offsetKey(c.connector, c.partition).toString('utf8')
          if (this.#writing.get(id) === c) this.#writing.delete(id)
          if (!this.#pending.has(id)) this.#pending.set(id, c)
        }
        if (!this.#closed) this.#timer ??= setTimeout(() => void this.#flush().catch(() => undefined), this.#flushIntervalMs).unref()
        this.#flushError = error instanceof Error ? error : new Error(`offsets write failed: ${String(error)}`)
      }
    })
    return this.#flushing.then(() => {
      const error = this.#flushError
      this.#flushError = undefined
      if (error !== undefined) throw error
    })
  }

  ensureTopic(spec: TopicSpec): Promise<void> {
    return this.#client.createTopic(spec)
  }

  async unmetReplicationFactor(spec: TopicSpec): Promise<number | undefined> {
    const factor = spec.replicationFactor ?? 0
    if (factor <= 1 || this.#client.brokerCount === undefined) return undefined
    const brokers = await this.#client.brokerCount()
    if (factor <= brokers || (await this.#client.partitions(spec.name)) > 0) return undefined
    return brokers
  }

  produce(messages: readonly TopicMessage[], sourceOffsets?: SourceOffsetCommit): Promise<void> {
    return this.#produce(messages, sourceOffsets, undefined)
  }

  #produce(messages: readonly TopicMessage[], sourceOffsets: SourceOffsetCommit | undefined, clientId: string | undefined): Promise<void> {
    const sent = messages.length === 0 ? Promise.resolve() : this.#client.send(messages.map(toRecord), clientId)
    // offsets are taken in call order, each only after its own records were acknowledged; a call
    // with offsets and no records (an explicit commit) writes them at once
    const done = this.#tail.then(() => sent).then(() => {
      if (sourceOffsets === undefined || sourceOffsets.offsets.length === 0) return undefined
      this.#offer(sourceOffsets)
      return messages.length === 0 ? this.#flush() : undefined
    })
    this.#tail = done.catch(() => undefined)
    return done
  }

  async readSourceOffset(connector: string, partition: SourcePartition): Promise<SourceOffset | null> {
    await this.#load()
    const id = offsetKey(connector, partition).toString('utf8')
    // acknowledged offsets not written yet are this process's newest knowledge
    const pending = this.#pending.get(id) ?? this.#writing.get(id)
    return pending === undefined ? (this.#offsets.get(id)?.offset ?? null) : pending.offset
  }

  async listSourceOffsets(connector: string): Promise<{ partition: SourcePartition; offset: SourceOffset }[]> {
    await this.#load()
    return [...this.#offsets.values()].filter((o) => o.connector === connector).map(({ partition, offset }) => ({ partition, offset }))
  }

  consumer(options: ConsumerOptions): Promise<TopicConsumer> {
    return kafkaConsumer(this.#client, options.group, options.topics)
  }

  forTask(ids: TaskClientIds): TopicBackend {
    const { producer, consumer } = ids
    return {
      kind: this.kind,
      ensureTopic: (spec) => this.ensureTopic(spec),
      produce: (messages, sourceOffsets) => this.#produce(messages, sourceOffsets, producer),
      readSourceOffset: (connector, partition) => this.readSourceOffset(connector, partition),
      listSourceOffsets: (connector) => this.listSourceOffsets(connector),
      consumer: (options) => kafkaConsumer(this.#client, options.group, options.topics, consumer),
      listGroupOffsets: (group) => this.listGroupOffsets(group),
      alterGroupOffsets: (group, changes) => this.alterGroupOffsets(group, changes),
      resetGroupOffsets: (group) => this.resetGroupOffsets(group),
      forTask: (more) => this.forTask({ ...ids, ...more }),
      close: () => (producer === undefined ? Promise.resolve() : this.#client.releaseProducer(producer)),
    }
  }

  listGroupOffsets(group: string): Promise<readonly TopicPartitionOffset[]> {
    return this.#client.groupOffsets(group)
  }

  alterGroupOffsets(group: string, changes: readonly GroupOffsetChange[]): Promise<void> {
    return this.#client.alterGroupOffsets(group, changes)
  }

  resetGroupOffsets(group: string): Promise<void> {
    return this.#client.deleteGroup(group)
  }

  async close(): Promise<void> {
    try {
      await this.#tail
      await this.#flush()
    } finally {
      this.#closed = true
      clearTimeout(this.#timer)
      await this.#client.close()
    }
  }
}

/**
 * Topics on a Kafka cluster. Records go through the idempotent producer; source offsets go to the
 * offsets topic in Kafka Connect's format only after the records that produced them were
 * acknowledged (at-least-once), at most every `offsetFlushIntervalMs` and on close, as Kafka
 * Connect's offset flush does; sinks consume in group `connect-<connector>`.
 */
export function createKafkaTopicBackend(options: KafkaBackendOptions): TopicBackend {
  return new KafkaTopicBackend(options)
}
