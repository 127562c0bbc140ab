import type { ConnectSchema } from './connect-schema.js'
import type { ConnectValue } from './connect-value.js'

/** One header, as Kafka Connect's `Header`: a key and a schemaless value. Keys may repeat. */
export interface ConnectHeader {
  readonly key: string
  readonly value: ConnectValue
}

/** Where a source record comes from, e.g. FileStream's `{ filename: 'in.txt' }`. Flat, primitive values. */
export type SourcePartition = Readonly<Record<string, string | number | boolean | null>>

/** How far a source partition has been read, e.g. FileStream's `{ position: 30 }`. Flat, primitive values. */
export type SourceOffset = Readonly<Record<string, string | number | boolean | null>>

/** The part every record shares (Kafka Connect `ConnectRecord`). */
export interface ConnectRecord {
  readonly topic: string
  /** `null` lets the topic backend choose (by key hash, as Kafka's default partitioner). */
  readonly kafkaPartition: number | null
  readonly key: ConnectValue
  readonly value: ConnectValue
  /** Epoch milliseconds, or `null` when unknown. */
  readonly timestamp: number | null
  readonly headers: readonly ConnectHeader[]
  /** The key's schema when the connector or converter gave one (omitted or `null` = schemaless). */
  readonly keySchema?: ConnectSchema | null
  /** The value's schema, likewise (FileStream source values are required strings). */
  readonly valueSchema?: ConnectSchema | null
}

/** A record a source task produced, with the position that produced it. */
export interface SourceRecord extends ConnectRecord {
  readonly sourcePartition: SourcePartition
  readonly sourceOffset: SourceOffset
}

/**
 * What `SourceTask.poll()` returns: a source record whose topic, partition, key, headers and
 * timestamp may be left out (the engine fills in the connector's `topic`, `null`, `[]`, now).
 */
export interface PolledRecord {
  readonly sourcePartition: SourcePartition
  readonly sourceOffset: SourceOffset
  readonly topic?: string
  readonly kafkaPartition?: number | null
  readonly key?: ConnectValue
  readonly value: ConnectValue
  readonly headers?: readonly ConnectHeader[]
  readonly timestamp?: number | null
  readonly keySchema?: ConnectSchema | null
  readonly valueSchema?: ConnectSchema | null
}

/** A record a sink task receives: read from a topic partition at an offset. */
export interface SinkRecord extends ConnectRecord {
  readonly kafkaPartition: number
  readonly kafkaOffset: number
  /** The topic and partition before any SMT rewrote them (used for offset commits). */
  readonly originalTopic: string
  readonly originalKafkaPartition: number
  readonly originalKafkaOffset: number
}

/** A topic partition and the next offset to read from it (Kafka's commit convention). */
export interface TopicPartitionOffset {
  readonly topic: string
  readonly partition: number
  readonly offset: number
}

