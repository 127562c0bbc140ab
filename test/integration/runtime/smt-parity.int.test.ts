// @servers kafka connect
import { randomUUID } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Kafka, logLevel } from 'kafkajs'
import { afterAll, describe, expect, it } from 'vitest'
import { createEngine, createKafkaTopicBackend, createKafkajsClient, defaultRegistry } from '../../../packages/runtime/src/index.js'
import { servers } from '../../infra/servers.js'
import { connectRequest } from '../../support/connect-rest.js'
import { waitFor } from '../../support/wait-for.js'
import { PARITY_CASES, PARITY_VALUES, SCHEMA_PARITY_CASES, SCHEMA_PARITY_VALUES } from './smt-parity-fixtures.js'
import type { ParityCase } from './smt-parity-fixtures.js'

const run = `parity-${randomUUID().slice(0, 8)}`
const dir = mkdtempSync(join(tmpdir(), 'pipe-parity-'))
const input = `${run}-in`
const schemaInput = `${run}-schema-in`
/** Schemaless JSON (schemas.enable=false) and JsonConverter envelopes (schemas.enable=true), each with its cases. */
const SUITES = [
  { topic: input, schemas: false, values: PARITY_VALUES, cases: PARITY_CASES },
  { topic: schemaInput, schemas: true, values: SCHEMA_PARITY_VALUES, cases: SCHEMA_PARITY_CASES },
] as const
const ALL_CASES: readonly ParityCase[] = SUITES.flatMap((s) => s.cases)
const lineCount = (file: string): number => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').length - 1 : 0)

function sinkConfig(c: ParityCase, file: string): Record<string, string> {
  const suite = SUITES.find((s) => s.cases.includes(c)) ?? SUITES[0]
  return {
    'connector.class': 'org.apache.kafka.connect.file.FileStreamSinkConnector', 'tasks.max': '1', topics: suite.topic, file,
    'key.converter': 'org.apache.kafka.connect.storage.StringConverter',
    'value.converter': 'org.apache.kafka.connect.json.JsonConverter', 'value.converter.schemas.enable': String(suite.schemas), ...c.transforms,
  }
}

async function produceFixtures(): Promise<void> {
  const kafka = new Kafka({ brokers: [...servers().kafka.brokers], logLevel: logLevel.NOTHING })
  const admin = kafka.admin()
  await admin.connect()
  // kept forever: the records carry 2024 timestamps, past the broker's 7-day default retention, and a retention check
  // between this produce and the sinks' first fetch deleted them all (compat CI, 2026-12-07: Kafka 3.9.1 log
  // "Incremented log start offset to 4 due to segment deletion"; the sinks, reset to 4, stayed empty for 150 s)
  await admin.createTopics({ waitForLeaders: true, topics: SUITES.map((s) => ({ topic: s.topic, numPartitions: 1, configEntries: [{ name: 'retention.ms', value: '-1' }] })) })
  await admin.disconnect()
  const producer = kafka.producer()
  await producer.connect()
  for (const suite of SUITES) {
    await producer.send({
      topic: suite.topic,
      messages: suite.values.map((value, i) => ({ key: `k${String(i)}`, value, partition: 0, timestamp: String(1704164645006 + i * 86_400_000), headers: i % 2 === 0 ? { keep: 'yes' } : {} })),
    })
  }
  await producer.disconnect()
}

/** The cases whose Kafka Connect file is still empty, each with its connector's and task's state (and the trace's first line): what a timeout reports. */
async function describeEmpty(url: string): Promise<string> {
  const empty = ALL_CASES.filter((c) => lineCount(join(dir, `connect-${c.name}.txt`)) === 0)
  const states = await Promise.all(empty.map(async (c) => {
    const { body } = await connectRequest(url, 'GET', `/connectors/${run}-${c.name}/status`)
    const status = body as { connector?: { state?: string }, tasks?: { id: number, state: string, trace?: string }[] } | undefined
    const tasks = (status?.tasks ?? []).map((t) => `task ${String(t.id)} ${t.state}${t.trace === undefined ? '' : ` (${t.trace.split('\n')[0] ?? ''})`}`)
    return `${c.name}: connector ${status?.connector?.state ?? 'unknown'}, ${tasks.length === 0 ? 'no tasks' : tasks.join(', ')}`
  }))
  return states.join('; ')
}

describe('SMT parity with Kafka Connect', () => {
  const { url } = servers().connect
  afterAll(async () => {
    for (const c of ALL_CASES) await connectRequest(url, 'DELETE', `/connectors/${run}-${c.name}`)
  })

  it('writes, byte for byte, what the Kafka Connect worker writes for the same sink config and records', async () => {
    await produceFixtures()
    // GIVEN one Kafka Connect FileStreamSink per case, and pipe running the same configs on the same topic
    for (const c of ALL_CASES) {
      const created = await connectRequest(url, 'POST', '/connectors', { name: `${run}-${c.name}`, config: sinkConfig(c, join(dir, `connect-${c.name}.txt`)) })
      expect(created.status, JSON.stringify(created.body)).toBe(201)
    }
    const backend = createKafkaTopicBackend({ client: createKafkajsClient({ bootstrapServers: servers().kafka.bootstrapServers }), offsetsTopic: `${run}-offsets` })
    const engine = createEngine({ backend, registry: defaultRegistry({ writer: { write: () => undefined } }) })
    await engine.start(ALL_CASES.map((c) => ({ name: `${run}-pipe-${c.name}`, config: sinkConfig(c, join(dir, `pipe-${c.name}.txt`)) })))
    // WHEN both have consumed every record (filter cases write fewer lines: wait for Connect's count)
    await waitFor('Kafka Connect sinks to write', () => Promise.resolve(ALL_CASES.every((c) => lineCount(join(dir, `connect-${c.name}.txt`)) > 0) ? true : undefined), 150_000)
      .catch(async (error: unknown) => { throw new Error(`${String(error)}; still empty: ${await describeEmpty(url)}`) })
    await new Promise((r) => setTimeout(r, 3000))
    await waitFor('pipe sinks to catch up', () => Promise.resolve(ALL_CASES.every((c) => lineCount(join(dir, `pipe-${c.name}.txt`)) >= lineCount(join(dir, `connect-${c.name}.txt`))) ? true : undefined), 60_000)
    await engine.stop()
    await backend.close()
    // THEN every output file is identical
    for (const c of ALL_CASES) {
      expect.soft(readFileSync(join(dir, `pipe-${c.name}.txt`), 'utf8'), c.name).toBe(readFileSync(join(dir, `connect-${c.name}.txt`), 'utf8'))
    }
  }, 300_000)
})
