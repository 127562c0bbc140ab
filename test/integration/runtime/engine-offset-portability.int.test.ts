// @servers kafka connect
import { randomUUID } from 'node:crypto'
import { appendFileSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Kafka, logLevel } from 'kafkajs'
import { describe, expect, it } from 'vitest'
import { createEngine, createKafkaTopicBackend, createKafkajsClient, defaultRegistry } from '../../../packages/runtime/src/index.js'
import { servers } from '../../infra/servers.js'
import { connectRequest } from '../../support/connect-rest.js'
import { waitFor } from '../../support/wait-for.js'

const STRING = 'org.apache.kafka.connect.storage.StringConverter'
const lines = (from: number, to: number): string => Array.from({ length: to - from }, (_, i) => `line ${String(from + i)}\n`).join('')

function pipeBackend() {
  const { kafka, connect } = servers()
  return createKafkaTopicBackend({ client: createKafkajsClient({ bootstrapServers: kafka.bootstrapServers }), offsetsTopic: connect.offsetTopic })
}

/** Runs the file source on pipe until `count` records were produced, then stops it gracefully. */
async function runPipe(name: string, config: Record<string, string>, count: number): Promise<void> {
  const backend = pipeBackend()
  const engine = createEngine({ backend, registry: defaultRegistry({ writer: { write: () => undefined } }) })
  await engine.start([{ name, config }])
  await waitFor(`pipe to produce ${String(count)} records`, () => Promise.resolve((engine.metrics(name)[0]?.recordsOut ?? 0) >= count ? true : undefined), 60_000, 100)
  await engine.stop()
  await backend.close()
}

async function committedPosition(name: string, file: string): Promise<unknown> {
  const backend = pipeBackend()
  const offset = await backend.readSourceOffset(name, { filename: file })
  await backend.close()
  return offset?.['position']
}

async function topicValues(topic: string, expected: number): Promise<string[]> {
  const kafka = new Kafka({ brokers: [...servers().kafka.brokers], logLevel: logLevel.NOTHING })
  const consumer = kafka.consumer({ groupId: `check-${randomUUID()}` })
  const values: string[] = []
  await consumer.connect()
  await consumer.subscribe({ topics: [topic], fromBeginning: true })
  await consumer.run({ eachMessage: ({ message }) => Promise.resolve(void values.push(message.value?.toString() ?? '')) })
  await waitFor(`${String(expected)} records on ${topic}`, () => Promise.resolve(values.length >= expected ? true : undefined), 60_000)
  await new Promise((r) => setTimeout(r, 1000))
  await consumer.disconnect()
  return values
}

describe('engine offset portability between pipe and Kafka Connect', () => {
  it('hands a file source from pipe to the Kafka Connect worker and back, through the shared offsets topic', async () => {
    const { url } = servers().connect
    const name = `port-${randomUUID().slice(0, 8)}`
    const topic = `${name}-t`
    const file = join(mkdtempSync(join(tmpdir(), 'pipe-port-')), 'in.txt')
    const config = { 'connector.class': 'org.apache.kafka.connect.file.FileStreamSourceConnector', 'tasks.max': '1', file, topic, 'value.converter': STRING }
    // GIVEN pipe has read the first 100 lines
    writeFileSync(file, lines(0, 100))
    await runPipe(name, config, 100)
    expect(await committedPosition(name, file)).toBe(Buffer.byteLength(lines(0, 100)))
    // WHEN the worker runs the same connector on a longer file, THEN it starts where pipe stopped
    appendFileSync(file, lines(100, 200))
    expect((await connectRequest(url, 'POST', '/connectors', { name, config })).status).toBe(201)
    await waitFor('the worker to commit the end of the file', async () => ((await committedPosition(name, file)) === Buffer.byteLength(lines(0, 200)) ? true : undefined), 90_000, 500)
    expect((await connectRequest(url, 'DELETE', `/connectors/${name}`)).status).toBe(204)
    // WHEN pipe takes over again, THEN it starts where the worker stopped
    appendFileSync(file, lines(200, 300))
    await runPipe(name, config, 100)
    const values = await topicValues(topic, 300)
    expect(values).toEqual(lines(0, 300).trimEnd().split('\n'))
  }, 240_000)
})
