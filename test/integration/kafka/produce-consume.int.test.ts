// @servers kafka
import { randomUUID } from 'node:crypto'
import { Kafka, Partitioners, logLevel } from 'kafkajs'
import { afterAll, describe, expect, it } from 'vitest'
import { createKafkajsClient } from '../../../packages/runtime/src/index.js'
import type { KafkaRecord } from '../../../packages/runtime/src/topics/kafka-client.js'
import { servers } from '../../infra/servers.js'

describe('kafka broker', () => {
  const kafka = new Kafka({ clientId: 'pipe-smoke', brokers: [...servers().kafka.brokers], logLevel: logLevel.ERROR })
  const admin = kafka.admin()
  afterAll(async () => { await admin.disconnect() })

  it('returns 10,000 keyed records from a 3-partition topic in order within each partition', async () => {
    const topic = `smoke-${randomUUID()}`
    await admin.connect()
    await admin.createTopics({ topics: [{ topic, numPartitions: 3, replicationFactor: 1 }], waitForLeaders: true })

    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, idempotent: true })
    await producer.connect()
    const sent = Array.from({ length: 10_000 }, (_, i) => ({ key: `key-${i % 37}`, value: String(i) }))
    for (let i = 0; i < sent.length; i += 1000) {
      await producer.send({ topic, messages: sent.slice(i, i + 1000) })
    }
    await producer.disconnect()

    const received = new Map<number, { key: string; value: number }[]>()
    let count = 0
    const consumer = kafka.consumer({ groupId: `smoke-${randomUUID()}` })
    await consumer.connect()
    await consumer.subscribe({ topic, fromBeginning: true })
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => { reject(new Error(`only ${count} of 10000 records arrived within 60s`)) }, 60_000)
      void consumer.run({
        eachMessage: ({ partition, message }) => {
          const list = received.get(partition) ?? []
          list.push({ key: String(message.key), value: Number(String(message.value)) })
          received.set(partition, list)
          if (++count === sent.length) { clearTimeout(timer); resolve() }
          return Promise.resolve()
        },
      })
    })
    await consumer.disconnect()

    expect(count).toBe(10_000)
    expect([...received.keys()].sort()).toEqual([0, 1, 2])
    const keyPartition = new Map<string, number>()
    for (const [partition, records] of received) {
      // the same key always lands in the same partition, and values keep their sending order there
      for (const record of records) {
        expect(keyPartition.get(record.key) ?? partition).toBe(partition)
        keyPartition.set(record.key, partition)
      }
      const values = records.map((record) => record.value)
      expect(values).toEqual([...values].sort((a, b) => a - b))
    }
    expect(new Set([...received.values()].flat().map((record) => record.value)).size).toBe(10_000)
  })

  it('reads back exactly what pipe produced: keys, values and headers, null and empty, timestamps years apart, in requests of thousands', async () => {
    // the broker checks each batch's CRC32C and record framing: pipe's patched kafkajs writes them itself
    const client = createKafkajsClient({ bootstrapServers: servers().kafka.brokers.join(','), clientId: 'pipe-encoding' })
    const topic = `encoding-${randomUUID()}`
    await client.createTopic({ name: topic, partitions: 2 })
    const now = Date.now()
    const sent: KafkaRecord[] = Array.from({ length: 3000 }, (_, i) => ({
      topic,
      partition: i % 2,
      key: i % 5 === 0 ? null : Buffer.from(`key-${i}`),
      value: i % 7 === 0 ? null : i % 11 === 0 ? Buffer.alloc(0) : Buffer.from(`value-${i}-${'x'.repeat(i % 300)}`),
      headers: i % 3 === 0 ? [{ key: 'h', value: Buffer.from(`a${i}`) }, { key: 'h', value: Buffer.from('b') }, { key: 'other', value: Buffer.alloc(0) }] : [],
      // first record of each partition years before the rest: deltas beyond 2^30 ms
      timestamp: i < 2 ? 1_000_000_000_000 + i : now + i,
    }))
    await client.send(sent)
    const read = await client.readAll(topic)
    await client.close()

    expect(read).toHaveLength(sent.length)
    for (const partition of [0, 1]) {
      const expected = sent.filter((r) => r.partition === partition)
      const actual = read.filter((r) => r.partition === partition)
      expect(actual.map((r) => r.offset)).toEqual(expected.map((_, i) => i))
      expect(actual.map((r) => ({ key: r.key, value: r.value ?? null, headers: r.headers, timestamp: r.timestamp }))).toEqual(
        expected.map((r) => ({ key: r.key, value: r.value, headers: r.headers, timestamp: r.timestamp })),
      )
    }
  })
})

describe("pipe's Kafka client", () => {
  it('splits a send of large records into requests the broker accepts (its default max.message.bytes is 1 MiB)', async () => {
    // GIVEN 1,500 records of 6 KB (9 MB, each far below the limit): 500 or even 256 of them in one request exceed it
    const client = createKafkajsClient({ bootstrapServers: servers().kafka.brokers.join(','), clientId: 'pipe-large' })
    const topic = `large-${randomUUID()}`
    await client.createTopic({ name: topic, partitions: 1 })
    const sent: KafkaRecord[] = Array.from({ length: 1500 }, (_, i) => ({ topic, partition: 0, key: null, value: Buffer.from(`${String(i)}:${'y'.repeat(6000)}`), headers: [], timestamp: Date.now() }))
    // WHEN pipe sends them in one call THEN the broker takes all of them, in order
    await client.send(sent)
    const read = await client.readAll(topic)
    await client.close()
    expect(read.map((r) => r.value?.toString().split(':')[0])).toEqual(sent.map((_, i) => String(i)))
  })
})
