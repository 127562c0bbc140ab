// @servers kafka connect
import { randomUUID } from 'node:crypto'
import { Kafka, logLevel } from 'kafkajs'
import { afterAll, describe, expect, it } from 'vitest'
import { servers } from '../../infra/servers.js'
import { waitFor } from '../../support/wait-for.js'
import type { DistributedWorker } from './distributed-workers.js'
import { getJson, send, startDistributedWorker } from './distributed-workers.js'

const kafka = new Kafka({ clientId: 'pipe-test-task-configs', brokers: servers().kafka.bootstrapServers.split(','), logLevel: logLevel.NOTHING })
const started: DistributedWorker[] = []
const created: string[] = []
afterAll(async () => {
  await Promise.all(created.map((url) => fetch(url, { method: 'DELETE' })))
  await Promise.all(started.map((w) => w.stop()))
})

/** The newest value of each key of a config topic that starts with `prefix`, parsed. */
async function configRecords(topic: string, prefix: string, keys: number): Promise<Record<string, unknown>> {
  const consumer = kafka.consumer({ groupId: `pipe-test-${randomUUID()}` })
  const out: Record<string, unknown> = {}
  await consumer.connect()
  try {
    await consumer.subscribe({ topic, fromBeginning: true })
    await new Promise<void>((done) => {
      const timer = setTimeout(done, 15_000)
      void consumer.run({
        eachMessage: ({ message }) => {
          const key = message.key?.toString('utf8') ?? ''
          if (key.startsWith(prefix)) out[key] = message.value === null ? null : JSON.parse(message.value.toString('utf8')) as unknown
          if (Object.keys(out).length >= keys) {
            clearTimeout(timer)
            done()
          }
          return Promise.resolve()
        },
      })
    })
  } finally {
    await consumer.disconnect()
  }
  return out
}

describe('task configs in the config topic and GET /connectors/{c}/tasks', () => {
  it('are what Kafka Connect 3.9.1 writes: the connector task config with task.class', async () => {
    const id = randomUUID().slice(0, 8)
    const name = `task-configs-${id}`
    const config = { 'connector.class': 'FileStreamSink', topics: `task-configs-${id}`, file: `/tmp/task-configs-${id}.txt`, 'tasks.max': '2', 'value.converter': 'org.apache.kafka.connect.storage.StringConverter' }
    const group = `pipe-task-configs-${id}`
    const worker = await startDistributedWorker(group, servers().kafka.bootstrapServers)
    started.push(worker)
    const connect = servers().connect.url
    for (const url of [connect, worker.url]) {
      expect((await send('POST', `${url}/connectors`, { name, config })).status).toBe(201)
      created.push(`${url}/connectors/${name}`)
    }
    const tasks = (url: string) => waitFor(`the tasks of ${name} on ${url}`, async () => {
      const body = await getJson<{ id: unknown; config: Record<string, string> }[]>(`${url}/connectors/${name}/tasks`)
      return body.length === 2 ? body : undefined
    }, 30_000)
    const [theirs, ours] = [await tasks(connect), await tasks(worker.url)]
    expect(theirs[0]?.config['task.class']).toBe('org.apache.kafka.connect.file.FileStreamSinkTask')
    expect(ours).toEqual(theirs)

    const prefix = `task-${name}-`
    const [theirRecords, ourRecords] = [await configRecords('pipe-it-connect-configs', prefix, 2), await configRecords(`${group}-configs`, prefix, 2)]
    expect(Object.keys(theirRecords).sort()).toEqual([`${prefix}0`, `${prefix}1`])
    expect(ourRecords).toEqual(theirRecords)
  }, 120_000)
})
