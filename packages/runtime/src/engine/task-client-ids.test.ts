import { describe, expect, it } from 'vitest'
import { defaultRegistry } from '../plugins/default-registry.js'
import { createKafkaTopicBackend } from '../topics/kafka-topic-backend.js'
import type { KafkaClient, KafkaRecord } from '../topics/kafka-client.js'
import { createMemoryTopicBackend } from '../topics/memory-topic-backend.js'
import type { TaskClientIds, TopicBackend } from '../topics/topic-backend.js'
import { createEngine } from './engine.js'
import { until } from './test-until.js'

const STRING = 'org.apache.kafka.connect.storage.StringConverter'

describe("the Kafka client ids of a task's clients", () => {
  it("are Kafka Connect's: connector-producer-, connector-consumer- and connector-dlq-producer-<connector>-<task>", async () => {
    // GIVEN a backend that records the ids of each task's clients, and which of them it closed
    const memory = createMemoryTopicBackend(2)
    const opened: TaskClientIds[] = []
    const closed: TaskClientIds[] = []
    const backend: TopicBackend = { ...memory, forTask: (ids) => { opened.push(ids); return { ...memory, close: () => { closed.push(ids); return Promise.resolve() } } } }
    const engine = createEngine({ backend, registry: defaultRegistry({ writer: { write: () => undefined } }) })

    // WHEN a source and a two-task sink with a dead letter queue start, then stop
    await engine.start([
      { name: 'gen', config: { 'connector.class': 'pipe:datagen-source', topic: 't', 'value.converter': STRING, 'max.records': '1' } },
      { name: 'out', config: { 'connector.class': 'pipe:console-sink', topics: 't', 'tasks.max': '2', 'value.converter': STRING, 'errors.tolerance': 'all', 'errors.deadletterqueue.topic.name': 'dlq' } },
    ])
    await until(() => opened.length === 5, 3000)
    await engine.stop()

    // THEN
    expect(opened).toEqual(expect.arrayContaining([
      { producer: 'connector-producer-gen-0' },
      { producer: 'connector-dlq-producer-out-0', consumer: 'connector-consumer-out-0' },
      { producer: 'connector-producer-out-0' },
      { producer: 'connector-dlq-producer-out-1', consumer: 'connector-consumer-out-1' },
      { producer: 'connector-producer-out-1' },
    ]))
    expect(closed).toHaveLength(5)
  })

  it("reach the Kafka client: a task's records go through the producer of its id, released when the task's clients close", async () => {
    const sent: { topic: string; clientId: string | undefined }[] = []
    const released: string[] = []
    const client: KafkaClient = {
      send: (records: readonly KafkaRecord[], clientId?: string) => { sent.push(...records.map((r) => ({ topic: r.topic, clientId }))); return Promise.resolve() },
      releaseProducer: (clientId) => { released.push(clientId); return Promise.resolve() },
      createTopic: () => Promise.resolve(),
      partitions: () => Promise.resolve(25),
      readAll: () => Promise.resolve([]),
      joinGroup: () => Promise.reject(new Error('not used')),
      groupOffsets: () => Promise.resolve([]),
      alterGroupOffsets: () => Promise.resolve(),
      deleteGroup: () => Promise.resolve(),
      close: () => Promise.resolve(),
    }
    const backend = createKafkaTopicBackend({ client })
    const task = backend.forTask?.({ producer: 'connector-producer-gen-0' })
    await task?.produce([{ topic: 't', partition: 0, key: null, value: null, headers: [], timestamp: 1 }], { connector: 'gen', offsets: [{ partition: { p: 1 }, offset: { o: 1 } }] })
    await task?.close()
    await backend.close()
    // source offsets go through the worker's own client, as Kafka Connect's offset store producer
    expect(sent).toEqual([{ topic: 't', clientId: 'connector-producer-gen-0' }, { topic: 'connect-offsets', clientId: undefined }])
    expect(released).toEqual(['connector-producer-gen-0'])
  })
})
