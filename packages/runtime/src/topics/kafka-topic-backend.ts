import type { SourceOffset, SourcePartition, TopicPartitionOffset } from '../records/connect-record.js'
import type { KafkaClient, KafkaRecord } from './kafka-client.js'
import { kafkaConsumer } from './kafka-consumer.js'
import { offsetKey, offsetValue, parseOffsetKey } from './kafka-offsets.js'
import { partitionForKey } from './murmur2.js'
import type { ConsumerOptions, GroupOffsetChange, SourceOffsetCommit, TopicBackend, TopicConsumer, TopicMessage, TopicSpec } from './topic-backend.js'

/** Options of the Kafka backend. */
export interface KafkaBackendOptions {
  readonly client: KafkaClient
  /** Kafka Connect's `offset.storage.topic` to share source offsets with Connect workers. @default 'connect-offsets' */
  readonly offsetsTopic?: string
  /** Partitions of the offsets topic when pipe creates it (Kafka Connect's default is 25). @default 25 */
  readonly offsetsTopicPartitions?: number
}

function toRecord(m: TopicMessage): KafkaRecord {
  const base = { topic: m.topic, key: m.key === null ? null : Buffer.from(m.key), value: m.value === null ? null : Buffer.from(m.value), timestamp: m.timestamp }
  const headers = m.headers.map((h) => ({ key: h.key, value: h.value === null ? null : Buffer.from(h.value) }))
  return m.partition === null ? { ...base, headers } : { ...base, headers, partition: m.partition }
}

class KafkaTopicBackend implements TopicBackend {
  readonly kind = 'kafka'
  readonly #client: KafkaClient
  readonly #topic: string
  readonly #topicPartitions: number
  readonly #offsets = new Map<string, { connector: string; partition: SourcePartition; offset: SourceOffset }>()
  #loaded: Promise<number> | undefined
  #tail: Promise<unknown> = Promise.resolve()

  constructor(options: KafkaBackendOptions) {
    this.#client = options.client
    this.#topic = options.offsetsTopic ?? 'connect-offsets'
    this.#topicPartitions = options.offsetsTopicPartitions ?? 25
  }

  /** Reads the offsets topic once (creating it compacted when missing); resolves its partition count. */
  #load(): Promise<number> {
    this.#loaded ??= (async () => {
      await this.#client.createTopic({ name: this.#topic, partitions: this.#topicPartitions, config: { 'cleanup.policy': 'compact' } })
      for (const r of await this.#client.readAll(this.#topic)) {
        const key = r.key === null ? undefined : parseOffsetKey(r.key)
        if (key === undefined || r.key === null) continue
        if (r.value === null) this.#offsets.delete(r.key.toString('utf8'))
        else this.#offsets.set(r.key.toString('utf8'), { ...key, offset: JSON.parse(r.value.toString('utf8')) as SourceOffset })
      }
      return this.#client.partitions(this.#topic)
    })()
    this.#loaded.catch(() => {
      this.#loaded = undefined // a failed load is retried by the next caller
    })
    return this.#loaded
  }

  async #commitOffsets(commit: SourceOffsetCommit): Promise<void> {
    const partitions = await this.#load()
    const records = commit.offsets.map(({ partition, offset }) => {
      const key = offsetKey(commit.connector, partition)
      return { topic: this.#topic, partition: partitionForKey(key, partitions), key, value: offsetValue(offset), headers: [], timestamp: Date.now() }
    })
    await this.#client.send(records)
    for (const { partition, offset } of commit.offsets) {
      const id = offsetKey(commit.connector, partition).toString('utf8')
      if (offset === null) this.#offsets.delete(id)
      else this.#offsets.set(id, { connector: commit.connector, partition, offset })
    }
  }

  ensureTopic(spec: TopicSpec): Promise<void> {
    return this.#client.createTopic(spec)
  }

  produce(messages: readonly TopicMessage[], sourceOffsets?: SourceOffsetCommit): Promise<void> {
    const sent = messages.length === 0 ? Promise.resolve() : this.#client.send(messages.map(toRecord))
    // offsets are written in call order, each after its own records were acknowledged
    const done = this.#tail.then(() => sent).then(() => (sourceOffsets === undefined || sourceOffsets.offsets.length === 0 ? undefined : this.#commitOffsets(sourceOffsets)))
    this.#tail = done.catch(() => undefined)
    return done
  }

  async readSourceOffset(connector: string, partition: SourcePartition): Promise<SourceOffset | null> {
    await this.#load()
    return this.#offsets.get(offsetKey(connector, partition).toString('utf8'))?.offset ?? null
  }

  async listSourceOffsets(connector: string): Promise<{ partition: SourcePartition; offset: SourceOffset }[]> {
    await this.#load()
    return [...this.#offsets.values()].filter((o) => o.connector === connector).map(({ partition, offset }) => ({ partition, offset }))
  }

  consumer(options: ConsumerOptions): Promise<TopicConsumer> {
    return kafkaConsumer(this.#client, options.group, options.topics)
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

  close(): Promise<void> {
    return this.#client.close()
  }
}

/**
 * Topics on a Kafka cluster. Records go through the idempotent producer; source offsets go to the
 * offsets topic in Kafka Connect's format only after the records that produced them were
 * acknowledged (at-least-once); sinks consume in group `connect-<connector>`.
 */
export function createKafkaTopicBackend(options: KafkaBackendOptions): TopicBackend {
  return new KafkaTopicBackend(options)
}
