// @servers kafka connect
import { randomUUID } from 'node:crypto'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Kafka, logLevel } from 'kafkajs'
import { afterAll, describe, expect, it } from 'vitest'
import { servers } from '../../infra/servers.js'
import { connectRequest } from '../../support/connect-rest.js'
import { waitFor } from '../../support/wait-for.js'
import type { DistributedWorker } from './distributed-workers.js'
import { startDistributedWorker } from './distributed-workers.js'

const started: DistributedWorker[] = []
afterAll(async () => {
  await Promise.all(started.map((w) => w.stop()))
})

/** A JSON value's shape: object keys with the shapes of their values; a config map is just `{string map}`. */
function shape(value: unknown, key = ''): unknown {
  if (value === null) return 'null'
  if (Array.isArray(value)) return value.map((v) => shape(v))
  if (typeof value !== 'object') return typeof value
  if (key === 'properties') return '{string map}'
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shape(v, k)]))
}

/** The records of a topic about connector `name`, as `<key with the name replaced> => <value shape>` lines. */
async function recordShapes(bootstrapServers: string, topic: string, name: string): Promise<Set<string>> {
  const kafka = new Kafka({ clientId: 'pipe-test-formats', brokers: bootstrapServers.split(','), logLevel: logLevel.NOTHING })
  const admin = kafka.admin()
  await admin.connect()
  const ends = await admin.fetchTopicOffsets(topic)
  await admin.disconnect()
  const remaining = new Map(ends.filter((e) => Number(e.high) > Number(e.low)).map((e) => [e.partition, Number(e.high)]))
  const out = new Set<string>()
  const consumer = kafka.consumer({ groupId: `pipe-test-${randomUUID()}` })
  await consumer.connect()
  await consumer.subscribe({ topic, fromBeginning: true })
  await new Promise<void>((done) => {
    if (remaining.size === 0) done()
    void consumer.run({
      eachBatch: ({ batch }) => {
        for (const m of batch.messages) {
          const key = m.key?.toString('utf8') ?? ''
          if (!key.includes(name)) continue
          const value = m.value === null ? 'tombstone' : JSON.stringify(shape(JSON.parse(m.value.toString('utf8'))))
          out.add(`${key.split(name).join('<c>').replace(/"filename":"[^"]*"/, '"filename":"<file>"')} => ${value}`)
        }
        if (Number(batch.lastOffset()) + 1 >= (remaining.get(batch.partition) ?? 0)) remaining.delete(batch.partition)
        if (remaining.size === 0) done()
        return Promise.resolve()
      },
    })
  })
  await consumer.disconnect()
  return out
}

/** The same life on either engine: create a file source, restart it, pause, stop, delete. */
async function lifeOfAConnector(url: string, name: string, file: string): Promise<void> {
  const config = { 'connector.class': 'org.apache.kafka.connect.file.FileStreamSourceConnector', file, topic: name, 'tasks.max': '1' }
  expect((await connectRequest(url, 'POST', '/connectors', { name, config })).status).toBe(201)
  const running = async (): Promise<true | undefined> => {
    const s = await connectRequest(url, 'GET', `/connectors/${name}/status`)
    const body = s.body as { tasks?: { state: string }[] }
    return s.status === 200 && body.tasks?.length === 1 && body.tasks.every((t) => t.state === 'RUNNING') ? true : undefined
  }
  await waitFor(`${name} RUNNING`, running, 60_000)
  await waitFor(`${name} offsets`, async () => ((await connectRequest(url, 'GET', `/connectors/${name}/offsets`)).body as { offsets: unknown[] }).offsets.length > 0 ? true : undefined, 60_000)
  expect((await connectRequest(url, 'POST', `/connectors/${name}/restart?includeTasks=true`)).status).toBe(202)
  await waitFor(`${name} RUNNING after restart`, running, 60_000)
  expect((await connectRequest(url, 'PUT', `/connectors/${name}/pause`)).status).toBe(202)
  expect((await connectRequest(url, 'PUT', `/connectors/${name}/stop`)).status).toBe(204)
  expect((await connectRequest(url, 'DELETE', `/connectors/${name}`)).status).toBe(204)
  await new Promise((r) => setTimeout(r, 2000))
}

describe('distributed pipe worker internal topics', () => {
  it('hold the same keys and value shapes as the ones Apache Kafka Connect writes', async () => {
    const connect = servers().connect
    const id = randomUUID().slice(0, 8)
    const dir = await mkdtemp(join(tmpdir(), 'pipe-formats-'))
    const file = join(dir, 'in.txt')
    await writeFile(file, 'a\nb\nc\n')
    const group = `pipe-formats-${id}`
    const worker = await startDistributedWorker(group, connect.bootstrapServers)
    started.push(worker)

    await lifeOfAConnector(connect.url, `fmt-connect-${id}`, file)
    await lifeOfAConnector(worker.url, `fmt-pipe-${id}`, file)

    for (const [theirs, ours] of [[connect.configTopic, `${group}-configs`], [connect.statusTopic, `${group}-status`], [connect.offsetTopic, `${group}-offsets`]] as const) {
      const expected = await recordShapes(connect.bootstrapServers, theirs, `fmt-connect-${id}`)
      const actual = await recordShapes(connect.bootstrapServers, ours, `fmt-pipe-${id}`)
      // Kafka Connect also tracks active topics (status-topic-*); pipe does not
      const tracked = [...expected].filter((line) => !line.startsWith('status-topic-'))
      expect([...actual].sort(), `${ours} vs ${theirs}`).toEqual(tracked.sort())
    }
  }, 240_000)
})
