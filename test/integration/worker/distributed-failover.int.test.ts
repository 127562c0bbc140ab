// @servers kafka
import { randomUUID } from 'node:crypto'
import { afterAll, describe, expect, it } from 'vitest'
import { servers } from '../../infra/servers.js'
import { waitFor } from '../../support/wait-for.js'
import type { DistributedWorker, Status } from './distributed-workers.js'
import { createTopics, getJson, readDistinct, send, startDistributedWorker } from './distributed-workers.js'

const RECORDS = 6000
const started: DistributedWorker[] = []

afterAll(async () => {
  await Promise.all(started.map((w) => w.stop()))
})

describe('pipe worker in distributed mode', () => {
  it('moves the tasks of a SIGKILLed worker to the other within 30 s, losing no record', async ({ annotate }) => {
    const { bootstrapServers } = servers().kafka
    const id = randomUUID().slice(0, 8)
    const group = `pipe-dist-${id}`
    const [input, output] = [`dist-in-${id}`, `dist-out-${id}`]
    await createTopics(bootstrapServers, [input, output], 4)
    const a = await startDistributedWorker(group, bootstrapServers)
    const b = await startDistributedWorker(group, bootstrapServers)
    started.push(a, b)

    // GIVEN a pipeline of 4 tasks: datagen (1 task, 6000 records over ~12 s) -> topic (4 partitions) -> topic-to-topic (3 tasks)
    const source = `dist-src-${id}`
    const sink = `dist-sink-${id}`
    expect((await send('POST', `${a.url}/connectors`, { name: source, config: { 'connector.class': 'pipe:datagen-source', topic: input, 'max.records': String(RECORDS), 'interval.ms': '2', seed: '7' } })).status).toBe(201)
    expect((await send('PUT', `${b.url}/connectors/${sink}/config`, { 'connector.class': 'pipe:topic-to-topic-sink', topics: input, topic: output, 'tasks.max': '3' })).status).toBe(201)
    const statuses = async (url: string): Promise<Status[]> => [await getJson<Status>(`${url}/connectors/${source}/status`), await getJson<Status>(`${url}/connectors/${sink}/status`)]
    const spread = await waitFor('4 RUNNING tasks on both workers', async () => {
      const tasks = (await statuses(a.url)).flatMap((s) => s.tasks)
      const workers = new Set(tasks.map((t) => t.worker_id))
      return tasks.length === 4 && tasks.every((t) => t.state === 'RUNNING') && workers.size === 2 ? tasks : undefined
    }, 60_000)
    expect(new Set(spread.map((t) => t.worker_id))).toEqual(new Set([a.id, b.id]))

    // WHEN the worker running the source task is killed mid-stream
    const sourceOwner = (await getJson<Status>(`${a.url}/connectors/${source}/status`)).tasks[0]?.worker_id
    const [victim, survivor] = sourceOwner === a.id ? [a, b] : [b, a]
    await new Promise((r) => setTimeout(r, 2000))
    await victim.kill()
    const killedAt = Date.now()

    // THEN every task runs on the survivor within 30 s
    await waitFor('every task RUNNING on the survivor', async () => {
      const tasks = (await statuses(survivor.url)).flatMap((s) => s.tasks)
      return tasks.length === 4 && tasks.every((t) => t.state === 'RUNNING' && t.worker_id === survivor.id) ? true : undefined
    }, 30_000).catch(async (error: unknown) => {
      throw new Error(`${error instanceof Error ? error.message : String(error)}\n${JSON.stringify(await statuses(survivor.url).catch(() => []))}\n${survivor.output().slice(-6000)}`)
    })
    const failoverMs = Date.now() - killedAt
    await annotate(`tasks RUNNING on the survivor ${String(failoverMs)} ms after SIGKILL`)
    expect(failoverMs).toBeLessThan(30_000)

    // AND every generated record reaches the output topic (at least once: duplicates allowed)
    const read = await readDistinct(bootstrapServers, output, RECORDS, 90_000)
    await annotate(`${String(read.distinct)} distinct of ${String(read.total)} records in ${output}`)
    expect(read.distinct).toBe(RECORDS)
  }, 240_000)
})
