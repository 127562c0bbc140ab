/**
 * The throughput race of DESIGN.md section 7: N JSON records of about S bytes, file -> topic -> file, on the test broker:
 *   (a) Apache Kafka Connect's FileStream source and sink connectors (the configs `pipe compile` emits), its worker
 *       warmed by one untimed run of the same size first,
 *   (b) `pipe run` on the same broker, (c) `pipe run` on the embedded store,
 *   (d) the physical limit: one process copying the input file line by line (no store, no topic),
 * and the broker's own ceiling with Kafka's producer and consumer perf tools. Every engine runs `--runs` times per
 * size, round-robin (so a change of machine load hits all alike); the tables show medians. Writes bench/RESULTS.md
 * (section "throughput"): one table per record count and size, with ratios vs Kafka Connect, vs the physical limit
 * and vs ProducerPerformance, records per CPU-second and peak RSS (5M beside 1M).
 *
 *   pnpm build && pnpm exec tsx bench/throughput.ts            # the acceptance run: 1M and 5M records of 200 B and 20 B, 3 runs
 *   pnpm exec tsx bench/throughput.ts --quick                  # development: 100k records of 200 B, 1 run, RESULTS.md untouched
 *   [--records 1000000,5000000] [--sizes 200,20] [--runs 3] [--only connect,pipe-kafka,pipe-embedded,copy,broker]
 */
import { randomUUID } from 'node:crypto'
import { mkdirSync, rmSync } from 'node:fs'
import { loadavg } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { up, down } from '../test/infra/infra.js'
import { repoRoot } from '../test/infra/paths.js'
import { readState } from '../test/infra/state.js'
import { ensureInput } from './lib/input.js'
import { consumerPerf, deleteTopics, producerPerf } from './lib/kafka-perf.js'
import { median } from './lib/measure.js'
import { removeSection, recordSection } from './lib/results.js'
import { runCopy, runOnConnect, runWithPipe, type Race, type RaceEngine, type RaceResult } from './lib/race.js'
import { throughputSection, type SizeRun } from './lib/throughput-report.js'

const engines = ['broker', 'connect', 'pipe-kafka', 'pipe-embedded', 'copy'] as const
type Engine = (typeof engines)[number]

const { values } = parseArgs({
  options: {
    records: { type: 'string' }, sizes: { type: 'string' }, runs: { type: 'string' },
    only: { type: 'string', default: engines.join(',') }, quick: { type: 'boolean', default: false },
    // the RESULTS.md section to write, e.g. `throughput-kafka-3.9.1` for a run under PIPE_KAFKA_VERSION=3.9.1 beside the default
    section: { type: 'string', default: 'throughput' },
  },
})
const quick = values.quick
const list = (text: string): number[] => text.split(',').map(Number)
const counts = list(values.records ?? (quick ? '100000' : '1000000,5000000'))
const sizes = list(values.sizes ?? (quick ? '200' : '200,20'))
const runs = Number(values.runs ?? (quick ? '1' : '3'))
const only = new Set(values.only.split(',')) as Set<Engine>
for (const n of [...counts, ...sizes, runs]) if (!Number.isInteger(n) || n <= 0) throw new Error(`--records, --sizes and --runs take positive integers (got ${String(n)})`)
const outDir = join(repoRoot, 'bench', 'out', 'throughput')
mkdirSync(outDir, { recursive: true })
const log = (line: string): void => { console.log(`[bench] ${line}`) }

const needsServers = only.has('broker') || only.has('connect') || only.has('pipe-kafka')
const started = needsServers ? await up(['kafka', 'connect'], { ownerPid: process.pid, log }) : []
const bootstrap = readState('kafka')?.endpoint ?? ''
const connectUrl = readState('connect')?.endpoint ?? ''
const connectPid = readState('connect')?.pid ?? 0
const runId = randomUUID().slice(0, 8)

const loadBefore = loadavg()[0] ?? 0
const done: SizeRun[] = []
try {
  for (const count of counts) for (const size of sizes) done.push(await raceOneSize(count, size))
} finally {
  await down(started.map((state) => state.name), log)
  rmSync(join(outDir, 'state'), { recursive: true, force: true })
}

const text = throughputSection(done, { runs, loadBefore, loadAfter: loadavg()[0] ?? 0, argv: process.argv.slice(2) })
console.log(`\n${text}`)
if (quick) log('--quick: bench/RESULTS.md left as it is')
else {
  recordSection(values.section, text)
  if (values.section === 'throughput') removeSection('throughput-5000000') // earlier runs wrote 5M on its own; this section holds every count now
}

/** Every engine `runs` times on `count` records of about `size` bytes, round-robin; Kafka Connect warmed first. */
async function raceOneSize(count: number, size: number): Promise<SizeRun> {
  const input = join(outDir, `input-${String(count)}x${String(size)}.jsonl`)
  const { bytes } = ensureInput(input, count, size)
  log(`${String(count)} records of ${String(size)} B, ${(bytes / 2 ** 20).toFixed(0)} MiB in ${input}`)
  const prefix = `${runId}-${String(size)}b-${String(count)}`
  const race = (round: string): Race => ({ count, input, outDir, run: `${prefix}-${round}`, bootstrap, log })
  const produce: number[] = []
  let consume: number | undefined
  const results = new Map<RaceEngine, RaceResult[]>()
  const add = (result: RaceResult): void => { results.set(result.engine, [...(results.get(result.engine) ?? []), result]) }
  try {
    if (only.has('connect')) {
      log(`kafka connect: warm-up run of ${String(count)} records (not timed)`)
      await runOnConnect({ ...race('warm'), connectUrl, connectPid })
    }
    for (let round = 1; round <= runs; round++) {
      log(`round ${String(round)} of ${String(runs)}`)
      if (only.has('connect')) add(await runOnConnect({ ...race(`r${String(round)}`), connectUrl, connectPid }))
      if (only.has('pipe-kafka')) add(await runWithPipe({ ...race(`r${String(round)}`), engine: 'pipe-kafka' }))
      if (only.has('pipe-embedded')) add(await runWithPipe({ ...race(`r${String(round)}`), engine: 'pipe-embedded' }))
      if (only.has('copy')) add(await runCopy(race(`r${String(round)}`)))
      if (only.has('broker')) {
        const produced = producerPerf(bootstrap, `bench-perf-${prefix}-r${String(round)}`, count, size)
        produce.push(produced.recordsPerSec)
      }
    }
    if (only.has('broker')) consume = consumerPerf(bootstrap, `bench-perf-${prefix}-r1`, count).recordsPerSec
  } finally {
    if (needsServers) deleteTopics(bootstrap, `bench-.*${prefix}.*`)
  }
  const broker = { ...(produce.length === 0 ? {} : { produce: median(produce) }), ...(consume === undefined ? {} : { consume }) }
  return { count, size, bytes, results: [...results.values()], broker }
}
