// @servers kafka connect postgres-logical
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { repoRoot, runPipe } from '../../e2e/run-pipe.js'
import { servers } from '../../infra/servers.js'
import { connectRequest } from '../../support/connect-rest.js'
import { readTopic, type ReadRecord } from '../../support/read-topic.js'
import { dropSlot } from './db-harness.js'

const FIXTURE = join(repoRoot, 'test', 'fixtures', 'run', 'pg-cdc.ts')
/** Fields that differ between two readers of the same change by nature: when it was read, and where in the WAL. */
const VOLATILE_SOURCE = ['version', 'ts_ms', 'ts_us', 'ts_ns', 'lsn', 'sequence']
const VOLATILE_EVENT = ['ts_ms', 'ts_us', 'ts_ns']

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

/** The change event without what differs by nature (timestamps, LSNs, the Debezium version). */
function comparable(text: string | null, schemas: boolean): Json {
  if (text === null) return null
  const parsed = JSON.parse(text) as Record<string, Json>
  const payload = (schemas ? parsed['payload'] : parsed) as Record<string, Json> | null
  if (payload === null || typeof payload !== 'object') return { payload }
  // each engine reads the snapshot in its own transaction
  const skipped = payload['op'] === 'r' ? [...VOLATILE_SOURCE, 'txId'] : VOLATILE_SOURCE
  const source = Object.fromEntries(Object.entries(payload['source'] as Record<string, Json>).filter(([key]) => !skipped.includes(key)))
  const event: Record<string, Json> = Object.fromEntries(Object.entries({ ...payload, source }).filter(([key]) => !VOLATILE_EVENT.includes(key)))
  return schemas ? { schema: parsed['schema'] ?? null, payload: event } : event
}

const changes = [
  "INSERT INTO %t VALUES (3, 'c', 'c@example.com', 12.50, '2024-05-06 07:08:09.123456+00', '2024-05-06', true, 9007199254740993)",
  "UPDATE %t SET name = 'bb', email = NULL WHERE id = 2",
  'DELETE FROM %t WHERE id = 1',
  'UPDATE %t SET id = 4 WHERE id = 3',
  "INSERT INTO %t VALUES (5, 'e', NULL, -0.01, NULL, NULL, false, -1), (6, 'f', 'f@x', 0, '1999-12-31 23:59:59+00', '1970-01-01', NULL, 0)",
]

// GIVEN a table with rows, captured by Debezium's PostgreSQL connector on the real Kafka Connect worker and by
//   postgresCdc on the pipe runtime (pipe run on the same Kafka), each with its own slot, the same topic.prefix
// WHEN the same inserts, updates, deletes and a key change happen
// THEN both topics hold, record for record, the same key and the same envelope (before, after, op, source
//   except timestamps and LSNs; with JsonConverter schemas, the same schemas), with and without schemas
describe('postgres CDC parity: pipe runtime vs Debezium on Kafka Connect', () => {
  const id = `${String(process.pid)}_${String(Date.now() % 100_000)}`
  const table = `parity_${id}`
  const db = new pg.Client({ connectionString: servers().postgresLogical.connectionString })
  const connectors: string[] = []
  const slots: string[] = []

  beforeAll(async () => {
    await db.connect()
    await db.query(`CREATE TABLE ${table} (id int PRIMARY KEY, name text NOT NULL, email text, amount numeric(10,2), at timestamptz, day date, flag boolean, big bigint)`)
    await db.query(`INSERT INTO ${table} VALUES (1, 'a', 'a@example.com', 1.5, '2024-01-02 03:04:05.5+00', '2024-01-02', true, 1), (2, 'b', NULL, NULL, NULL, NULL, NULL, NULL)`)
  })
  afterAll(async () => {
    const url = servers().connect.url
    for (const name of connectors) await connectRequest(url, 'DELETE', `/connectors/${name}`)
    for (const slot of slots) await dropSlot(db, slot)
    await db.query(`DROP TABLE IF EXISTS ${table}`)
    await db.end()
  })

  it('gives the same keys and envelopes, with and without schemas', async () => {
    const { host, port, user, database } = servers().postgresLogical
    const brokers = servers().kafka.brokers
    const url = servers().connect.url
    const runs = [true, false].map((schemas) => ({ schemas, prefix: `parity${id}${schemas ? 's' : 'n'}`, dbz: `dbz_${id}_${schemas ? 's' : 'n'}`, pipe: `pipe-${id.replaceAll('_', '-')}-${schemas ? 's' : 'n'}` }))
    for (const run of runs) {
      connectors.push(run.dbz)
      slots.push(run.dbz, run.pipe.replaceAll('-', '_'))
      const converters = { 'key.converter': 'org.apache.kafka.connect.json.JsonConverter', 'value.converter': 'org.apache.kafka.connect.json.JsonConverter', 'key.converter.schemas.enable': String(run.schemas), 'value.converter.schemas.enable': String(run.schemas) }
      const response = await connectRequest(url, 'PUT', `/connectors/${run.dbz}/config`, {
        'connector.class': 'io.debezium.connector.postgresql.PostgresConnector', 'tasks.max': '1',
        'database.hostname': host, 'database.port': String(port), 'database.user': user, 'database.password': 'x', 'database.dbname': database,
        'topic.prefix': run.prefix, 'table.include.list': `public.${table}`, 'plugin.name': 'pgoutput', 'slot.name': run.dbz, 'publication.name': run.dbz,
        'publication.autocreate.mode': 'filtered', ...converters,
      })
      expect(response.status, JSON.stringify(response.body)).toBeLessThan(300)
    }
    const pipeRun = async (run: (typeof runs)[number], dir: string): Promise<void> => {
      const env = { PIPE_FIXTURE_NAME: run.pipe, PIPE_FIXTURE_SINK: 'none', PIPE_PG_TABLE: table, PIPE_PG_PORT: String(port), PIPE_TOPIC_PREFIX: run.prefix, PIPE_TOPIC_FORMAT: run.schemas ? 'json-schema' : 'json', PG_PASSWORD: '' }
      const result = await runPipe(['run', FIXTURE, '--bootstrap-servers', brokers.join(','), '--max-idle', '3s', '--state-dir', join(dir, '.pipe')], { cwd: dir, env })
      expect(result.status, result.stdout + result.stderr).toBe(0)
    }
    // both snapshot the two rows; pipe run ends idle, its slot keeps the changes that follow
    const dirs = runs.map(() => mkdtempSync(join(tmpdir(), 'pipe-cdc-parity-')))
    for (const run of runs) await readTopic(brokers, `${run.prefix}.public.${table}`, 2, { timeoutMs: 90_000, settleMs: 0 })
    for (const [i, run] of runs.entries()) await pipeRun(run, dirs[i] ?? '')
    for (const sql of changes) await db.query(sql.replaceAll('%t', table))
    for (const [i, run] of runs.entries()) await pipeRun(run, dirs[i] ?? '')
    const expected = 2 + 1 + 1 + 2 + 3 + 2 // snapshot, insert, update, delete + tombstone, key change (d, tombstone, c), 2 inserts
    for (const run of runs) {
      const fromDebezium = await readTopic(brokers, `${run.prefix}.public.${table}`, expected, { timeoutMs: 90_000, settleMs: 1000 })
      const fromPipe = await readTopic(brokers, `${run.pipe}-changes`, expected, { timeoutMs: 30_000, settleMs: 1000 })
      const view = (records: readonly ReadRecord[]): { key: Json; value: Json }[] =>
        records.map((r) => ({ key: r.key === null ? null : JSON.parse(r.key) as Json, value: comparable(r.value, run.schemas) }))
      expect(view(fromPipe), `schemas ${String(run.schemas)}`).toEqual(view(fromDebezium))
    }
  }, 240_000)
})
