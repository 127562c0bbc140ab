/**
 * Times `pipe check` over 50 generated pipeline files that use modules pulled with `pipe plugins pull`
 * from the test worker (Debezium PostgreSQL and JDBC, FileStream, Camel, SMTs, a predicate), beside
 * `tsc --noEmit` on the same files and tsconfig (goal: within 1.5x), and records the medians in
 * bench/RESULTS.md (section "check with pulled plugins"). Starts Kafka and Connect when they are not
 * running (and stops what it started). Run `pnpm build` first, then `pnpm exec tsx bench/check-plugins.ts [--runs N]`.
 */
import { loadavg } from 'node:os'
import { join } from 'node:path'
import { down, up } from '../test/infra/infra.js'
import { repoRoot } from '../test/infra/paths.js'
import { readState } from '../test/infra/state.js'
import { machineLine, recordSection } from './lib/results.js'
import { writeBenchProject } from './lib/bench-project.js'
import { measureAll, median, timeCommand, versionOf, type Measure } from './lib/measure.js'

const outDir = join(repoRoot, 'bench', 'out', 'check-plugins')
const pipelinesDir = join(outDir, 'pipelines')
const connectorsDir = join(outDir, 'connectors')
const pipeBin = join(repoRoot, 'packages', 'cli', 'bin', 'pipe.js')
const tscBin = join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc')
const FILES = 50
const runsArg = process.argv.indexOf('--runs')
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 5
const GOAL = 1.5
const log = (line: string): void => { console.log(`[bench] ${line}`) }

/** Four shapes, cycled: Debezium CDC flattened, file to file with an SMT, topic to JDBC with SMTs and a predicate, topic to Camel. */
function pipelineSource(i: number): string {
  const n = String(i).padStart(2, '0')
  const header = (dsl: string, pulled: string): string => `import { ${dsl} } from '@pipe/dsl'\nimport { ${pulled} } from '../connectors/index.js'\n\n`
  const row = `interface Order${n} {\n  readonly id: number\n  readonly customer: string\n  readonly amount: number\n  readonly note: string\n}\n\n`
  switch (i % 4) {
    case 0:
      return `${header('env, source, topic', 'extractNewRecordState, postgresConnector')}${row}export default source(postgresConnector({\n` +
        "  'database.hostname': '127.0.0.1',\n  'database.port': 5433,\n  'database.user': 'bench',\n  'database.password': env('BENCH_PG_PASSWORD'),\n" +
        `  'database.dbname': 'bench',\n  'plugin.name': 'pgoutput',\n  'topic.prefix': 'bench-${n}',\n  'table.include.list': ['public.orders_${n}'],\n}))\n` +
        `  .transform<Order${n}>(extractNewRecordState({ 'delete.tombstone.handling.mode': 'drop' }))\n  .to(topic('bench-cdc-${n}'))\n`
    case 1:
      return `${header('source, topic', 'fileStreamSinkConnector, fileStreamSourceConnector, insertFieldValue')}export default source(fileStreamSourceConnector({ file: '/tmp/bench-in-${n}.txt', 'batch.size': 500 }))\n` +
        `  .transform(insertFieldValue({ 'static.field': 'origin', 'static.value': 'bench-${n}' }))\n` +
        `  .to(topic('bench-lines-${n}'))\n  .sink(fileStreamSinkConnector({ file: '/tmp/bench-out-${n}.txt' }))\n`
    case 2:
      return `${header('env, topic', 'castValue, hasHeaderKey, jdbcSinkConnector, maskFieldValue')}${row}export default topic<Order${n}>('bench-orders-${n}', { format: 'json-schema' })\n` +
        "  .transform(maskFieldValue({ fields: ['note'] }))\n  .transform(castValue({ spec: ['amount:float64'] }))\n" +
        "  .dropIf(hasHeaderKey({ name: 'test' }))\n" +
        "  .sink(jdbcSinkConnector({\n    'connection.url': 'jdbc:postgresql://127.0.0.1:5432/bench',\n    'connection.username': 'bench',\n" +
        "    'connection.password': env('BENCH_DB_PASSWORD'),\n    'insert.mode': 'upsert',\n    'primary.key.mode': 'record_key',\n    'delete.enabled': true,\n  }))\n"
    default:
      return `${header('topic', 'camelSinkConnector, replaceFieldValue')}${row}export default topic<Order${n}>('bench-raw-${n}', { format: 'json-schema' })\n` +
        "  .transform(replaceFieldValue({ exclude: ['note'] }))\n" +
        `  .sink(camelSinkConnector({ 'camel.sink.url': 'cql://127.0.0.1:9042/bench?cql=INSERT INTO orders_${n} (id) VALUES (?)' }))\n`
  }
}

/** The modules of every plugin the worker lists, and 50 pipelines over them, with one tsconfig for both tools. */
function generate(connectUrl: string): number {
  let pullMs = 0
  writeBenchProject(outDir, FILES, pipelineSource, () => {
    pullMs = timeCommand([process.execPath, pipeBin, 'plugins', 'pull', '--connect', connectUrl, '--out', connectorsDir])
  })
  return pullMs
}

function section(measures: readonly Measure[], pullMs: number, load: { before: number; after: number }): string {
  const rel = (path: string): string => path.startsWith(repoRoot) ? path.slice(repoRoot.length + 1) : path
  const rows = measures.map((m) => `| ${m.name} | ${median(m.ms).toFixed(0)} | ${Math.min(...m.ms).toFixed(0)} | ${Math.max(...m.ms).toFixed(0)} | \`${m.command.map(rel).join(' ')}\` |`)
  const check = median(measures.find((m) => m.name === 'pipe check')?.ms ?? [])
  const tsc = median(measures.find((m) => m.name === 'tsc --noEmit')?.ms ?? [])
  const ratio = tsc === 0 ? 0 : check / tsc
  return [
    '## check with pulled plugins',
    '',
    `${String(FILES)} generated pipeline files (bench/check-plugins.ts) over the modules \`pipe plugins pull\` wrote from the test`,
    'worker (every plugin it lists, imported through their index.ts): Debezium PostgreSQL with ExtractNewRecordState, FileStream with',
    `InsertField, topic to the Debezium JDBC sink with MaskField, Cast and a HasHeaderKey predicate, topic to Camel with ReplaceField;`,
    `${String(RUNS)} rounds (commands alternate) after one warm-up round; wall time in ms.`,
    '',
    `- date: ${new Date().toISOString()}`,
    `- machine: ${machineLine()}`,
    `- 1-minute load average ${load.before.toFixed(1)} before, ${load.after.toFixed(1)} after`,
    `- TypeScript ${versionOf([process.execPath, tscBin, '--version']).replace('Version ', '')}, pipe ${versionOf([process.execPath, pipeBin, '--version'])}`,
    `- command: \`pnpm build && pnpm exec tsx bench/check-plugins.ts --runs ${String(RUNS)}\``,
    '',
    '| command | median | min | max | command line |',
    '|---|---:|---:|---:|---|',
    ...rows,
    '',
    `\`pipe check\` / \`tsc --noEmit\` = **${ratio.toFixed(2)}x** (goal: within ${GOAL.toFixed(1)}x: ${ratio <= GOAL ? 'met' : 'NOT met'}).`,
    `\`pipe plugins pull\` of every plugin of the worker (once, before the rounds): ${pullMs.toFixed(0)} ms.`,
    '',
  ].join('\n')
}

const started = await up(['kafka', 'connect'], { ownerPid: process.pid, log })
try {
  const connectUrl = readState('connect')?.endpoint ?? ''
  const pullMs = generate(connectUrl)
  const node = process.execPath
  const before = loadavg()[0] ?? 0
  const measures = measureAll([
    { name: 'pipe check', command: [node, pipeBin, 'check', pipelinesDir] },
    { name: 'tsc --noEmit', command: [node, tscBin, '--noEmit', '-p', join(outDir, 'tsconfig.json')] },
  ], RUNS)
  const text = section(measures, pullMs, { before, after: loadavg()[0] ?? 0 })
  console.log(text)
  recordSection('check-plugins', text)
} finally {
  await down(started.map((state) => state.name), log)
}
