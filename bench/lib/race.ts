import { spawn, spawnSync } from 'node:child_process'
import { mkdirSync, openSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { repoRoot } from '../../test/infra/paths.js'
import { kafkaLine } from '../../test/infra/versions.js'
import { connectRequest } from '../../test/support/connect-rest.js'
import { LineCounter } from './input.js'
import { cpuSeconds, currentRssMiB, sampleRss } from './rss.js'

/** What a race runs: Kafka Connect, pipe on Kafka, pipe embedded, or the plain line copy (the physical limit). */
export type RaceEngine = 'connect' | 'pipe-kafka' | 'pipe-embedded' | 'copy'

export interface RaceResult {
  readonly engine: RaceEngine
  readonly label: string
  readonly seconds?: number
  readonly recordsPerSec?: number
  readonly peakRssMiB?: number
  /** CPU seconds (user + system) the engine's process used for the run: what it costs, whatever else runs on the machine. */
  readonly cpuSeconds?: number
  readonly note: string
}

export interface Race {
  readonly count: number
  readonly input: string
  readonly outDir: string
  /** Unique per race (run id, record size and round): names the pipeline, its topic, connectors and state. */
  readonly run: string
  readonly bootstrap: string
  readonly log: (line: string) => void
}

const pipeBin = join(repoRoot, 'packages', 'cli', 'bin', 'pipe.js')
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/** The bench pipeline, as a user writes it: one file -> topic -> file pipeline per engine and run. */
function writePipeline(race: Race, name: string): { file: string; output: string } {
  const dir = join(race.outDir, 'pipelines')
  mkdirSync(dir, { recursive: true })
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
    extends: '../../../../tsconfig.base.json',
    compilerOptions: { noEmit: true, composite: false, declaration: false, declarationMap: false },
    include: ['*.ts'],
  }, null, 2) + '\n')
  const output = join(race.outDir, `out-${name}.jsonl`)
  rmSync(output, { force: true })
  const file = join(dir, `${name}.ts`)
  writeFileSync(file, [
    "import { source, topic } from '@pipe/dsl'",
    "import { file, fileSink } from '@pipe/dsl/connectors'",
    '',
    `export default source(file({ file: ${JSON.stringify(race.input)} }))`,
    `  .to(topic(${JSON.stringify(name)}))`,
    `  .sink(fileSink({ file: ${JSON.stringify(output)} }))`,
    '',
  ].join('\n'))
  return { file, output }
}

/**
 * Waits until `output` holds `count` lines. Fails when nothing new arrives for `stallMs`, or when
 * `exited()` says the engine stopped early.
 */
async function waitForLines(output: string, count: number, exited: () => string | undefined, stallMs = 120_000): Promise<number> {
  const counter = new LineCounter(output)
  const began = Date.now()
  let last = 0
  let lastChange = Date.now()
  for (;;) {
    const lines = counter.poll()
    if (lines >= count) return (Date.now() - began) / 1000
    if (lines !== last) { last = lines; lastChange = Date.now() }
    const reason = exited()
    if (reason !== undefined) throw new Error(`${reason} after ${String(lines)} of ${String(count)} lines`)
    if (Date.now() - lastChange > stallMs) throw new Error(`no progress for ${String(stallMs / 1000)}s at ${String(lines)} of ${String(count)} lines`)
    await sleep(50)
  }
}

/** Kafka Connect's FileStream connectors, with the configs `pipe compile` emits for the bench pipeline. */
export async function runOnConnect(race: Race & { readonly connectUrl: string; readonly connectPid: number }): Promise<RaceResult> {
  const name = `bench-connect-${race.run}`
  const { file, output } = writePipeline(race, name)
  const outDir = join(race.outDir, 'compiled', name)
  const compiled = spawnSync(process.execPath, [pipeBin, 'compile', file, '--out', outDir], { encoding: 'utf8' })
  if (compiled.status !== 0) throw new Error(`pipe compile failed:\n${compiled.stderr}`)
  const configs = readdirSync(outDir).map((entry) => JSON.parse(readFileSync(join(outDir, entry), 'utf8')) as { name: string; config: Record<string, string> })
  const baseline = currentRssMiB(race.connectPid)
  const cpuBefore = cpuSeconds(race.connectPid) ?? 0
  const rss = sampleRss(race.connectPid)
  // a GET first: a kept-alive connection the worker closed meanwhile fails it (retried), not the POST that follows
  await connectRequest(race.connectUrl, 'GET', '/connectors').catch(() => connectRequest(race.connectUrl, 'GET', '/connectors'))
  race.log(`kafka connect: posting ${configs.map((config) => config.name).join(', ')}`)
  const began = Date.now()
  for (const config of configs) {
    const response = await connectRequest(race.connectUrl, 'POST', '/connectors', config)
    if (response.status !== 201) throw new Error(`POST /connectors ${config.name}: ${String(response.status)} ${JSON.stringify(response.body)}`)
  }
  let cpu: number | undefined
  try {
    await waitForLines(output, race.count, () => undefined)
    cpu = (cpuSeconds(race.connectPid) ?? 0) - cpuBefore
  } finally {
    for (const config of configs) await connectRequest(race.connectUrl, 'DELETE', `/connectors/${config.name}`)
  }
  const seconds = (Date.now() - began) / 1000
  const { peakMiB } = rss.stop()
  rmSync(output, { force: true })
  race.log(`kafka connect: ${seconds.toFixed(1)}s`)
  return {
    engine: 'connect', label: `Apache Kafka Connect ${kafkaLine().kafka} FileStream`, seconds, recordsPerSec: race.count / seconds, peakRssMiB: peakMiB, cpuSeconds: cpu,
    note: `worker JVM, already running (${baseline.toFixed(0)} MiB before the run)`,
  }
}

/** The physical limit: one process copying the input file line by line to the output file (bench/lib/copy-lines.ts). */
export async function runCopy(race: Race): Promise<RaceResult> {
  const output = join(race.outDir, `out-copy-${race.run}.jsonl`)
  const began = Date.now()
  const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'bench', 'lib', 'copy-lines.ts'), race.input, output], { cwd: repoRoot, stdio: 'inherit' })
  const rss = sampleRss(child.pid ?? 0)
  let cpu: number | undefined
  // CPU seconds are read from /proc just before the process is reaped
  const poll = setInterval(() => { cpu = cpuSeconds(child.pid ?? 0) ?? cpu }, 20)
  const code = await new Promise<number | null>((resolve) => child.on('exit', (exitCode) => { resolve(exitCode) }))
  clearInterval(poll)
  const seconds = (Date.now() - began) / 1000
  const { peakMiB } = rss.stop()
  const lines = new LineCounter(output).poll()
  rmSync(output, { force: true })
  if (code !== 0 || lines !== race.count) throw new Error(`copy-lines exited ${String(code)} with ${String(lines)} of ${String(race.count)} lines`)
  race.log(`physical limit: ${seconds.toFixed(1)}s`)
  return {
    engine: 'copy', label: 'physical limit: read lines, write lines', seconds, recordsPerSec: race.count / seconds, peakRssMiB: peakMiB,
    ...(cpu === undefined ? {} : { cpuSeconds: cpu }), note: 'one Node process, no store, no topic, start-up included',
  }
}

/** `pipe run` on the same broker or on the embedded store, one fresh process per run. */
export async function runWithPipe(race: Race & { readonly engine: 'pipe-kafka' | 'pipe-embedded' }): Promise<RaceResult> {
  const name = `bench-${race.engine}-${race.run}`
  const { file, output } = writePipeline(race, name)
  const stateDir = join(race.outDir, 'state', name)
  const args = ['run', file, '--state-dir', stateDir, '--max-idle', '3s', ...(race.engine === 'pipe-kafka' ? ['--bootstrap-servers', race.bootstrap] : [])]
  const logFile = join(race.outDir, `${name}.log`)
  const fd = openSync(logFile, 'w')
  const began = Date.now()
  // started as users start it (its first line picks Node's flags, see packages/cli/bin/pipe.js), not as `node pipe.js`
  const child = spawn(pipeBin, args, { cwd: repoRoot, stdio: ['ignore', fd, fd] })
  let exit: string | undefined
  const exited = new Promise<void>((resolve) => child.on('exit', (code, signal) => { exit = `pipe run exited (${String(code ?? signal)})`; resolve() }))
  const rss = sampleRss(child.pid ?? 0)
  const label = race.engine === 'pipe-kafka' ? 'pipe run on Kafka' : 'pipe run embedded'
  try {
    await waitForLines(output, race.count, () => exit === undefined ? undefined : `${exit}; log ${logFile}:\n${readFileSync(logFile, 'utf8').slice(-2000)}`)
  } catch (error) {
    child.kill('SIGKILL')
    const message = error instanceof Error ? error.message : String(error)
    race.log(`${label}: ${message}`)
    return { engine: race.engine, label, note: `did not finish: ${message.split('\n')[0] ?? ''}` }
  }
  const seconds = (Date.now() - began) / 1000
  const cpu = cpuSeconds(child.pid ?? 0)
  const { peakMiB } = rss.stop()
  const timeout = setTimeout(() => child.kill('SIGTERM'), 60_000)
  await exited
  clearTimeout(timeout)
  rmSync(output, { force: true })
  race.log(`${label}: ${seconds.toFixed(1)}s`)
  return { engine: race.engine, label, seconds, recordsPerSec: race.count / seconds, peakRssMiB: peakMiB, ...(cpu === undefined ? {} : { cpuSeconds: cpu }), note: 'one process, start-up included' }
}
