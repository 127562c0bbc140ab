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

/** A running consumer group member. */
export interface KafkaGroupMember {
  commit(offsets: readonly { topic: string; partition: number; offset: number }[]): Promise<void>
  stop(): Promise<void>
}

/** The small slice of a Kafka client the runtime needs (kafkajs in production, fakes in tests). */
export interface KafkaClient {
  /** Sends records with the idempotent producer and resolves once every one is acknowledged (acks=all). */
  send(records: readonly KafkaRecord[]): Promise<void>
  /** Creates the topic unless it exists. */
  createTopic(spec: TopicSpec): Promise<void>
  /** Number of partitions of a topic, or 0 when it does not exist. */
  partitions(topic: string): Promise<number>
  /** How many brokers the cluster has (a topic's replication factor cannot exceed it). */
  brokerCount?(): Promise<number>
  /** Every record of a topic from the beginning up to its current end. */
  readAll(topic: string): Promise<readonly KafkaReadRecord[]>
  /** Joins `group`, reading `topics` from committed offsets (earliest when none), auto-commit off. */
  joinGroup(group: string, topics: readonly string[], onBatch: KafkaBatchHandler): Promise<KafkaGroupMember>
  /** Committed offsets of a consumer group (partitions without a commit left out). */
  groupOffsets(group: string): Promise<readonly { topic: string; partition: number; offset: number }[]>
  /** Sets or removes committed offsets of a group without members. */
  alterGroupOffsets(group: string, changes: readonly GroupOffsetChange[]): Promise<void>
  /** Deletes a consumer group (a missing group is no error). */
  deleteGroup(group: string): Promise<void>
  close(): Promise<void>
}
