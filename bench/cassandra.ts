/**
 * Rows per second into Cassandra from one topic, in one run on the test servers:
 *   (a) Camel's CQL sink on Apache Kafka Connect (CamelSinkConnector, the config `pipe compile` emits),
 *   (b) pipe's cassandra sink with `pipe run` on the same broker.
 * N tweet rows (JSON arrays [id, text, author_id], the shape Camel binds to the INSERT's markers)
 * are produced to a topic first; each sink reads all of it into its own table of the same keyspace.
 * Timed from the start (connector posted, or `pipe run` spawned) until the table holds N rows,
 * polled with SELECT count(*) every 2 s for both. Writes bench/RESULTS.md (section "cassandra").
 *
 *   pnpm build && pnpm exec tsx bench/cassandra.ts [--rows 200000] [--only camel,pipe]
 */
import { spawn, spawnSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdirSync, openSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { Client } from 'cassandra-driver'
import { Kafka, logLevel } from 'kafkajs'
import { down, up } from '../test/infra/infra.js'
import { repoRoot } from '../test/infra/paths.js'
import { readState } from '../test/infra/state.js'
import { connectRequest } from '../test/support/connect-rest.js'
import { kafkaLine } from '../test/infra/versions.js'
import { machineLine, recordSection } from './lib/results.js'

const sinks = ['camel', 'pipe'] as const
type Sink = (typeof sinks)[number]

const { values } = parseArgs({ options: { rows: { type: 'string', default: '200000' }, only: { type: 'string', default: sinks.join(',') } } })
const count = Number(values.rows)
const only = new Set(values.only.split(',')) as Set<Sink>
const outDir = join(repoRoot, 'bench', 'out', 'cassandra')
const pipeBin = join(repoRoot, 'packages', 'cli', 'bin', 'pipe.js')
const log = (line: string): void => { console.log(`[bench] ${line}`) }
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))
const run = randomUUID().replaceAll('-', '').slice(0, 8)
const topicName = `bench-cassandra-${run}`
const keyspace = `bench_${run}`
mkdirSync(outDir, { recursive: true })

interface Result {
  readonly sink: Sink
  readonly label: string
  readonly seconds?: number
  readonly rowsPerSec?: number
  readonly note: string
}

/** Tweet-like rows: snowflake-like ids, ~110 characters of text, one of 5,000 authors. */
async function produceRows(bootstrap: string): Promise<void> {
  const kafka = new Kafka({ clientId: 'pipe-bench', brokers: [bootstrap], logLevel: logLevel.NOTHING })
  const admin = kafka.admin()
  await admin.connect()
  await admin.createTopics({ topics: [{ topic: topicName, numPartitions: 3 }] })
  await admin.disconnect()
  const producer = kafka.producer()
  await producer.connect()
  const first = 1_900_000_000_000_000_000n
  for (let start = 0; start < count; start += 5_000) {
    const messages = Array.from({ length: Math.min(5_000, count - start) }, (_, j) => {
      const i = start + j
      const id = (first + BigInt(i) * 4_194_304n).toString()
      const row = [id, `tweet ${String(i)} about kafka and cassandra, streamed through pipe into a table, one row per tweet #bench`, String(10_000 + (i % 5_000))]
      return { key: JSON.stringify(id), value: JSON.stringify(row) }
    })
    await producer.send({ topic: topicName, acks: -1, messages })
  }
  await producer.disconnect()
}

/** The bench pipeline, as a user writes it: the topic of rows into one table. */
function writePipeline(name: string, table: string, contactPoint: string): string {
  const dir = join(outDir, 'pipelines')
  mkdirSync(dir, { recursive: true })
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
    extends: '../../../../tsconfig.base.json',
    compilerOptions: { noEmit: true, composite: false, declaration: false, declarationMap: false },
    include: ['*.ts'],
  }, null, 2) + '\n')
  const file = join(dir, `${name}.ts`)
  writeFileSync(file, [
    "import { topic } from '@pipe/dsl'",
    "import { cassandra } from '@pipe/dsl/connectors'",
    '',
    'type Row = readonly [id: string, body: string, author: string]',
    '',
    `export default topic<Row>(${JSON.stringify(topicName)}, { partitions: 3 })`,
    `  .sink(cassandra({ contactPoints: [${JSON.stringify(contactPoint)}], keyspace: ${JSON.stringify(keyspace)}, table: ${JSON.stringify(table)},`,
    "                    columns: { id: '0', body: '1', author: '2' } }))",
    `  .named(${JSON.stringify(name)})`,
    '',
  ].join('\n'))
  return file
}

async function rowsIn(client: Client, table: string): Promise<number> {
  return Number((await client.execute(`SELECT count(*) FROM ${keyspace}.${table}`, [], { readTimeout: 60_000 })).first()['count'])
}

/** Waits until `table` holds `count` rows; fails when the count stalls for `stallMs` or `failed()` says why. */
async function waitForRows(client: Client, table: string, failed: () => Promise<string | undefined>, stallMs = 120_000): Promise<void> {
  let last = -1
  let lastChange = Date.now()
  for (;;) {
    const rows = await rowsIn(client, table)
    if (rows >= count) return
    if (rows !== last) { last = rows; lastChange = Date.now() }
    const reason = await failed()
    if (reason !== undefined) throw new Error(`${reason} at ${String(rows)} of ${String(count)} rows`)
    if (Date.now() - lastChange > stallMs) throw new Error(`no progress for ${String(stallMs / 1000)}s at ${String(rows)} of ${String(count)} rows`)
    await sleep(2_000)
  }
}

async function runCamel(client: Client, connectUrl: string, contactPoint: string): Promise<Result> {
  const label = `Camel CQL sink (camel-kafka-connector 0.11.0, Camel 3.11.1) on Kafka Connect ${kafkaLine().kafka}`
  const name = `bench-camel-${run}`
  const compiledDir = join(outDir, 'compiled', name)
  const compiled = spawnSync(process.execPath, [pipeBin, 'compile', writePipeline(name, 'camel_rows', contactPoint), '--out', compiledDir], { encoding: 'utf8' })
  if (compiled.status !== 0) throw new Error(`pipe compile failed:\n${compiled.stderr}`)
  const [config] = readdirSync(compiledDir).map((entry) => JSON.parse(readFileSync(join(compiledDir, entry), 'utf8')) as { name: string; config: Record<string, string> })
  if (config === undefined) throw new Error('pipe compile wrote no connector config')
  const began = Date.now()
  const posted = await connectRequest(connectUrl, 'POST', '/connectors', config)
  if (posted.status !== 201) throw new Error(`POST /connectors ${config.name}: ${String(posted.status)} ${JSON.stringify(posted.body)}`)
  try {
    await waitForRows(client, 'camel_rows', async () => {
      const status = await connectRequest(connectUrl, 'GET', `/connectors/${config.name}/status`)
      return JSON.stringify(status.body).includes('FAILED') ? `camel sink FAILED: ${JSON.stringify(status.body).slice(0, 500)}` : undefined
    })
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    log(`camel: ${message}`)
    return { sink: 'camel', label, note: `did not finish: ${message.split('\n')[0] ?? ''}` }
  } finally {
    await connectRequest(connectUrl, 'DELETE', `/connectors/${config.name}`)
  }
  const seconds = (Date.now() - began) / 1000
  log(`camel: ${seconds.toFixed(1)}s`)
  return { sink: 'camel', label, seconds, rowsPerSec: count / seconds, note: 'tasks.max=1; worker JVM already running' }
}

async function runPipe(client: Client, bootstrap: string, contactPoint: string): Promise<Result> {
  const label = 'pipe cassandra sink (cassandra-driver 4.10.0), pipe run on Kafka'
  const name = `bench-pipe-${run}`
  const logFile = join(outDir, `${name}.log`)
  const fd = openSync(logFile, 'w')
  const args = [pipeBin, 'run', writePipeline(name, 'pipe_rows', contactPoint), '--bootstrap-servers', bootstrap, '--offsets-topic', `bench-offsets-${run}`]
  const began = Date.now()
  const child = spawn(process.execPath, args, { cwd: repoRoot, stdio: ['ignore', fd, fd] })
  let exit: string | undefined
  const exited = new Promise<void>((resolve) => child.on('exit', (code, signal) => { exit = `pipe run exited (${String(code ?? signal)})`; resolve() }))
  try {
    await waitForRows(client, 'pipe_rows', () => Promise.resolve(exit === undefined ? undefined : `${exit}; log ${logFile}:\n${readFileSync(logFile, 'utf8').slice(-2000)}`))
  } catch (error) {
    child.kill('SIGKILL')
    const message = error instanceof Error ? error.message : String(error)
    log(`pipe: ${message}`)
    return { sink: 'pipe', label, note: `did not finish: ${message.split('\n')[0] ?? ''}` }
  }
  const seconds = (Date.now() - began) / 1000
  // every row is in: stop gracefully (not --max-idle, which would also end a run whose sink is slow to write)
  child.kill('SIGINT')
  const timeout = setTimeout(() => child.kill('SIGKILL'), 60_000)
  await exited
  clearTimeout(timeout)
  log(`pipe: ${seconds.toFixed(1)}s`)
  return { sink: 'pipe', label, seconds, rowsPerSec: count / seconds, note: 'one process, start-up included; batch.size 50, concurrency 16' }
}

const loadBefore = loadavg()[0] ?? 0
const started = await up(['kafka', 'connect', 'cassandra'], { ownerPid: process.pid, log })
const bootstrap = readState('kafka')?.endpoint ?? ''
const connectUrl = readState('connect')?.endpoint ?? ''
const contactPoint = readState('cassandra')?.endpoint ?? ''
const client = new Client({ contactPoints: [contactPoint], localDataCenter: 'datacenter1' })
const results: Result[] = []
try {
  await client.execute(`CREATE KEYSPACE ${keyspace} WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}`)
  for (const table of ['camel_rows', 'pipe_rows']) await client.execute(`CREATE TABLE ${keyspace}.${table} (id text PRIMARY KEY, body text, author text)`)
  log(`producing ${String(count)} rows to ${topicName}`)
  await produceRows(bootstrap)
  if (only.has('camel')) results.push(await runCamel(client, connectUrl, contactPoint))
  if (only.has('pipe')) results.push(await runPipe(client, bootstrap, contactPoint))
} finally {
  await client.execute(`DROP KEYSPACE IF EXISTS ${keyspace}`, [], { readTimeout: 60_000 }).catch(() => undefined)
  await client.shutdown()
  await down(started.map((state) => state.name), log)
  rmSync(join(outDir, 'pipelines'), { recursive: true, force: true })
  rmSync(join(outDir, 'compiled'), { recursive: true, force: true })
}
const loadAfter = loadavg()[0] ?? 0

const camel = results.find((result) => result.sink === 'camel')
const ratio = (result: Result): string =>
  camel?.rowsPerSec === undefined || result.sink === 'camel' || result.rowsPerSec === undefined ? '' : `${(result.rowsPerSec / camel.rowsPerSec).toFixed(2)}x`
const rows = results.map((result) => `| ${result.label} | ${result.rowsPerSec?.toFixed(0) ?? 'n/a'} | ${result.seconds?.toFixed(1) ?? 'n/a'} | ${ratio(result)} | ${result.note} |`)
const text = [
  '## cassandra: topic -> Cassandra table',
  '',
  `${String(count)} tweet rows (JSON arrays [id, text, author_id], about 150 bytes) pre-produced to one 3-partition topic;`,
  'each sink reads all of it into its own table (id text PRIMARY KEY, body text, author text) of one keyspace,',
  'timed from the start (connector posted, or `pipe run` spawned) until SELECT count(*) (polled every 2 s) shows every row.',
  'Kafka Connect runs the exact config `pipe compile` emits for the same pipeline file.',
  '',
  `- date: ${new Date().toISOString()}`,
  `- machine: ${machineLine()}; 1-minute load average ${loadBefore.toFixed(2)} before, ${loadAfter.toFixed(2)} after`,
  `- Apache Cassandra 5.0.6 (1 node, test/infra), Apache Kafka ${kafkaLine().kafka} broker and Kafka Connect ${kafkaLine().kafka} worker (test/infra), OpenJDK 17`,
  `- reproduce: \`pnpm build && pnpm exec tsx bench/cassandra.ts --rows ${String(count)}\``,
  '',
  '| sink | rows/s | seconds | vs Camel | note |',
  '|---|---|---|---|---|',
  ...rows,
].join('\n')
recordSection('cassandra', text)
log('wrote bench/RESULTS.md (cassandra)')
for (const line of rows) log(line)
