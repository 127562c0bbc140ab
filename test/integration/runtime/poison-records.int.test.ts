// @servers kafka connect
import { randomUUID } from 'node:crypto'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Kafka, logLevel } from 'kafkajs'
import type { IHeaders } from 'kafkajs'
import { describe, expect, it } from 'vitest'
import { createEngine, createKafkaTopicBackend, createKafkajsClient, defaultRegistry } from '../../../packages/runtime/src/index.js'
import { servers } from '../../infra/servers.js'
import { connectRequest } from '../../support/connect-rest.js'
import { waitFor } from '../../support/wait-for.js'

interface Dead {
  readonly value: string
  readonly headers: Readonly<Record<string, string>>
}

const kafka = (): Kafka => new Kafka({ brokers: [...servers().kafka.brokers], logLevel: logLevel.NOTHING })

function headerText(headers: IHeaders | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(headers ?? {}).map(([k, v]) => [k, String(Array.isArray(v) ? v[0] : v)]))
}

async function readDeadLetters(topic: string, expected: number): Promise<Dead[]> {
  const consumer = kafka().consumer({ groupId: `dlq-${randomUUID()}` })
  const out: Dead[] = []
  await consumer.connect()
  await waitFor(`topic ${topic}`, async () => {
    const admin = kafka().admin()
    await admin.connect()
    const found = (await admin.listTopics()).includes(topic)
    await admin.disconnect()
    return found ? true : undefined
  }, 90_000, 500)
  await consumer.subscribe({ topics: [topic], fromBeginning: true })
  await consumer.run({ eachMessage: ({ message }) => Promise.resolve(void out.push({ value: message.value?.toString() ?? '', headers: headerText(message.headers) })) })
  await waitFor(`${String(expected)} dead letters on ${topic}`, () => Promise.resolve(out.length >= expected ? true : undefined), 90_000)
  await consumer.disconnect()
  return out
}

describe('poison records', () => {
  it('go to the dead-letter topic with the same error headers as the Kafka Connect worker writes', async () => {
    const run = `poison-${randomUUID().slice(0, 8)}`
    const input = `${run}-in`
    const producer = kafka().producer()
    await producer.connect()
    await producer.send({ topic: input, messages: ['{"a":1}', 'not json', '{"a":2}', '{"b":'].map((value) => ({ value, partition: 0 })) })
    await producer.disconnect()
    const dir = mkdtempSync(join(tmpdir(), 'pipe-poison-'))
    const config = (dlq: string, file: string): Record<string, string> => ({
      'connector.class': 'org.apache.kafka.connect.file.FileStreamSinkConnector', topics: input, file,
      'value.converter': 'org.apache.kafka.connect.json.JsonConverter', 'value.converter.schemas.enable': 'false',
      'errors.tolerance': 'all', 'errors.deadletterqueue.topic.name': dlq, 'errors.deadletterqueue.context.headers.enable': 'true',
      'errors.deadletterqueue.topic.replication.factor': '1',
    })
    const { url } = servers().connect
    expect((await connectRequest(url, 'POST', '/connectors', { name: `${run}-connect`, config: config(`${run}-connect-dlq`, join(dir, 'connect.txt')) })).status).toBe(201)
    const backend = createKafkaTopicBackend({ client: createKafkajsClient({ bootstrapServers: servers().kafka.bootstrapServers }), offsetsTopic: `${run}-offsets` })
    const engine = createEngine({ backend, registry: defaultRegistry({ writer: { write: () => undefined } }) })
    await engine.start([{ name: `${run}-pipe`, config: config(`${run}-pipe-dlq`, join(dir, 'pipe.txt')) }])

    const fromConnect = await readDeadLetters(`${run}-connect-dlq`, 2)
    const fromPipe = await readDeadLetters(`${run}-pipe-dlq`, 2)
    await engine.stop()
    await backend.close()
    await connectRequest(url, 'DELETE', `/connectors/${run}-connect`)

    // exactly the bad records, with the same headers except the connector name and the (Java vs JS) stack trace
    const comparable = (d: Dead): unknown => ({ value: d.value, headers: { ...d.headers, '__connect.errors.connector.name': '-', '__connect.errors.exception.stacktrace': '-' } })
    expect(fromPipe.map((d) => d.value)).toEqual(['not json', '{"b":'])
    expect(fromPipe.map(comparable)).toEqual(fromConnect.map(comparable))
    expect(Object.keys(fromPipe[0]?.headers ?? {})).toEqual(Object.keys(fromConnect[0]?.headers ?? {}))
    expect(engine.status(`${run}-pipe`).tasks[0]?.state).toBe('UNASSIGNED')
  }, 200_000)
})
