/**
 * Times `pipe check` and `pipe compile` over 50 generated pipeline files, beside `tsc --noEmit` on
 * the same files and tsconfig, and records the medians in bench/RESULTS.md (section "check and
 * compile"). Run `pnpm build` first, then `pnpm exec tsx bench/check-compile.ts [--runs N]`.
 */
import { cpus, loadavg, totalmem } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { writeBenchProject } from './lib/bench-project.js'
import { measureAll, median, versionOf as version, type Measure } from './lib/measure.js'
import { recordSection } from './lib/results.js'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const outDir = join(root, 'bench', 'out', 'check-compile')
const pipelinesDir = join(outDir, 'pipelines')
const pipeBin = join(root, 'packages', 'cli', 'bin', 'pipe.js')
const tscBin = join(root, 'node_modules', 'typescript', 'bin', 'tsc')
const FILES = 50
const runsArg = process.argv.indexOf('--runs')
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 5

/** Four shapes, cycled: CDC to JDBC with portable steps, file to file, a fork, a sink-only pipeline. */
function pipelineSource(i: number): string {
  const n = String(i).padStart(2, '0')
  const header = "import { env, source, topic, hasHeaderKey } from '@pipe/dsl'\nimport { file, fileSink, jdbc, postgresCdc } from '@pipe/dsl/connectors'\n\n"
  const row = `interface Order${n} {\n  readonly id: number\n  readonly customer: string\n  readonly amount: number\n  readonly note: string\n}\n\n`
  const jdbcSink = `jdbc({ url: 'jdbc:postgresql://127.0.0.1:5432/bench', username: 'bench', password: env('BENCH_DB_PASSWORD'), primaryKeyFields: ['id'] })`
  switch (i % 4) {
    case 0:
      return `${header}${row}export default source(postgresCdc<Order${n}>({ hostname: '127.0.0.1', user: 'bench', password: env('BENCH_PG_PASSWORD'), database: 'bench', tables: ['public.orders_${n}'] }))\n` +
        `  .to(topic('bench-cdc-${n}'))\n`
    case 1:
      return `${header}export default source(file({ file: '/tmp/bench-in-${n}.txt' }))\n  .insertHeader('origin', 'bench-${n}')\n  .to(topic('bench-lines-${n}'))\n  .sink(fileSink({ file: '/tmp/bench-out-${n}.txt' }))\n`
    case 2:
      return `${header}${row}export default topic<Order${n}>('bench-orders-${n}', { format: 'json-schema' })\n  .maskField(['note'])\n  .cast({ amount: 'float64' })\n  .dropIf(hasHeaderKey('test'))\n  .sink(${jdbcSink})\n`
    default:
      return `${header}${row}export default topic<Order${n}>('bench-raw-${n}', { format: 'json-schema' })\n  .replaceField({ exclude: ['note'] })\n  .insertField({ static: { field: 'source', value: 'bench' } })\n  .sink(${jdbcSink})\n`
  }
}

function generate(): void {
  writeBenchProject(outDir, FILES, pipelineSource)
}

function section(measures: readonly Measure[], load: { before: number; after: number }): string {
  const rel = (path: string): string => path.startsWith(root) ? path.slice(root.length + 1) : path
  const cpu = cpus()[0]?.model ?? 'unknown cpu'
  const rows = measures.map((m) => `| ${m.name} | ${median(m.ms).toFixed(0)} | ${Math.min(...m.ms).toFixed(0)} | ${Math.max(...m.ms).toFixed(0)} | \`${m.command.map(rel).join(' ')}\` |`)
  return [
    '## check and compile',
    '',
    `${String(FILES)} generated pipeline files (bench/check-compile.ts: CDC to topic, file to file, topic to JDBC with portable steps), `,
    `one process per run as a user or CI runs it, ${String(RUNS)} rounds (commands alternate) after one warm-up round; wall time in ms.`,
    '',
    `- date: ${new Date().toISOString()}`,
    `- machine: ${cpu}, ${String(cpus().length)} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB`,
    `- 1-minute load average ${load.before.toFixed(1)} before, ${load.after.toFixed(1)} after (other work on the machine inflates every row alike)`,
    `- Node ${process.version}, TypeScript ${version([process.execPath, tscBin, '--version']).replace('Version ', '')}, pipe ${version([process.execPath, pipeBin, '--version'])}`,
    '',
    '| command | median | min | max | command line |',
    '|---|---:|---:|---:|---|',
    ...rows,
    '',
    '`pipe check` type-checks with the same tsconfig, asking for the diagnostics of the pipeline files only, then bundles,',
    'loads, validates and compiles every pipeline (about 0.3 s of the total for 50 files when the machine is idle);',
    '`tsc --noEmit` reports on every file of the program, including the `@pipe/dsl` sources the tsconfig resolves to.',
    '`pipe compile` does all of `pipe check` except live validation, then writes one JSON file per connector.',
    '',
  ].join('\n')
}


generate()
const node = process.execPath
const before = loadavg()[0] ?? 0
const measures = measureAll([
  { name: 'pipe check', command: [node, pipeBin, 'check', pipelinesDir] },
  { name: 'pipe compile', command: [node, pipeBin, 'compile', pipelinesDir, '--out', join(outDir, 'build')] },
  { name: 'tsc --noEmit', command: [node, tscBin, '--noEmit', '-p', join(outDir, 'tsconfig.json')] },
], RUNS)
const text = section(measures, { before, after: loadavg()[0] ?? 0 })
console.log(text)
recordSection('check-compile', text)
