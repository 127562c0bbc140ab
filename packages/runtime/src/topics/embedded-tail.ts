import type { ConsumedMessage, MessageHeader, TopicMessage } from './topic-backend.js'

/** How much of the newest records the tail keeps, over all partitions together. */
export interface TailLimits {
  /** @default 20000 */
  readonly records?: number
  /** Key, value and header bytes. @default 32 MiB */
  readonly bytes?: number
}

interface PartitionTail {
  /** messages[head] has offset `start`; entries before head are dropped and compacted away now and then */
  messages: ConsumedMessage[]
  head: number
  start: number
}

const copy = (bytes: Uint8Array | null): Uint8Array | null => (bytes === null ? null : Buffer.from(bytes))
const copyHeaders = (headers: readonly MessageHeader[]): readonly MessageHeader[] =>
  headers.length === 0 ? headers : headers.map((h) => ({ key: h.key, value: copy(h.value) }))
function sizeOf(m: TopicMessage): number {
  let n = (m.key?.length ?? 0) + (m.value?.length ?? 0)
  for (const h of m.headers) n += h.key.length + (h.value?.length ?? 0)
  return n
}

/** Drops the entries before `head` once they are most of the array. */
function compact(items: unknown[], head: number): number {
  if (head < 4096 || head * 2 < items.length) return head
  items.splice(0, head)
  return 0
}

/**
 * The newest committed records this process wrote, kept in memory so that its sink tasks read what
 * its source tasks just wrote without a SQLite query: the store stays the truth (every record here is
 * committed there first), and a consumer behind the tail reads the store. The limits hold for all
 * partitions together; the oldest record goes first. Only valid while this process is the store's
 * only writer, which the embedded backend is.
 */
export class EmbeddedTail {
  readonly #partitions = new Map<string, PartitionTail>()
  /** the partition of every record kept, oldest first: the oldest record is the head of its partition */
  #order: PartitionTail[] = []
  #orderHead = 0
  #bytes = 0
  readonly #maxRecords: number
  readonly #maxBytes: number

  constructor(limits: TailLimits = {}) {
    this.#maxRecords = Math.max(1, limits.records ?? 20_000)
    this.#maxBytes = Math.max(1, limits.bytes ?? 32 * 2 ** 20)
  }

  /** Appends a record just committed at `offset` of its partition (consecutive offsets, in order); keeps a copy of its bytes. */
  append(topic: string, partition: number, offset: number, message: TopicMessage): void {
    const kept: ConsumedMessage = { topic, partition, offset, key: copy(message.key), value: copy(message.value), headers: copyHeaders(message.headers), timestamp: message.timestamp }
    this.#keep(this.#tailFor(kept), kept)
  }

  /**
   * Appends records just committed, as they are: their bytes must never change (views into a stored
   * batch are kept, not copied).
   */
  appendBatch(messages: readonly ConsumedMessage[]): void {
    let tail: PartitionTail | undefined
    let topic = ''
    let partition = -1
    for (const m of messages) {
      // looked up again only when the partition changes (a stored batch is one partition's) or an offset does not follow
      if (tail === undefined || m.topic !== topic || m.partition !== partition || tail.start + tail.messages.length - tail.head !== m.offset) {
        tail = this.#tailFor(m)
        topic = m.topic
        partition = m.partition
      }
      this.#keep(tail, m)
    }
  }

  /** The tail of `m`'s partition, to append `m` to: a new one when there is none or `m` does not follow it. */
  #tailFor(m: ConsumedMessage): PartitionTail {
    const key = `${m.topic}:${String(m.partition)}`
    let tail = this.#partitions.get(key)
    if (tail !== undefined && tail.start + tail.messages.length - tail.head !== m.offset) {
      // a gap (cannot happen while this process is the only writer): start over
      this.clear()
      tail = undefined
    }
    if (tail === undefined) {
      tail = { messages: [], head: 0, start: m.offset }
      this.#partitions.set(key, tail)
    }
    return tail
  }

  #keep(tail: PartitionTail, kept: ConsumedMessage): void {
    tail.messages.push(kept)
    this.#order.push(tail)
    this.#bytes += sizeOf(kept)
    while (this.#order.length - this.#orderHead > this.#maxRecords || (this.#bytes > this.#maxBytes && this.#order.length - this.#orderHead > 1)) {
      this.#dropOldest()
    }
    this.#orderHead = compact(this.#order, this.#orderHead)
  }

  #dropOldest(): void {
    const tail = this.#order[this.#orderHead] as PartitionTail
    this.#order[this.#orderHead++] = undefined as unknown as PartitionTail
    const dropped = tail.messages[tail.head] as ConsumedMessage
    tail.messages[tail.head] = undefined as unknown as ConsumedMessage
    this.#bytes -= sizeOf(dropped)
    tail.head++
    tail.start++
    tail.head = compact(tail.messages, tail.head)
  }

  /**
   * Up to `max` records of the partition from `position`, or `undefined` when the tail does not
   * hold `position` (older records, or none kept): then the store has to answer.
   */
  read(topic: string, partition: number, position: number, max: number): readonly ConsumedMessage[] | undefined {
    const tail = this.#partitions.get(`${topic}:${String(partition)}`)
    if (tail === undefined || position < tail.start) return undefined
    const from = tail.head + (position - tail.start)
    if (from >= tail.messages.length) return position === tail.start + tail.messages.length - tail.head ? [] : undefined
    return tail.messages.slice(from, from + max)
  }

  /** Forgets everything (after a rolled-back write, or a gap in a partition's offsets). */
  clear(): void {
    this.#partitions.clear()
    this.#order = []
    this.#orderHead = 0
    this.#bytes = 0
  }
}
