// @servers kafka-secure
import { randomUUID } from 'node:crypto'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Kafka, logLevel } from 'kafkajs'
import { afterEach, describe, expect, it } from 'vitest'
import { servers } from '../../infra/servers.js'
import { MECHANISMS, sentinels, writeSaslConfig } from '../../support/secure-kafka.js'
import { waitFor } from '../../support/wait-for.js'
import { createTopics, getJson, readDistinct, send, startDistributedWorker, type DistributedWorker, type Status } from '../worker/distributed-workers.js'

const STRING = 'org.apache.kafka.connect.storage.StringConverter'
const started: DistributedWorker[] = []
afterEach(async () => {
  await Promise.all(started.splice(0).map((w) => w.stop()))
})

async function produce(bootstrap: string, topic: string, count: number): Promise<void> {
  const producer = new Kafka({ brokers: [bootstrap], logLevel: logLevel.NOTHING }).producer()
  await producer.connect()
  await producer.send({ topic, messages: Array.from({ length: count }, (_, i) => ({ key: String(i), value: `value-${String(i)}` })) })
  await producer.disconnect()
}

describe.each(MECHANISMS)('two distributed pipe workers over SASL_SSL with %s', (mechanism) => {
  it('share a connector\'s tasks, move its records, and show no password in REST answers or logs', async () => {
    // GIVEN two workers of one group whose every Kafka client logs in over SASL_SSL (bootstrap.servers from the client config)
    const secure = servers().kafkaSecure
    const id = randomUUID().slice(0, 8)
    const dir = mkdtempSync(join(tmpdir(), 'pipe-dist-sasl-'))
    const config = writeSaslConfig(dir, 'client', secure, { mechanism, user: 'alice' })
    const [input, output] = [`sasl-in-${id}`, `sasl-out-${id}`]
    await createTopics(secure.plaintext, [input], 2)
    await createTopics(secure.plaintext, [output], 1)
    const group = `pipe-sasl-${mechanism.toLowerCase()}-${id}`
    const args = ['--client-config', config]
    const a = await startDistributedWorker(group, secure.sasl, {}, args)
    started.push(a)
    const b = await startDistributedWorker(group, secure.sasl, {}, args)
    started.push(b)
    // WHEN a connector with two tasks is created on A and records arrive in its topic
    const name = `copy-${id}`
    expect((await send('POST', `${a.url}/connectors`, { name, config: { 'connector.class': 'pipe:topic-to-topic-sink', topics: input, topic: output, 'tasks.max': '2', 'key.converter': STRING, 'value.converter': STRING } })).status).toBe(201)
    await waitFor('one task RUNNING on each worker', async () => {
      const s = await getJson<Status>(`${b.url}/connectors/${name}/status`)
      return s.tasks.length === 2 && s.tasks.every((t) => t.state === 'RUNNING') && new Set(s.tasks.map((t) => t.worker_id)).size === 2 ? s : undefined
    }, 60_000)
    await produce(secure.plaintext, input, 200)
    // THEN every record reaches the output topic, and no password appears anywhere
    expect(await readDistinct(secure.plaintext, output, 200, 60_000)).toMatchObject({ distinct: 200 })
    const answers = await Promise.all([`/connectors/${name}`, `/connectors/${name}/status`, '/connectors?expand=info&expand=status', '/'].map(async (path) => JSON.stringify(await getJson<unknown>(`${a.url}${path}`))))
    for (const sentinel of sentinels(secure)) expect([...answers, a.output(), b.output()].join('\n')).not.toContain(sentinel)
  }, 180_000)
})
