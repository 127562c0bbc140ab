import type { KafkaClient, KafkaReadRecord } from './kafka-client.js'
import type { ConsumedMessage, TopicConsumer } from './topic-backend.js'

/**
 * Turns a push-style Kafka group member into a pull consumer: a batch handler hands its records
 * over and waits (heartbeating) until `fetch` has taken all but the last `fetch`'s worth, so the
 * next fetch from the broker overlaps with the sink working through the rest, while at most one
 * fetched batch per partition and one sink batch wait in memory (backpressure).
 */
export async function kafkaConsumer(client: KafkaClient, group: string, topics: readonly string[]): Promise<TopicConsumer> {
  const queue: KafkaReadRecord[] = []
  let wake: (() => void) | undefined
  let drained: (() => void) | undefined
  let closed = false
  // what the sink takes per fetch: the handler lets the next broker fetch start once no more is left
  let lowWater = 0
  // a call, not the variable: the handler reads what close() sets later, across awaits
  const isClosed = (): boolean => closed
  const member = await client.joinGroup(group, topics, async (records, heartbeat) => {
    if (isClosed()) return
    for (const r of records) queue.push(r)
    wake?.()
    while (queue.length > lowWater && !isClosed()) {
      await new Promise<void>((resolve) => {
        drained = resolve
        setTimeout(resolve, 1000)
      })
      await heartbeat()
    }
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
      if (queue.length <= lowWater) drained?.()
      return batch
    },
    commit: (offsets) => member.commit(offsets),
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
