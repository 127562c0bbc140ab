// @servers kafka
import { randomUUID } from 'node:crypto'
import { Kafka, Partitioners, logLevel } from 'kafkajs'
import { afterAll, describe, expect, it } from 'vitest'
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
})
