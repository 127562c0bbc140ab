import { randomUUID } from 'node:crypto'
import { Kafka, logLevel } from 'kafkajs'

export interface ReadRecord {
  readonly partition: number
  readonly offset: string
  readonly key: string | null
  readonly value: string | null
  readonly headers: Readonly<Record<string, string>>
  /** The record's timestamp, ms since the epoch (what retention.ms goes by). */
  readonly timestamp: number
}

/** Waits until the topic exists with a leader for partition 0 (a connector may create it moments later). */
async function waitForTopic(kafka: Kafka, topic: string, timeoutMs: number): Promise<void> {
  const admin = kafka.admin()
  await admin.connect()
  try {
    const deadline = Date.now() + timeoutMs
    for (;;) {
      const ready = await admin.fetchTopicMetadata({ topics: [topic] })
        .then((meta) => (meta.topics[0]?.partitions.length ?? 0) > 0 && (meta.topics[0]?.partitions.every((p) => p.leader >= 0) ?? false))
        .catch(() => false)
      if (ready) return
      if (Date.now() > deadline) throw new Error(`topic ${topic} did not appear within ${String(timeoutMs / 1000)}s`)
      await new Promise((resolve) => setTimeout(resolve, 250))
    }
  } finally {
    await admin.disconnect()
  }
}

/**
 * Reads a topic from the beginning with a fresh consumer group until `count` records arrived, then
 * waits `settleMs` more to see any surplus (duplicates), and returns them in arrival order.
 */
export async function readTopic(brokers: readonly string[], topic: string, count: number, options: { timeoutMs?: number; settleMs?: number } = {}): Promise<ReadRecord[]> {
  const kafka = new Kafka({ clientId: 'pipe-test-reader', brokers: [...brokers], logLevel: logLevel.NOTHING })
  const consumer = kafka.consumer({ groupId: `pipe-test-${randomUUID()}` })
  const records: ReadRecord[] = []
  await waitForTopic(kafka, topic, options.timeoutMs ?? 60_000)
  await consumer.connect()
  try {
    await consumer.subscribe({ topic, fromBeginning: true })
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => { reject(new Error(`${String(records.length)} of ${String(count)} records arrived in ${topic}`)) }, options.timeoutMs ?? 60_000)
      void consumer.run({
        eachMessage: ({ partition, message }) => {
          const headers: Record<string, string> = {}
          for (const [name, value] of Object.entries(message.headers ?? {})) headers[name] = String(value)
          records.push({ partition, offset: message.offset, key: message.key?.toString() ?? null, value: message.value?.toString() ?? null, headers, timestamp: Number(message.timestamp) })
          if (records.length === count) {
            clearTimeout(timer)
            setTimeout(resolve, options.settleMs ?? 1_000)
          }
          return Promise.resolve()
        },
      })
    })
  } finally {
    await consumer.disconnect()
  }
  return records
}
