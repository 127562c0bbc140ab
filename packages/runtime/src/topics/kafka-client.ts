import type { GroupOffsetChange, TopicSpec } from './topic-backend.js'

/** One record to produce, with an explicit partition when the caller chose it. */
export interface KafkaRecord {
  readonly topic: string
  readonly partition?: number
  readonly key: Buffer | null
  readonly value: Buffer | null
  readonly headers: readonly { readonly key: string; readonly value: Buffer | null }[]
  readonly timestamp: number
}

/** A record read back, with its position. */
export interface KafkaReadRecord extends KafkaRecord {
  readonly partition: number
  readonly offset: number
}

/** A batch handed to a group consumer's handler; it resolves when the batch may be acknowledged. */
export type KafkaBatchHandler = (records: readonly KafkaReadRecord[], heartbeat: () => Promise<void>) => Promise<void>

/** How a group member is created. */
export interface JoinOptions {
  /** Kafka's `client.id` of the member (Kafka Connect: `connector-consumer-<connector>-<task>`); the client's own when unset. */
  readonly clientId?: string
  /**
   * Called with the member's partitions each time the group (re)assigned them, before any batch of
   * that assignment is handed over. After it, every partition is read again from its committed offset.
   */
  readonly onAssignment?: (partitions: readonly { readonly topic: string; readonly partition: number }[]) => void
}

/** A running consumer group member. */
export interface KafkaGroupMember {
  commit(offsets: readonly { topic: string; partition: number; offset: number }[]): Promise<void>
  stop(): Promise<void>
}

/** The small slice of a Kafka client the runtime needs (kafkajs in production, fakes in tests). */
export interface KafkaClient {
  /**
   * Sends records with the idempotent producer and resolves once every one is acknowledged (acks=all).
   * With `clientId`, through a producer of that client id (a task's own, as Kafka Connect's
   * `connector-producer-<connector>-<task>`), kept until `releaseProducer(clientId)`.
   */
  send(records: readonly KafkaRecord[], clientId?: string): Promise<void>
  /** Closes the producer of `clientId` that `send` opened (a task stopped). */
  releaseProducer(clientId: string): Promise<void>
  /** Resolves once the client reached a broker (TLS and SASL included); rejects with the reason it could not. */
  ready?(): Promise<void>
  /** Creates the topic unless it exists. */
  createTopic(spec: TopicSpec): Promise<void>
  /** Number of partitions of a topic, or 0 when it does not exist. */
  partitions(topic: string): Promise<number>
  /** How many brokers the cluster has (a topic's replication factor cannot exceed it). */
  brokerCount?(): Promise<number>
  /** Every record of a topic from the beginning up to its current end. */
  readAll(topic: string): Promise<readonly KafkaReadRecord[]>
  /** Joins `group`, reading `topics` from committed offsets (earliest when none), auto-commit off. */
  joinGroup(group: string, topics: readonly string[], onBatch: KafkaBatchHandler, options?: JoinOptions): Promise<KafkaGroupMember>
  /** Committed offsets of a consumer group (partitions without a commit left out). */
  groupOffsets(group: string): Promise<readonly { topic: string; partition: number; offset: number }[]>
  /** Sets or removes committed offsets of a group without members. */
  alterGroupOffsets(group: string, changes: readonly GroupOffsetChange[]): Promise<void>
  /** Deletes a consumer group (a missing group is no error). */
  deleteGroup(group: string): Promise<void>
  close(): Promise<void>
}
