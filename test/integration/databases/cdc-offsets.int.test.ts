// @servers kafka connect postgres-logical
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { repoRoot, runPipe } from '../../e2e/run-pipe.js'
import { servers } from '../../infra/servers.js'
import { connectRequest } from '../../support/connect-rest.js'
import { readTopic } from '../../support/read-topic.js'
import { waitFor } from '../../support/wait-for.js'
import { dropSlot } from './db-harness.js'

const FIXTURE = join(repoRoot, 'test', 'fixtures', 'run', 'pg-cdc.ts')

/** `op:id` of each change event in the topic (tombstones as `-`). */
async function events(topic: string, count: number): Promise<string[]> {
  const records = await readTopic(servers().kafka.brokers, topic, count, { timeoutMs: 90_000, settleMs: 2000 })
  return records.map((r) => {
    if (r.value === null) return '-'
    const payload = (JSON.parse(r.value) as { payload: { op: string; after: { id: number } | null } }).payload
    return `${payload.op}:${String(payload.after?.id ?? '')}`
  })
}

// GIVEN a table captured by postgresCdc with `pipe run` on Kafka, its offsets in the Kafka Connect worker's
//   offsets topic, and Debezium's PostgreSQL connector configured with the same name, slot and topic.prefix
// WHEN pipe snapshots and streams, stops; Debezium takes over from the same offsets; it is removed and pipe takes over again
// THEN the topic holds each row's events exactly once: one snapshot (pipe's), then every change, no gap, no duplicate
describe('postgres CDC offsets: pipe run <-> Debezium on Kafka Connect', () => {
  const id = `${String(process.pid)}_${String(Date.now() % 100_000)}`
  const table = `handover_${id}`
  const name = `handover-${id.replaceAll('_', '-')}`
  const slot = name.replaceAll('-', '_')
  const connector = `${name}-source`
  const topic = `${name}-changes`
  const prefix = `handover${id}`
  const db = new pg.Client({ connectionString: servers().postgresLogical.connectionString })

  beforeAll(async () => {
    await db.connect()
    await db.query(`CREATE TABLE ${table} (id int PRIMARY KEY, name text NOT NULL)`)
  })
  afterAll(async () => {
    await connectRequest(servers().connect.url, 'DELETE', `/connectors/${connector}`)
    await dropSlot(db, slot)
    await db.query(`DROP TABLE IF EXISTS ${table}`)
    await db.end()
  })

  it('continues without a new snapshot and without a gap, both ways', async () => {
    const { host, port, user, database } = servers().postgresLogical
    const { url, offsetTopic } = servers().connect
    const brokers = servers().kafka.brokers.join(',')
    const insert = (...ids: number[]): Promise<unknown> => db.query(`INSERT INTO ${table} VALUES ${ids.map((i) => `(${String(i)}, 'row ${String(i)}')`).join(', ')}`)
    const dir = mkdtempSync(join(tmpdir(), 'pipe-cdc-handover-'))
    const pipeRun = async (): Promise<void> => {
      const env = { PIPE_FIXTURE_NAME: name, PIPE_FIXTURE_SINK: 'none', PIPE_PG_TABLE: table, PIPE_PG_PORT: String(port), PIPE_TOPIC_PREFIX: prefix, PG_PASSWORD: '' }
      const result = await runPipe(['run', FIXTURE, '--bootstrap-servers', brokers, '--offsets-topic', offsetTopic, '--max-idle', '3s', '--state-dir', join(dir, '.pipe')], { cwd: dir, env })
      expect(result.status, result.stdout + result.stderr).toBe(0)
    }
    const slotReleased = (): Promise<boolean> => waitFor(`slot ${slot} released`, async () => {
      const rows = await db.query('SELECT 1 FROM pg_replication_slots WHERE slot_name = $1 AND NOT active', [slot])
      return rows.rowCount === 1 ? true : undefined
    }, 60_000)

    // pipe: snapshot of 1-3, then streams 4-5
    await insert(1, 2, 3)
    await pipeRun()
    await insert(4, 5)
    await pipeRun()
    expect(await events(topic, 5)).toEqual(['r:1', 'r:2', 'r:3', 'c:4', 'c:5'])

    // Debezium on the worker, same connector name, slot and prefix: reads pipe's offsets, streams 6-8
    await insert(6, 7)
    const response = await connectRequest(url, 'PUT', `/connectors/${connector}/config`, {
      'connector.class': 'io.debezium.connector.postgresql.PostgresConnector', 'tasks.max': '1',
      'database.hostname': host, 'database.port': String(port), 'database.user': user, 'database.password': 'x', 'database.dbname': database,
      'topic.prefix': prefix, 'table.include.list': `public.${table}`, 'plugin.name': 'pgoutput', 'slot.name': slot, 'publication.name': slot,
      'publication.autocreate.mode': 'filtered',
      'key.converter': 'org.apache.kafka.connect.json.JsonConverter', 'value.converter': 'org.apache.kafka.connect.json.JsonConverter',
      'transforms': 'route', 'transforms.route.type': 'org.apache.kafka.connect.transforms.RegexRouter', 'transforms.route.regex': '.*', 'transforms.route.replacement': topic,
    })
    expect(response.status, JSON.stringify(response.body)).toBeLessThan(300)
    expect(await events(topic, 7)).toEqual(['r:1', 'r:2', 'r:3', 'c:4', 'c:5', 'c:6', 'c:7'])
    await insert(8)
    expect(await events(topic, 8)).toEqual(['r:1', 'r:2', 'r:3', 'c:4', 'c:5', 'c:6', 'c:7', 'c:8'])
    // Debezium commits its offsets on the worker's interval and when its task stops
    await connectRequest(url, 'DELETE', `/connectors/${connector}`)
    await slotReleased()

    // pipe again, from Debezium's offsets: 9-10 only
    await insert(9, 10)
    await pipeRun()
    expect(await events(topic, 10)).toEqual(['r:1', 'r:2', 'r:3', 'c:4', 'c:5', 'c:6', 'c:7', 'c:8', 'c:9', 'c:10'])
  }, 300_000)
})
