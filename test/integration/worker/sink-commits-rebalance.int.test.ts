// @servers kafka
import { randomUUID } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { Kafka, logLevel } from 'kafkajs'
import { afterAll, describe, expect, it } from 'vitest'
import { servers } from '../../infra/servers.js'
import { waitFor } from '../../support/wait-for.js'
import { startPipeWorker, type PipeWorker } from './pipe-worker.js'

const kafka = new Kafka({ clientId: 'pipe-test-sink-commits', brokers: servers().kafka.bootstrapServers.split(','), logLevel: logLevel.NOTHING })
const admin = kafka.admin()
const producer = kafka.producer()
const workers: PipeWorker[] = []

afterAll(async () => {
  await Promise.all(workers.map((w) => w.kill()))
  await Promise.all([admin.disconnect(), producer.disconnect()])
})

const STRING = 'org.apache.kafka.connect.storage.StringConverter'

describe('a FileStreamSink with two tasks on pipe worker on Kafka', () => {
  it('commits every partition to the log end after pause/resume, a task restart and a connector restart; kill -9 then replays nothing', async () => {
    await Promise.all([admin.connect(), producer.connect()])
    const id = randomUUID().slice(0, 8)
    const topic = `sink-commits-${id}`
    const name = `sink-commits-${id}`
    await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 3 }] })
    let sent = 0
    const produce = async (count: number, partition?: number): Promise<void> => {
      const messages = Array.from({ length: count }, () => (partition === undefined ? { value: `line-${String(sent++)}` } : { value: `line-${String(sent++)}`, partition }))
      await producer.send({ topic, messages })
    }
    const ends = async (): Promise<string> => (await admin.fetchTopicOffsets(topic)).map((p) => `${String(p.partition)}:${p.high}`).sort().join(' ')
    // read through Kafka's admin API, as kafka-consumer-groups.sh shows them
    const committed = async (): Promise<string> =>
      ((await admin.fetchOffsets({ groupId: `connect-${name}`, topics: [topic] }))[0]?.partitions ?? []).map((p) => `${String(p.partition)}:${p.offset}`).sort().join(' ')
    // Kafka Connect never moves a sink's committed offset back: sampled all along, none may decrease
    const highest = new Map<number, number>()
    const regressions: string[] = []
    let sampling = true
    // a call, not the variable: it changes while the loop awaits
    const isSampling = (): boolean => sampling
    const sampler = (async () => {
      while (isSampling()) {
        for (const p of (await admin.fetchOffsets({ groupId: `connect-${name}`, topics: [topic] }))[0]?.partitions ?? []) {
          const offset = Number(p.offset)
          const before = highest.get(p.partition) ?? -1
          if (offset < before) regressions.push(`partition ${String(p.partition)}: ${String(before)} -> ${String(offset)}`)
          else highest.set(p.partition, offset)
        }
        await new Promise((r) => setTimeout(r, 100))
      }
    })()
    const caughtUp = async (phase: string): Promise<void> => {
      const end = await ends()
      await waitFor(`${phase}: committed offsets at the log end ${end}`, async () => ((await committed()) === end ? true : undefined), 15_000, 200).catch(async (error: unknown) => {
        throw new Error(`${String(error)} (committed: ${await committed()})`)
      })
    }
    /**
     * Records keep coming while `action` runs and for 3 s after; then records go to one partition at a
     * time: its task commits, and a task that still held an offset of a partition it lost would
     * commit that too, moving it back for good (the partition's owner has nothing new to commit).
     */
    const catchesUp = async (phase: string, action: () => Promise<void>): Promise<void> => {
      let flowing = Promise.resolve()
      const timer = setInterval(() => { flowing = flowing.then(() => produce(10)) }, 150)
      try {
        await action()
        await new Promise((r) => setTimeout(r, 3000))
      } finally {
        clearInterval(timer)
        await flowing
      }
      await caughtUp(phase)
      for (const partition of [0, 1, 2]) {
        await produce(5, partition)
        await caughtUp(`${phase}, then records to partition ${String(partition)}`)
      }
    }
    const status = async (worker: PipeWorker): Promise<{ tasks: { state: string }[] }> =>
      await (await fetch(`${worker.url}/connectors/${name}/status`)).json() as { tasks: { state: string }[] } // cast: Kafka Connect's status body
    const running = (worker: PipeWorker) => waitFor('both tasks RUNNING', async () => {
      const s = await status(worker)
      return s.tasks.length === 2 && s.tasks.every((t) => t.state === 'RUNNING') ? true : undefined
    }, 30_000)

    const worker = await startPipeWorker(['--bootstrap-servers', servers().kafka.bootstrapServers])
    workers.push(worker)
    const out = join(worker.stateDir, 'out.txt')
    const config = { 'connector.class': 'FileStreamSink', topics: topic, file: out, 'tasks.max': '2', 'key.converter': STRING, 'value.converter': STRING }
    expect((await fetch(`${worker.url}/connectors`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name, config }) })).status).toBe(201)
    await running(worker)
    await catchesUp('start', () => Promise.resolve())

    await catchesUp('after pause and resume', async () => {
      expect((await fetch(`${worker.url}/connectors/${name}/pause`, { method: 'PUT' })).status).toBe(202)
      await new Promise((r) => setTimeout(r, 1500))
      expect((await fetch(`${worker.url}/connectors/${name}/resume`, { method: 'PUT' })).status).toBe(202)
    })
    // a task restart leaves and rejoins the sink's consumer group; a connector restart rejoins both
    // tasks one after the other: each time the partitions are assigned anew while records flow
    // (task 0 has all three partitions while task 1 is away, then gives some back)
    await catchesUp('after a restart of task 1', async () => {
      expect((await fetch(`${worker.url}/connectors/${name}/tasks/1/restart`, { method: 'POST' })).status).toBe(204)
      await running(worker)
    })
    await catchesUp('after a connector restart', async () => {
      expect((await fetch(`${worker.url}/connectors/${name}/restart?includeTasks=true`, { method: 'POST' })).status).toBe(202)
      await running(worker)
    })

    sampling = false
    await sampler
    expect(regressions).toEqual([])

    // everything is committed: a crash now must deliver nothing again
    const written = (await readFile(out, 'utf8')).split('\n').filter((l) => l !== '')
    expect(new Set(written).size).toBe(sent)
    await worker.kill()
    const again = await startPipeWorker(['--bootstrap-servers', servers().kafka.bootstrapServers], {}, { stateDir: worker.stateDir })
    workers.push(again)
    if ((await fetch(`${again.url}/connectors/${name}`)).status === 404) {
      expect((await fetch(`${again.url}/connectors`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name, config }) })).status).toBe(201)
    }
    await running(again)
    await new Promise((r) => setTimeout(r, 3000))
    expect((await readFile(out, 'utf8')).split('\n').filter((l) => l !== '').length).toBe(written.length)
    expect(await again.stop()).toBe(0)
  }, 120_000)
})
