/**
 * Rows per second of the PostgreSQL CDC source and of the JDBC sink, pipe against Debezium on Apache
 * Kafka Connect, in one run on the test servers (kafka, connect, postgres-logical):
 *   CDC: N rows inserted in one transaction into a fresh table whose slots exist already; Debezium's
 *        PostgresConnector (running) and `pipe run` of test/fixtures/run/pg-cdc.ts (spawned after the insert,
 *        its start-up counted) each until their topic holds N change events.
 *   JDBC sink: the N change events of Debezium's topic upserted into a fresh PostgreSQL table by Debezium's
 *        JdbcSinkConnector and by `pipe run` of bench/lib/jdbc-sink-pipeline.ts, each until the table has N rows.
 * Writes bench/RESULTS.md (section "databases").
 *
 *   pnpm build && pnpm exec tsx bench/databases.ts [--rows 20000]
 */
import { spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdtempSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { Kafka, logLevel } from 'kafkajs'
import pg from 'pg'
import { repoRoot } from '../test/infra/paths.js'
import { servers } from '../test/infra/servers.js'
import { connectRequest } from '../test/support/connect-rest.js'
import { machineLine, recordSection } from './lib/results.js'

const { values } = parseArgs({ options: { rows: { type: 'string', default: '20000' } } })
const count = Number(values.rows)
const pipeBin = join(repoRoot, 'packages', 'cli', 'bin', 'pipe.js')
const log = (line: string): void => { console.log(`[bench] ${line}`) }
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))
const run = randomUUID().replaceAll('-', '').slice(0, 8)
const table = `bench_${run}`
const prefix = `bench${run}`
const dbzTopic = `${prefix}.public.${table}`
const pipeName = `bench-${run}`
const pipeTopic = `${pipeName}-changes`

const { host, port, user, database, connectionString } = servers().postgresLogical
const { url: connectUrl } = servers().connect
const brokers = servers().kafka.brokers
const kafka = new Kafka({ clientId: 'pipe-bench', brokers: [...brokers], logLevel: logLevel.NOTHING })
const db = new pg.Client({ connectionString })

async function topicSize(topic: string): Promise<number> {
  const admin = kafka.admin()
  await admin.connect()
  try {
    const offsets = await admin.fetchTopicOffsets(topic).catch(() => [])
    return offsets.reduce((n, o) => n + Number(o.high) - Number(o.low), 0)
  } finally {
    await admin.disconnect()
  }
}

async function until(what: string, probe: () => Promise<boolean>, timeoutMs = 600_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await sleep(250)
  }
}

function pipeRun(file: string, env: Record<string, string>): Promise<number | null> {
  const dir = mkdtempSync(join(tmpdir(), 'pipe-bench-db-'))
  const child = spawn(process.execPath, [pipeBin, 'run', file, '--bootstrap-servers', brokers.join(','), '--max-idle', '3s'], { cwd: dir, env: { ...process.env, ...env }, stdio: 'ignore' })
  return new Promise((resolve) => { child.on('close', resolve) })
}

const converters = { 'key.converter': 'org.apache.kafka.connect.json.JsonConverter', 'value.converter': 'org.apache.kafka.connect.json.JsonConverter' }
const cdcEnv = { PIPE_FIXTURE_NAME: pipeName, PIPE_FIXTURE_SINK: 'none', PIPE_PG_TABLE: table, PIPE_PG_PORT: String(port), PIPE_TOPIC_PREFIX: prefix, PG_PASSWORD: '' }
const fixture = join(repoRoot, 'test', 'fixtures', 'run', 'pg-cdc.ts')
const rate = (seconds: number): string => `${Math.round(count / seconds).toLocaleString('en-US')} rows/s (${seconds.toFixed(1)} s)`

await db.connect()
const results: string[] = []
try {
  await db.query(`CREATE TABLE ${table} (id int PRIMARY KEY, name text NOT NULL, email text, amount numeric(10,2), at timestamptz)`)
  // the slots first: Debezium running, pipe's created by a first run on the empty table
  const dbz = await connectRequest(connectUrl, 'PUT', `/connectors/${prefix}-dbz/config`, {
    'connector.class': 'io.debezium.connector.postgresql.PostgresConnector', 'tasks.max': '1', 'database.hostname': host, 'database.port': String(port),
    'database.user': user, 'database.password': 'x', 'database.dbname': database, 'topic.prefix': prefix, 'table.include.list': `public.${table}`,
    'plugin.name': 'pgoutput', 'slot.name': `${prefix}_dbz`, 'publication.name': `${prefix}_dbz`, 'publication.autocreate.mode': 'filtered', ...converters,
  })
  if (dbz.status >= 300) throw new Error(`Debezium connector: ${JSON.stringify(dbz.body)}`)
  await pipeRun(fixture, cdcEnv)
  await until('Debezium streaming', async () => ((await db.query(`SELECT 1 FROM pg_replication_slots WHERE slot_name = '${prefix}_dbz' AND active`)).rowCount === 1))
  log(`inserting ${String(count)} rows`)
  await db.query(`INSERT INTO ${table} SELECT i, 'name ' || i, 'e' || i || '@example.com', i / 100.0, now() FROM generate_series(1, ${String(count)}) i`)
  const dbzStart = Date.now()
  await until('Debezium topic', async () => (await topicSize(dbzTopic)) >= count)
  const dbzCdc = (Date.now() - dbzStart) / 1000
  const pipeStart = Date.now()
  const exited = pipeRun(fixture, cdcEnv)
  await until('pipe topic', async () => (await topicSize(pipeTopic)) >= count)
  const pipeCdc = (Date.now() - pipeStart) / 1000
  await exited
  log(`cdc: Debezium ${rate(dbzCdc)}, pipe ${rate(pipeCdc)}`)
  results.push(`| PostgreSQL CDC source | ${rate(dbzCdc)} | ${rate(pipeCdc)} |`)

  // the JDBC sink, both from Debezium's topic
  const sinkStart = Date.now()
  const sink = await connectRequest(connectUrl, 'PUT', `/connectors/${prefix}-dbz-sink/config`, {
    'connector.class': 'io.debezium.connector.jdbc.JdbcSinkConnector', 'tasks.max': '1', topics: dbzTopic,
    'connection.url': `jdbc:postgresql://${host}:${String(port)}/${database}`, 'connection.username': user, 'connection.password': 'x',
    'insert.mode': 'upsert', 'primary.key.mode': 'record_key', 'delete.enabled': 'true', 'schema.evolution': 'basic', 'collection.name.format': `${table}_dbz`, ...converters,
  })
  if (sink.status >= 300) throw new Error(`Debezium JDBC sink: ${JSON.stringify(sink.body)}`)
  const rows = async (name: string): Promise<number> => Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM ${name}`).catch(() => ({ rows: [{ n: '0' }] }))).rows[0]?.n ?? 0)
  await until('Debezium JDBC sink table', async () => (await rows(`${table}_dbz`)) >= count)
  const dbzSink = (Date.now() - sinkStart) / 1000
  const pipeSinkStart = Date.now()
  const sinkExit = pipeRun(join(repoRoot, 'bench', 'lib', 'jdbc-sink-pipeline.ts'), {
    BENCH_TOPIC: dbzTopic, BENCH_URL: `jdbc:postgresql://${host}:${String(port)}/${database}`, BENCH_TABLE: `${table}_pipe`, BENCH_NAME: `${pipeName}-sink`, BENCH_PASSWORD: '',
  })
  await until('pipe JDBC sink table', async () => (await rows(`${table}_pipe`)) >= count)
  const pipeSink = (Date.now() - pipeSinkStart) / 1000
  await sinkExit
  log(`jdbc sink: Debezium ${rate(dbzSink)}, pipe ${rate(pipeSink)}`)
  results.push(`| JDBC sink (PostgreSQL, upsert) | ${rate(dbzSink)} | ${rate(pipeSink)} |`)
} finally {
  await connectRequest(connectUrl, 'DELETE', `/connectors/${prefix}-dbz`)
  await connectRequest(connectUrl, 'DELETE', `/connectors/${prefix}-dbz-sink`)
  await sleep(3000)
  for (const slot of [`${prefix}_dbz`, pipeName.replaceAll('-', '_')]) {
    await db.query('SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = $1 AND NOT active', [slot]).catch(() => undefined)
    await db.query(`DROP PUBLICATION IF EXISTS ${slot}`).catch(() => undefined)
  }
  await db.query(`DROP TABLE IF EXISTS ${table}, ${table}_dbz, ${table}_pipe`)
  await db.end()
}

recordSection('databases', [
  '## databases: PostgreSQL CDC source and JDBC sink, pipe vs Debezium on Kafka Connect',
  '',
  `${machineLine()}; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} at the end (the machine is shared: other runs were going on).`,
  `${String(count)} rows, \`pnpm exec tsx bench/databases.ts --rows ${String(count)}\`. Debezium runs on the shared Kafka Connect worker (already started);`,
  "pipe's time includes `pipe run`'s start-up (about a second).",
  '',
  '| what | Debezium on Kafka Connect | pipe (`pipe run` on Kafka) |',
  '|---|---|---|',
  ...results,
].join('\n'))
