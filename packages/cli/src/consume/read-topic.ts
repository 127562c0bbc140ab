import { randomBytes } from 'node:crypto'
import type { ConsumedMessage, TopicBackend, TopicConsumer } from '@pipe/runtime'
import type { StopSignal } from '../run/stop-signal.js'

/** How `pipe consume` reads. */
export interface ReadOptions {
  readonly topic: string
  readonly fromBeginning: boolean
  readonly maxMessages?: number | undefined
  /** Exit when no message came for this long (kafka-console-consumer's --timeout-ms). */
  readonly timeoutMs?: number | undefined
  readonly stop: StopSignal
  readonly now: () => number
}

/** Reads past what is there now, so only new messages print (the console consumer's default, latest). */
async function skipExisting(consumer: TopicConsumer): Promise<void> {
  while ((await consumer.fetch(10_000, 0)).length > 0) { /* skipped */ }
}

/**
 * Closes while taking whatever still arrives: a Kafka group member's batch handler waits until
 * its batch was fetched, so closing with records left would wait forever.
 */
async function closeDraining(consumer: TopicConsumer): Promise<void> {
  const state = { closed: false }
  const closing = consumer.close().finally(() => { state.closed = true })
  while (!state.closed) await consumer.fetch(Number.MAX_SAFE_INTEGER, 50)
  await closing
}

/**
 * Reads `topic` with a throwaway group (never committed), passing each message to `print`,
 * until `maxMessages`, the idle timeout or Ctrl-C. Resolves to the number printed.
 */
export async function readTopic(backend: TopicBackend, options: ReadOptions, print: (m: ConsumedMessage) => void): Promise<number> {
  const group = `pipe-console-consumer-${randomBytes(4).toString('hex')}`
  const consumer = await backend.consumer({ group, topics: [options.topic], member: { index: 0, count: 1 } })
  let count = 0
  try {
    if (!options.fromBeginning) await skipExisting(consumer)
    let lastMessage = options.now()
    const max = options.maxMessages ?? Infinity
    while (count < max && !options.stop.requested) {
      const batch = await consumer.fetch(Math.min(500, max - count), 200)
      for (const m of batch) print(m)
      count += batch.length
      if (batch.length > 0) lastMessage = options.now()
      else if (options.timeoutMs !== undefined && options.now() - lastMessage >= options.timeoutMs) break
    }
  } finally {
    await closeDraining(consumer)
  }
  return count
}
