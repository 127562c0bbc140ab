import type { Database, Statement } from 'better-sqlite3'
export { RECORD_OVERHEAD } from './embedded-batch.js'

/** The bound of a topic's partitions, as Kafka's topic configs `retention.bytes` and `retention.ms` (-1: none). */
export interface RetentionLimits {
  /** Per partition, as Kafka. @default 1 GiB (Kafka: -1) */
  readonly bytes?: number
  /** By record timestamp. @default 7 days, as Kafka */
  readonly ms?: number
}

export const DEFAULT_RETENTION_BYTES = 2 ** 30
export const DEFAULT_RETENTION_MS = 7 * 24 * 3600 * 1000
/** Segment size when a topic sets no `segment.bytes`: at most this, and an eighth of `retention.bytes`, at least MIN_SEGMENT_BYTES. */
const MAX_SEGMENT_BYTES = 64 * 2 ** 20
const MIN_SEGMENT_BYTES = 2 ** 20
/** Batches deleted at most per `enforce` call: deletion never holds the event loop for long. */
const BUDGET = 16
/** How often time retention is looked at, per partition. */
const TIME_CHECK_MS = 1000

interface PartitionLog {
  /** first offset still stored (or the end when none) */
  start: number
  bytes: number
  checkedTimeAt: number
}

interface Statements {
  readonly config: Statement<[string], { config: string }>
  readonly stats: Statement<[string, number], { start: number | null; bytes: number | null }>
  readonly oldest: Statement<[string, number, number, number], { last: number; bytes: number; maxTimestamp: number }>
  readonly remove: Statement<[string, number, number]>
  readonly floors: Statement<[string, number], { grp: string; offset: number }>
  readonly hasCommit: Statement<[string, string, number], { one: number }>
}

function statements(db: Database): Statements {
  return {
    config: db.prepare('SELECT config FROM topics WHERE name = ?'),
    stats: db.prepare('SELECT MIN(base_offset) AS start, SUM(bytes) AS bytes FROM batches WHERE topic = ? AND partition = ?'),
    oldest: db.prepare('SELECT last_offset AS last, bytes, max_timestamp AS maxTimestamp FROM batches WHERE topic = ? AND partition = ? AND last_offset < ? ORDER BY last_offset LIMIT ?'),
    remove: db.prepare('DELETE FROM batches WHERE topic = ? AND partition = ? AND last_offset < ?'),
    floors: db.prepare('SELECT grp, offset FROM consumer_offsets WHERE topic = ? AND partition = ? ORDER BY offset LIMIT 1'),
    hasCommit: db.prepare('SELECT 1 AS one FROM consumer_offsets WHERE grp = ? AND topic = ? AND partition = ?'),
  }
}

const limitOf = (text: string | undefined, fallback: number): number => {
  const n = Number(text)
  return text === undefined || text.trim() === '' || !Number.isFinite(n) ? fallback : n
}

/** A group that still needs records from `offset` on (or `undefined`: nobody does). */
interface Floor {
  readonly group: string
  readonly offset: number
}

/**
 * The embedded store's bound: per topic partition, records beyond `retention.bytes` or older than
 * `retention.ms` are deleted, oldest first, but never one that a consumer group has not consumed
 * (committed past) yet. A partition over its size with nothing left to delete is full: `pressure`
 * says so, and sources writing to it wait (throttled) until its groups catch up. Sizes are kept in
 * memory, read once per partition from the store.
 */
export class EmbeddedRetention {
  readonly #s: Statements
  readonly #defaults: Required<RetentionLimits>
  readonly #limits = new Map<string, Required<RetentionLimits> & { readonly segmentBytes: number }>()
  readonly #logs = new Map<string, PartitionLog>()
  /** groups of this process's open consumers, by topic: a group with no commit yet keeps everything */
  readonly #live = new Map<string, Map<string, number>>()
  readonly #now: () => number
  readonly #removed: (topic: string, partition: number) => void

  /** `removed` runs after batches of a partition were deleted (the segment files they leave unused go). */
  constructor(db: Database, defaults: RetentionLimits = {}, now: () => number = Date.now, removed: (topic: string, partition: number) => void = () => undefined) {
    this.#s = statements(db)
    this.#defaults = { bytes: defaults.bytes ?? DEFAULT_RETENTION_BYTES, ms: defaults.ms ?? DEFAULT_RETENTION_MS }
    this.#now = now
    this.#removed = removed
  }

  limits(topic: string): Required<RetentionLimits> & { readonly segmentBytes: number } {
    let limits = this.#limits.get(topic)
    if (limits === undefined) {
      const config = JSON.parse(this.#s.config.get(topic)?.config ?? '{}') as Record<string, string | undefined>
      const bytes = limitOf(config['retention.bytes'], this.#defaults.bytes)
      const fitting = bytes > 0 ? Math.max(MIN_SEGMENT_BYTES, Math.min(MAX_SEGMENT_BYTES, Math.floor(bytes / 8))) : MAX_SEGMENT_BYTES
      const segmentBytes = limitOf(config['segment.bytes'], fitting)
      limits = { bytes, ms: limitOf(config['retention.ms'], this.#defaults.ms), segmentBytes: segmentBytes > 0 ? segmentBytes : fitting }
      this.#limits.set(topic, limits)
    }
    return limits
  }

  /**
   * Bytes a segment file of `topic` holds before the next batch starts a new one: the topic's `segment.bytes`, else
   * small enough that retention frees disk in steps of an eighth of `retention.bytes` (whole segments are deleted).
   */
  segmentBytes(topic: string): number {
    return this.limits(topic).segmentBytes
  }

  #log(topic: string, partition: number, end: number): PartitionLog {
    const key = `${topic}:${String(partition)}`
    let log = this.#logs.get(key)
    if (log === undefined) {
      const stats = this.#s.stats.get(topic, partition)
      log = { start: stats?.start ?? end, bytes: stats?.bytes ?? 0, checkedTimeAt: 0 }
      this.#logs.set(key, log)
    }
    return log
  }

  /** Counts a batch just committed, its `storedSize` in all (call after the write's transaction committed). */
  added(topic: string, partition: number, size: number): void {
    // a partition not read yet counts it when it is, from the store
    const log = this.#logs.get(`${topic}:${String(partition)}`)
    if (log !== undefined) log.bytes += size
  }

  /** A consumer of `group` reads `topics` (until `closed` is called with the same arguments). */
  opened(group: string, topics: readonly string[]): void {
    for (const t of topics) {
      const groups = this.#live.get(t) ?? new Map<string, number>()
      groups.set(group, (groups.get(group) ?? 0) + 1)
      this.#live.set(t, groups)
    }
  }

  closed(group: string, topics: readonly string[]): void {
    for (const t of topics) {
      const groups = this.#live.get(t)
      const n = (groups?.get(group) ?? 0) - 1
      if (n > 0) groups?.set(group, n)
      else groups?.delete(group)
    }
  }

  /** The lowest offset some group still needs, and which group. */
  #floor(topic: string, partition: number, log: PartitionLog): Floor | undefined {
    const committed = this.#s.floors.get(topic, partition)
    for (const group of this.#live.get(topic)?.keys() ?? []) {
      // an open consumer that has committed nothing here yet needs everything
      if (committed?.grp !== group && this.#s.hasCommit.get(group, topic, partition) === undefined) {
        return { group, offset: log.start }
      }
    }
    return committed === undefined ? undefined : { group: committed.grp, offset: committed.offset }
  }

  /**
   * Deletes what the bound allows in one partition, whole batches as Kafka deletes whole segments, oldest first
   * (at most BUDGET batches per call): while the partition is over `retention.bytes`, or the batch's newest
   * record is older than `retention.ms`, and never past what a group still needs.
   */
  enforce(topic: string, partition: number, end: number): void {
    const limits = this.limits(topic)
    const log = this.#log(topic, partition, end)
    const now = this.#now()
    const overSize = limits.bytes >= 0 && log.bytes > limits.bytes
    const timeDue = limits.ms >= 0 && now - log.checkedTimeAt >= TIME_CHECK_MS
    if (!overSize && !timeDue) return
    if (timeDue) log.checkedTimeAt = now
    // the last batch stays, as Kafka's active segment: the store's next offset is MAX(last_offset) + 1
    const floor = Math.min(this.#floor(topic, partition, log)?.offset ?? end, end - 1)
    const cutoff = limits.ms >= 0 ? now - limits.ms : -Infinity
    let upto = log.start
    let bytes = log.bytes
    for (const batch of this.#s.oldest.all(topic, partition, floor, BUDGET)) {
      if (!(limits.bytes >= 0 && bytes > limits.bytes) && batch.maxTimestamp >= cutoff) break
      upto = batch.last + 1
      bytes -= batch.bytes
    }
    if (upto === log.start) return
    this.#s.remove.run(topic, partition, upto)
    log.bytes = bytes
    log.start = upto
    this.#removed(topic, partition)
  }

  /**
   * Why a source must wait before writing to `topic` (a partition over `retention.bytes` that holds
   * only records a group has not consumed yet), or `undefined`.
   */
  pressure(topic: string, partitions: number, ends: (partition: number) => number): string | undefined {
    const limits = this.limits(topic)
    for (let p = 0; p < partitions; p++) {
      const end = ends(p)
      this.enforce(topic, p, end)
      const log = this.#log(topic, p, end)
      if (log.bytes <= limits.bytes) continue
      if (limits.bytes < 0) continue
      const floor = this.#floor(topic, p, log)
      if (floor === undefined || floor.offset > log.start) continue // deletable: enforce makes room
      const mib = (log.bytes / 2 ** 20).toFixed(1)
      return `throttled: topic '${topic}' partition ${String(p)} holds ${mib} MiB (retention.bytes ${String(limits.bytes)}) that consumer group '${floor.group}' has not consumed yet (at offset ${String(floor.offset)} of ${String(end)}); waiting for it`
    }
    return undefined
  }
}
