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

/**
 * A record's size in a Kafka produce request, about: its key, value and headers plus its framing (varints,
 * attributes). What bounds a request by bytes, as Kafka's producer bounds it by `max.request.size`.
 */
export function requestBytes(r: { readonly key: Uint8Array | null; readonly value: Uint8Array | null; readonly headers: readonly MessageHeader[] }): number {
  let n = 24 + (r.key?.length ?? 0) + (r.value?.length ?? 0)
  for (const h of r.headers) n += 8 + Buffer.byteLength(h.key) + (h.value?.length ?? 0)
  return n
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
  /**
   * Of `offsets`, those this member may still commit: a consumer whose partitions move between
   * members (Kafka's group) keeps only partitions it owns and offsets of records it handed out since
   * it got them; `commit` commits just those. Absent: every offset is the member's (a fixed share).
   */
  committable?(offsets: readonly TopicPartitionOffset[]): readonly TopicPartitionOffset[]
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
 * The Kafka client ids of one task's clients, as Kafka Connect's worker names them (what operators
 * find in broker logs and set quotas on): see `taskClientIds`.
 */
export interface TaskClientIds {
  /** Produces the task's records: `connector-producer-<connector>-<task>` (dead letters: `connector-dlq-producer-...`). */
  readonly producer?: string
  /** A sink task's group member: `connector-consumer-<connector>-<task>`. */
  readonly consumer?: string
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
  /**
   * Why writing to `topics` must wait now (embedded: a partition over its `retention.bytes` that
   * holds only records a consumer group has not consumed yet), or `undefined`. Sources wait while
   * it answers, shown as their task's `problem`; backends that never fill up leave it out.
   */
  pressure?(topics: readonly string[]): string | undefined
  /**
   * The same topics as one task's clients see them: `produce` and `consumer` go through clients with
   * `ids` (Kafka). Its `close` closes only those clients. Absent: the backend has no clients to name.
   */
  forTask?(ids: TaskClientIds): TopicBackend
  /** The store's size on disk in bytes (embedded: the database and its write-ahead log); absent where the broker keeps the data. */
  storeBytes?(): number
  close(): Promise<void>
}

/** Kafka Connect's client ids of task `task` of `connector` (Worker.java: `connector-producer-` + the task id `<connector>-<task>`). */
export function taskClientIds(connector: string, task: number): { readonly producer: string; readonly consumer: string; readonly dlqProducer: string } {
  const id = `${connector}-${String(task)}`
  return { producer: `connector-producer-${id}`, consumer: `connector-consumer-${id}`, dlqProducer: `connector-dlq-producer-${id}` }
}
