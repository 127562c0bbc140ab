import type { SourceOffset, SourcePartition, TopicPartitionOffset } from '../records/connect-record.js'

/** One header as stored in a topic: a key and raw bytes (`null` allowed, as in Kafka). */
export interface MessageHeader {
  readonly key: string
  readonly value: Uint8Array | null
}

/** A record as a topic stores it: converted key/value bytes. */
export interface TopicMessage {
  readonly topic: string
  /** `null`: the backend chooses (murmur2 of the key, as Kafka's default partitioner; round robin without key). */
  readonly partition: number | null
  readonly key: Uint8Array | null
  readonly value: Uint8Array | null
  readonly headers: readonly MessageHeader[]
  readonly timestamp: number
}

/** A record read back from a topic partition. */
export interface ConsumedMessage extends TopicMessage {
  readonly partition: number
  readonly offset: number
}

/** The source offsets a batch advances, per source partition (last record of each partition wins). */
export interface SourceOffsetCommit {
  readonly connector: string
  readonly offsets: readonly { readonly partition: SourcePartition; readonly offset: SourceOffset | null }[]
}

/** A committed next-offset to set, or (`offset: null`) to remove, for one partition of a consumer group. */
export interface GroupOffsetChange {
  readonly topic: string
  readonly partition: number
  readonly offset: number | null
}

/** Options a pipeline declares for a topic. */
export interface TopicSpec {
  readonly name: string
  readonly partitions?: number
  readonly replicationFactor?: number
  readonly config?: Readonly<Record<string, string>>
}

/** A consumer in group `connect-<connector>` that reads assigned partitions from their committed offsets. */
export interface TopicConsumer {
  /** Up to `max` messages; waits at most `waitMs` when none are ready. Resolves `[]` when none came. */
  fetch(max: number, waitMs: number): Promise<readonly ConsumedMessage[]>
  /** Commits next-offsets to read (last delivered + 1) for the group, with this member's sink checkpoint. */
  commit(offsets: readonly TopicPartitionOffset[], checkpoint?: string): Promise<void>
  /** This member's last committed sink checkpoint (`null`: none, or the backend keeps none). */
  checkpoint(): Promise<string | null>
  /** Messages not yet consumed by this group (for status and `--max-idle`); `undefined` when unknown. */
  lag?(): Promise<number | undefined>
  close(): Promise<void>
}

/** Where a consumer starts and which share of partitions it takes. */
export interface ConsumerOptions {
  readonly group: string
  readonly topics: readonly string[]
  /** This task's index and the number of tasks: partitions are split among them. */
  readonly member: { readonly index: number; readonly count: number }
}

/**
 * Topics, consumer offsets and source offsets behind one interface: the embedded store, Kafka, or
 * the in-memory fake. `produce` resolves only when the records are durable (embedded: committed;
 * Kafka: acknowledged) and the source offsets that produced them are committed after them
 * (embedded: in the same transaction).
 */
export interface TopicBackend {
  readonly kind: 'embedded' | 'kafka' | 'memory'
  ensureTopic(spec: TopicSpec): Promise<void>
  /**
   * Kafka only: the broker count when creating `spec` would fail because its replication factor
   * exceeds it (and the topic does not exist yet); `undefined` when it can be created or exists.
   */
  unmetReplicationFactor?(spec: TopicSpec): Promise<number | undefined>
  produce(messages: readonly TopicMessage[], sourceOffsets?: SourceOffsetCommit): Promise<void>
  readSourceOffset(connector: string, partition: SourcePartition): Promise<SourceOffset | null>
  /** Every committed source offset of a connector (`GET /connectors/{c}/offsets`). */
  listSourceOffsets(connector: string): Promise<readonly { partition: SourcePartition; offset: SourceOffset }[]>
  consumer(options: ConsumerOptions): Promise<TopicConsumer>
  /** The committed next-offsets of a consumer group (a sink's `connect-<connector>`). */
  listGroupOffsets(group: string): Promise<readonly TopicPartitionOffset[]>
  /** Sets or removes committed next-offsets of a consumer group that has no running member (`PATCH /connectors/{sink}/offsets`). */
  alterGroupOffsets(group: string, changes: readonly GroupOffsetChange[]): Promise<void>
  /** Removes every committed offset of a consumer group that has no running member (`DELETE /connectors/{sink}/offsets`). */
  resetGroupOffsets(group: string): Promise<void>
  close(): Promise<void>
}
