import { randomUUID } from 'node:crypto'
import type { Admin, Consumer, Kafka, Producer } from 'kafkajs'
import { retryAsync } from '../../operators/retry-async.js'

const TRANSIENT_TYPES = new Set(['UNKNOWN_TOPIC_OR_PARTITION', 'LEADER_NOT_AVAILABLE', 'NOT_LEADER_FOR_PARTITION', 'NOT_COORDINATOR', 'COORDINATOR_NOT_AVAILABLE', 'COORDINATOR_LOAD_IN_PROGRESS'])

/** A broker error that goes away (a topic just created by another worker, a moving leader), also when kafkajs gave up retrying it. */
function isTransient(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; typeof e === 'object' && e !== null && depth < 4; e = (e as { cause?: unknown }).cause, depth++) { // cast: reading an optional field
    if ('retriable' in e && e.retriable === true) return true
    if ('type' in e && typeof e.type === 'string' && TRANSIENT_TYPES.has(e.type)) return true
  }
  return false
}

/** Retries transient broker errors (a topic's leader not elected yet, a coordinator moving) for up to `timeoutMs`. */
export function retrying<T>(operation: () => Promise<T>, timeoutMs = 60_000): Promise<T> {
  return retryAsync(operation, { isRetriable: isTransient, initialDelayMs: 100, maxDelayMs: 2000, timeoutMs })
}

/** A record of an internal topic: a UTF-8 key and raw value (`null`: tombstone). */
export interface LogRecord {
  readonly key: string
  readonly value: Buffer | null
}

/** How to open an internal topic. */
export interface KafkaLogOptions {
  readonly kafka: Kafka
  /** Connected. */
  readonly admin: Admin
  /** Connected; sends with acks=all. */
  readonly producer: Producer
  readonly topic: string
  /** Partitions when the topic is created (compacted, broker's replication factor). */
  readonly partitions: number
  /** Replication factor when the topic is created (Kafka Connect's `*.storage.replication.factor`); -1: the broker's default. @default -1 */
  readonly replicationFactor?: number
  readonly onRecord: (record: LogRecord) => void
}

/**
 * Kafka Connect's `KafkaBasedLog`: a compacted topic read from the beginning and followed, whose
 * `readToEnd` resolves once every record written before the call was applied.
 */
export class KafkaLog {
  readonly #options: KafkaLogOptions
  readonly #positions = new Map<number, number>()
  #waiters: (() => void)[] = []
  #consumer: Consumer | undefined

  constructor(options: KafkaLogOptions) {
    this.#options = options
  }

  get topic(): string {
    return this.#options.topic
  }

  /** Creates the topic when missing, starts following it and reads it to the end. */
  async start(): Promise<void> {
    const { kafka, admin, topic, partitions, replicationFactor = -1 } = this.#options
    await retrying(() => admin.createTopics({
      waitForLeaders: true,
      topics: [{ topic, numPartitions: partitions, replicationFactor, configEntries: [{ name: 'cleanup.policy', value: 'compact' }] }],
    }))
    // kafkajs reads only through a group: a group of one, never committing, is a plain reader
    const consumer = kafka.consumer({ groupId: `pipe-worker-log-${randomUUID()}`, maxWaitTimeInMs: 250, sessionTimeout: 30_000 })
    this.#consumer = consumer
    await consumer.connect()
    await retrying(() => consumer.subscribe({ topics: [topic], fromBeginning: true }))
    await consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        for (const m of batch.messages) this.#options.onRecord({ key: m.key?.toString('utf8') ?? '', value: m.value })
        this.#positions.set(batch.partition, Number(batch.lastOffset()) + 1)
        const waiters = this.#waiters
        this.#waiters = []
        for (const w of waiters) w()
        await Promise.resolve()
      },
    })
    await this.readToEnd()
  }

  /** Resolves once everything written to the topic before this call has been applied. */
  async readToEnd(timeoutMs = 60_000): Promise<void> {
    const ends = await retrying(() => this.#options.admin.fetchTopicOffsets(this.#options.topic))
    const deadline = Date.now() + timeoutMs
    const behind = (): boolean => ends.some((e) => Number(e.high) > Math.max(Number(e.low), this.#positions.get(e.partition) ?? 0))
    while (behind()) {
      if (Date.now() > deadline) throw new Error(`could not read topic ${this.#options.topic} to its end within ${String(timeoutMs / 1000)} s`)
      await new Promise<void>((resolve) => {
        this.#waiters.push(resolve)
        setTimeout(resolve, 200)
      })
    }
  }

  /** Writes records (acks=all); `undefined` partition: the key's murmur2 partition, as Kafka Connect. */
  async send(records: readonly { readonly key: string; readonly value: unknown }[]): Promise<void> {
    if (records.length === 0) return
    const messages = records.map((r) => ({ key: r.key, value: r.value === null ? null : JSON.stringify(r.value) }))
    await retrying(() => this.#options.producer.send({ topic: this.#options.topic, acks: -1, messages }))
  }

  async close(): Promise<void> {
    await this.#consumer?.disconnect()
  }
}
