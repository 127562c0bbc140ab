import type { TopicPartitionOffset } from '../records/connect-record.js'
import type { KafkaClient, KafkaReadRecord } from './kafka-client.js'
import type { ConsumedMessage, TopicConsumer } from './topic-backend.js'

const REBALANCE_ERRORS = new Set(['ILLEGAL_GENERATION', 'REBALANCE_IN_PROGRESS', 'UNKNOWN_MEMBER_ID'])

/** A commit refused because the group rebalanced (kafkajs wraps the protocol error in `cause`). */
export function isRebalance(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; typeof e === 'object' && e !== null && depth < 3; e = (e as { cause?: unknown }).cause, depth++) { // cast: reading an optional field
    if ('type' in e && typeof e.type === 'string' && REBALANCE_ERRORS.has(e.type)) return true
  }
  return false
}

const keyOf = (topic: string, partition: number): string => `${topic}\u0000${String(partition)}`

/**
 * Turns a push-style Kafka group member into a pull consumer: a batch handler hands its records
 * over and waits (heartbeating) until `fetch` has taken all but the last `fetch`'s worth, so the
 * next fetch from the broker overlaps with the sink working through the rest, while at most one
 * fetched batch per partition and one sink batch wait in memory (backpressure).
 *
 * Partition ownership, as Kafka Connect's sink task keeps it through its rebalance listener: at each
 * assignment, records still waiting are dropped (kafkajs reads every partition again from its
 * committed offset) and only offsets of records `fetch` handed out since then may be committed, so a
 * member never commits a partition it lost, nor an offset from before it got the partition back.
 * Records delivered but not committed before a rebalance are delivered again (at least once).
 */
export async function kafkaConsumer(client: KafkaClient, group: string, topics: readonly string[], clientId?: string): Promise<TopicConsumer> {
  const queue: KafkaReadRecord[] = []
  let wake: (() => void) | undefined
  let drained: (() => void) | undefined
  let closed = false
  // what the sink takes per fetch: the handler lets the next broker fetch start once no more is left
  let lowWater = 0
  let owned = new Set<string>()
  // per partition, the offsets `fetch` handed out in the current assignment: first, and last + 1
  const handedOut = new Map<string, { readonly from: number; to: number }>()
  // a call, not the variable: the handler reads what close() sets later, across awaits
  const isClosed = (): boolean => closed
  const onAssignment = (partitions: readonly { topic: string; partition: number }[]): void => {
    owned = new Set(partitions.map((p) => keyOf(p.topic, p.partition)))
    queue.length = 0
    handedOut.clear()
    drained?.()
  }
  const member = await client.joinGroup(group, topics, async (records, heartbeat) => {
    if (isClosed()) return
    // ownership looked up once per run of one partition (a kafkajs batch is one), not per record
    let topic: string | undefined
    let partition = -1
    let mine = false
    for (const r of records) {
      if (r.partition !== partition || r.topic !== topic) {
        topic = r.topic
        partition = r.partition
        mine = owned.has(keyOf(topic, partition))
      }
      if (mine) queue.push(r)
    }
    wake?.()
    while (queue.length > lowWater && !isClosed()) {
      await new Promise<void>((resolve) => {
        drained = resolve
        setTimeout(resolve, 1000)
      })
      await heartbeat()
    }
  }, clientId === undefined ? { onAssignment } : { clientId, onAssignment })
  const note = (batch: readonly ConsumedMessage[]): void => {
    // once per run of one partition: no map work per record
    let start = 0
    for (let i = 0; i < batch.length; i++) {
      const m = batch[i]
      const following = batch[i + 1]
      if (m === undefined || (following !== undefined && following.topic === m.topic && following.partition === m.partition)) continue
      const key = keyOf(m.topic, m.partition)
      const range = handedOut.get(key)
      if (range === undefined) handedOut.set(key, { from: batch[start]?.offset ?? m.offset, to: m.offset + 1 })
      else range.to = m.offset + 1
      start = i + 1
    }
  }
  const committable = (offsets: readonly TopicPartitionOffset[]): TopicPartitionOffset[] => offsets.filter((o) => {
    const range = handedOut.get(keyOf(o.topic, o.partition))
    return range !== undefined && o.offset >= range.from && o.offset <= range.to
  })
  return {
    async fetch(max, waitMs) {
      if (queue.length === 0) {
        await new Promise<void>((resolve) => {
          wake = resolve
          setTimeout(resolve, waitMs)
        })
        wake = undefined
      }
      lowWater = max
      const batch: readonly ConsumedMessage[] = queue.splice(0, max)
      note(batch)
      if (queue.length <= lowWater) drained?.()
      return batch
    },
    committable,
    async commit(offsets) {
      const mine = committable(offsets)
      if (mine.length === 0) return
      try {
        await member.commit(mine)
      } catch (error) {
        // as Kafka Connect's sink task: a commit refused by a rebalance is dropped; whoever reads
        // those partitions next starts from the last committed offsets, the next commit covers the rest
        if (!isRebalance(error)) throw error
      }
    },
    // Kafka sinks are at-least-once: no checkpoint is kept
    checkpoint: () => Promise.resolve(null),
    // the batch handler waits for `fetch` to take its records; on close nobody will, so release it
    // (those records were never committed: the next member of the group reads them again)
    close: () => {
      closed = true
      queue.length = 0
      drained?.()
      return member.stop()
    },
  }
}
