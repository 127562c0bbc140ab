import type { Database, Statement } from 'better-sqlite3'

/** The bound of a topic's partitions, as Kafka's topic configs `retention.bytes` and `retention.ms` (-1: none). */
export interface RetentionLimits {
  /** Per partition, as Kafka. @default 1 GiB (Kafka: -1) */
  readonly bytes?: number
  /** By record timestamp. @default 7 days, as Kafka */
  readonly ms?: number
}

export const DEFAULT_RETENTION_BYTES = 2 ** 30
export const DEFAULT_RETENTION_MS = 7 * 24 * 3600 * 1000
/** What a stored record costs beyond its key, value and headers (offset, partition, timestamp, row and index). */
export const RECORD_OVERHEAD = 32
/** Records deleted per step, and at most per `enforce` call: deletion never holds the event loop for long. */
const CHUNK = 1000
const BUDGET = 2000
/** How often time retention is looked at, per partition. */
const TIME_CHECK_MS = 1000

const SIZE = 'COALESCE(LENGTH(key), 0) + COALESCE(LENGTH(value), 0) + COALESCE(LENGTH(headers), 0) + ' + String(RECORD_OVERHEAD)

interface PartitionLog {
  /** first offset still stored (or the end when none) */
  start: number
  bytes: number
  checkedTimeAt: number
}

interface Statements {
  readonly config: Statement<[string], { config: string }>
  readonly stats: Statement<[string, number], { start: number | null; bytes: number | null }>
  readonly rangeBytes: Statement<[string, number, number, number], { bytes: number | null }>
  readonly firstLive: Statement<[string, number, number, number, number], { offset: number }>
  readonly remove: Statement<[string, number, number]>
  readonly floors: Statement<[string, number], { grp: string; offset: number }>
  readonly hasCommit: Statement<[string, string, number], { one: number }>
}

function statements(db: Database): Statements {
  return {
    config: db.prepare('SELECT config FROM topics WHERE name = ?'),
    stats: db.prepare(`SELECT MIN(offset) AS start, SUM(${SIZE}) AS bytes FROM records WHERE topic = ? AND partition = ?`),
    rangeBytes: db.prepare(`SELECT SUM(${SIZE}) AS bytes FROM records WHERE topic = ? AND partition = ? AND offset >= ? AND offset < ?`),
    firstLive: db.prepare('SELECT offset FROM records WHERE topic = ? AND partition = ? AND offset >= ? AND offset < ? AND timestamp >= ? ORDER BY offset LIMIT 1'),
    remove: db.prepare('DELETE FROM records WHERE topic = ? AND partition = ? AND offset < ?'),
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
  readonly #db: Database
  readonly #s: Statements
  readonly #defaults: Required<RetentionLimits>
  readonly #limits = new Map<string, Required<RetentionLimits>>()
  readonly #logs = new Map<string, PartitionLog>()
  /** groups of this process's open consumers, by topic: a group with no commit yet keeps everything */
  readonly #live = new Map<string, Map<string, number>>()
  readonly #now: () => number

  constructor(db: Database, defaults: RetentionLimits = {}, now: () => number = Date.now) {
    this.#db = db
    this.#s = statements(db)
    this.#defaults = { bytes: defaults.bytes ?? DEFAULT_RETENTION_BYTES, ms: defaults.ms ?? DEFAULT_RETENTION_MS }
    this.#now = now
  }

  limits(topic: string): Required<RetentionLimits> {
    let limits = this.#limits.get(topic)
    if (limits === undefined) {
      const config = JSON.parse(this.#s.config.get(topic)?.config ?? '{}') as Record<string, string | undefined>
      limits = { bytes: limitOf(config['retention.bytes'], this.#defaults.bytes), ms: limitOf(config['retention.ms'], this.#defaults.ms) }
      this.#limits.set(topic, limits)
    }
    return limits
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

  /** Counts a record just committed (call after the write's transaction committed). */
  added(topic: string, partition: number, size: number): void {
    // a partition not read yet counts it when it is, from the store
    const log = this.#logs.get(`${topic}:${String(partition)}`)
    if (log !== undefined) log.bytes += size + RECORD_OVERHEAD
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

  /** Deletes what the bound allows in one partition (at most BUDGET records per call). */
  enforce(topic: string, partition: number, end: number): void {
    const limits = this.limits(topic)
    const log = this.#log(topic, partition, end)
    const now = this.#now()
    const overSize = limits.bytes >= 0 && log.bytes > limits.bytes
    const timeDue = limits.ms >= 0 && now - log.checkedTimeAt >= TIME_CHECK_MS
    if (!overSize && !timeDue) return
    if (timeDue) log.checkedTimeAt = now
    // the last record stays, as Kafka's active segment: the store's next offset is MAX(offset) + 1
    const floor = Math.min(this.#floor(topic, partition, log)?.offset ?? end, end - 1)
    const cutoff = limits.ms >= 0 ? now - limits.ms : -Infinity
    this.#db.transaction(() => {
      for (let budget = BUDGET; budget > 0 && log.start < floor; budget -= CHUNK) {
        let upto = Math.min(floor, log.start + CHUNK)
        if (!(limits.bytes >= 0 && log.bytes > limits.bytes)) {
          // only time retention left: up to the first record not yet expired
          upto = this.#s.firstLive.get(topic, partition, log.start, upto, cutoff)?.offset ?? upto
          if (upto === log.start) break
        }
        const removed = this.#s.rangeBytes.get(topic, partition, log.start, upto)
        this.#s.remove.run(topic, partition, upto)
        log.bytes -= removed?.bytes ?? 0
        log.start = upto
      }
    })()
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
