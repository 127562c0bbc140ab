// @servers kafka
import { Kafka, logLevel } from 'kafkajs'
import { afterAll, describe, expect, it } from 'vitest'
import { createKafkaTopicBackend, createKafkajsClient } from '../../../packages/runtime/src/index.js'
import type { ConsumedMessage, TopicConsumer } from '../../../packages/runtime/src/topics/topic-backend.js'
import { servers } from '../../infra/servers.js'

const { bootstrapServers } = servers().kafka
const run = `consumer-rebalance-${Date.now().toString(36)}`
const backend = createKafkaTopicBackend({ client: createKafkajsClient({ bootstrapServers }), offsetsTopic: `${run}-offsets` })
const admin = new Kafka({ clientId: 'pipe-test-admin', brokers: bootstrapServers.split(','), logLevel: logLevel.NOTHING }).admin()
const consumers: TopicConsumer[] = []
afterAll(async () => {
  await Promise.all(consumers.map((c) => c.close()))
  await Promise.all([backend.close(), admin.disconnect()])
})

/** Fetches until messages came and then none for a second (or 30 s passed). */
async function fetchAll(consumer: TopicConsumer): Promise<ConsumedMessage[]> {
  const out: ConsumedMessage[] = []
  const end = Date.now() + 30_000
  while (Date.now() < end) {
    const batch = await consumer.fetch(1000, 1000)
    if (batch.length === 0 && out.length > 0) break
    out.push(...batch)
  }
  return out
}

const nextOffsets = (messages: readonly ConsumedMessage[]) => {
  const next = new Map<number, { topic: string; partition: number; offset: number }>()
  for (const m of messages) next.set(m.partition, { topic: m.topic, partition: m.partition, offset: m.offset + 1 })
  return [...next.values()]
}

describe("a Kafka sink consumer's commits across a rebalance", () => {
  it('never commits a partition that moved to another member: the stale offset would move it back', async () => {
    // GIVEN a sink member alone in its group that read 10 records of each of three partitions
    const topic = `${run}-t`
    const group = `connect-${run}`
    await backend.ensureTopic({ name: topic, partitions: 3 })
    const records = (n: number) => [0, 1, 2].flatMap((partition) => Array.from({ length: n }, () => ({ topic, partition, key: null, value: Buffer.from('x'), headers: [], timestamp: Date.now() })))
    await backend.produce(records(10))
    const a = await backend.consumer({ group, topics: [topic], member: { index: 0, count: 2 } })
    consumers.push(a)
    const readByA = nextOffsets(await fetchAll(a))
    expect(readByA.map((o) => o.offset)).toEqual([10, 10, 10])

    // WHEN a second member joins (the group gives it some of A's partitions) and reads and commits them
    const b = await backend.consumer({ group, topics: [topic], member: { index: 1, count: 2 } })
    consumers.push(b)
    await backend.produce(records(5))
    const readByB = await fetchAll(b)
    const ofB = nextOffsets(readByB)
    expect(ofB.length).toBeGreaterThan(0)
    await b.commit(ofB)
    const committedByB = Object.fromEntries(ofB.map((o) => [o.partition, o.offset]))

    // AND A commits what it had read before the rebalance (as its sink task's next commit does)
    await a.commit(readByA)

    // THEN B's partitions keep B's offsets
    const committed = (await admin.fetchOffsets({ groupId: group, topics: [topic] }))[0]?.partitions ?? []
    const ofBNow = Object.fromEntries(committed.filter((p) => p.partition in committedByB).map((p) => [p.partition, Number(p.offset)]))
    expect(ofBNow).toEqual(committedByB)
  }, 90_000)
})
