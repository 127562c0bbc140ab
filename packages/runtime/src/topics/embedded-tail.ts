import { decodeBatch } from './embedded-batch.js'
import type { ConsumedMessage } from './topic-backend.js'

/** How much of the newest records the tail keeps, over all partitions together. */
export interface TailLimits {
  /** @default 20000 */
  readonly records?: number
  /** Bytes of the stored batches kept. @default 32 MiB */
  readonly bytes?: number
}

/** A stored batch as committed: `count` records from offset `base`, in the bytes of `encodeBatch`. */
interface TailBatch {
  readonly base: number
  readonly count: number
  readonly stored: Buffer
}

interface PartitionTail {
  /** batches[head] is the oldest kept; entries before head are dropped and compacted away now and then */
  batches: TailBatch[]
  head: number
  /** the offset after the newest record kept */
  end: number
}

/** Drops the entries before `head` once they are most of the array. */
function compact(items: unknown[], head: number): number {
  if (head < 1024 || head * 2 < items.length) return head
  items.splice(0, head)
  return 0
}

/**
 * The newest committed batches this process wrote, kept in memory as stored (one buffer per batch) so that its
 * sink tasks read what its source tasks just wrote without a SQLite query. A record is decoded only when read (views
 * into its batch): nothing per record is done or kept for a batch no one reads from here, and what a reader gets
 * dies young. The store stays the truth (every batch here is committed there first), and a consumer behind the
 * tail reads the store. The limits hold for all partitions together, the oldest batch going first (the newest batch
 * is always kept). Only valid while this process is the store's only writer, which the embedded backend is.
 */
export class EmbeddedTail {
  readonly #partitions = new Map<string, PartitionTail>()
  /** the partition of every batch kept, oldest first: the oldest batch is the head of its partition */
  #order: PartitionTail[] = []
  #orderHead = 0
  #records = 0
  #bytes = 0
  readonly #maxRecords: number
  readonly #maxBytes: number

  constructor(limits: TailLimits = {}) {
    this.#maxRecords = Math.max(1, limits.records ?? 20_000)
    this.#maxBytes = Math.max(1, limits.bytes ?? 32 * 2 ** 20)
  }

  /**
   * Appends a batch just committed: `count` records of a partition from offset `base`, following what the tail
   * holds of it. `stored` is kept as it is: its bytes must never change.
   */
  appendBatch(topic: string, partition: number, base: number, count: number, stored: Buffer): void {
    if (count === 0) return
    const key = `${topic}:${String(partition)}`
    let tail = this.#partitions.get(key)
    if (tail !== undefined && tail.end !== base) {
      // a gap (cannot happen while this process is the only writer): start over
      this.clear()
      tail = undefined
    }
    if (tail === undefined) {
      tail = { batches: [], head: 0, end: base }
      this.#partitions.set(key, tail)
    }
    tail.batches.push({ base, count, stored })
    tail.end = base + count
    this.#order.push(tail)
    this.#records += count
    this.#bytes += stored.length
    while ((this.#records > this.#maxRecords || this.#bytes > this.#maxBytes) && this.#order.length - this.#orderHead > 1) this.#dropOldest()
    this.#orderHead = compact(this.#order, this.#orderHead)
  }

  #dropOldest(): void {
    const tail = this.#order[this.#orderHead] as PartitionTail
    this.#order[this.#orderHead++] = undefined as unknown as PartitionTail
    const dropped = tail.batches[tail.head] as TailBatch
    tail.batches[tail.head++] = undefined as unknown as TailBatch
    this.#records -= dropped.count
    this.#bytes -= dropped.stored.length
    tail.head = compact(tail.batches, tail.head)
  }

  /**
   * Up to `max` records of the partition from `position`, or `undefined` when the tail does not
   * hold `position` (older records, or none kept): then the store has to answer.
   */
  read(topic: string, partition: number, position: number, max: number): readonly ConsumedMessage[] | undefined {
    const tail = this.#partitions.get(`${topic}:${String(partition)}`)
    if (tail === undefined) return undefined
    if (position === tail.end) return []
    const oldest = tail.batches[tail.head]
    if (oldest === undefined || position < oldest.base || position > tail.end) return undefined
    // readers are mostly near the end: look from the newest batch back
    let i = tail.batches.length - 1
    while (i > tail.head && (tail.batches[i] as TailBatch).base > position) i--
    const out: ConsumedMessage[] = []
    for (; i < tail.batches.length && out.length < max; i++) {
      const batch = tail.batches[i] as TailBatch
      const got = decodeBatch(topic, partition, batch.base, batch.stored, Math.max(position, batch.base), max - out.length)
      for (const m of got) out.push(m)
    }
    return out
  }

  /** Forgets everything (after a rolled-back write, or a gap in a partition's offsets). */
  clear(): void {
    this.#partitions.clear()
    this.#order = []
    this.#orderHead = 0
    this.#records = 0
    this.#bytes = 0
  }
}
