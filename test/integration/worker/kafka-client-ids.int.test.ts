// @servers kafka
import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import { Kafka, logLevel } from 'kafkajs'
import { afterAll, describe, expect, it } from 'vitest'
import { servers } from '../../infra/servers.js'
import { waitFor } from '../../support/wait-for.js'
import { startPipeWorker, type PipeWorker } from './pipe-worker.js'

const admin = new Kafka({ clientId: 'pipe-test-client-ids', brokers: servers().kafka.bootstrapServers.split(','), logLevel: logLevel.NOTHING }).admin()
const workers: PipeWorker[] = []
afterAll(async () => {
  await Promise.all(workers.map((w) => w.kill()))
  await admin.disconnect()
})

describe('pipe worker on Kafka', () => {
  it("names a sink task's group member as Kafka Connect does: connector-consumer-<connector>-<task>", async () => {
    await admin.connect()
    const id = randomUUID().slice(0, 8)
    const [topic, name] = [`client-ids-${id}`, `client-ids-${id}`]
    await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 2 }] })
    const worker = await startPipeWorker(['--bootstrap-servers', servers().kafka.bootstrapServers])
    workers.push(worker)
    const config = { 'connector.class': 'FileStreamSink', topics: topic, file: join(worker.stateDir, 'out.txt'), 'tasks.max': '2', 'value.converter': 'org.apache.kafka.connect.storage.StringConverter' }
    expect((await fetch(`${worker.url}/connectors`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name, config }) })).status).toBe(201)
    // as the broker knows the members (kafka-consumer-groups.sh --describe --members shows the same)
    const members = await waitFor('both sink tasks in the group', async () => {
      const group = (await admin.describeGroups([`connect-${name}`])).groups[0]
      return group?.state === 'Stable' && group.members.length === 2 ? group.members.map((m) => m.clientId).sort() : undefined
    }, 30_000)
    expect(members).toEqual([`connector-consumer-${name}-0`, `connector-consumer-${name}-1`])
    expect(await worker.stop()).toBe(0)
  }, 60_000)
})
