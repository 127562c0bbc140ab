/**
 * Times `pipe plugins pull` of every plugin of the test Kafka Connect worker (one process per run, as a
 * user runs it, into an empty folder each time) and records the medians in bench/RESULTS.md (section
 * "plugins pull"). Goal: under 10 s. Run `pnpm build` first, then `pnpm exec tsx bench/plugins-pull.ts [--runs N]`;
 * it starts kafka and connect from test/infra when they are not up (and stops only what it started).
 */
import { spawnSync } from 'node:child_process'
import { readdirSync, rmSync, statSync } from 'node:fs'
import { loadavg } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { down, up } from '../test/infra/infra.js'
import { repoRoot } from '../test/infra/paths.js'
import { readState } from '../test/infra/state.js'
import { connectRequest } from '../test/support/connect-rest.js'
import { machineLine, recordSection } from './lib/results.js'

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' } } })
const RUNS = Number(values.runs)
const pipeBin = join(repoRoot, 'packages', 'cli', 'bin', 'pipe.js')
const outDir = join(repoRoot, 'bench', 'out', 'plugins-pull', 'connectors')
const log = (line: string): void => { console.error(`[bench] ${line}`) }

function pullOnce(url: string): { ms: number; modules: number } {
  rmSync(outDir, { recursive: true, force: true })
  const started = process.hrtime.bigint()
  const run = spawnSync(process.execPath, [pipeBin, 'plugins', 'pull', '--connect', url, '--out', outDir, '--json'], { cwd: repoRoot, encoding: 'utf8' })
  const ms = Number(process.hrtime.bigint() - started) / 1e6
  if (run.status !== 0) throw new Error(`pipe plugins pull exited ${String(run.status)}\n${run.stdout}${run.stderr}`)
  return { ms, modules: (JSON.parse(run.stdout) as { modules: unknown[] }).modules.length }
}

const median = (list: readonly number[]): number => {
  const sorted = [...list].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[mid] ?? 0 : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2
}

const loadBefore = loadavg()[0] ?? 0
const started = await up(['kafka', 'connect'], { ownerPid: process.pid, log })
try {
  const url = readState('connect')?.endpoint ?? ''
  const root = (await connectRequest(url, 'GET', '/')).body as { version?: string }
  const listed = (await connectRequest(url, 'GET', '/connector-plugins?connectorsOnly=false')).body as { class: string; type: string; version?: string }[]
  const versions = [...new Set(listed.filter((p) => p.version !== undefined && !p.class.startsWith('org.apache.kafka.')).map((p) => {
    const [, owner = '', project = ''] = p.class.split('.')
    return `${owner === 'apache' ? project : owner} ${p.version ?? ''}`
  }))].sort()
  pullOnce(url) // warm-up: file system caches, the worker's plugin class loaders
  const runs = Array.from({ length: RUNS }, () => pullOnce(url))
  const startup = Array.from({ length: RUNS }, () => {
    const began = process.hrtime.bigint()
    spawnSync(process.execPath, [pipeBin, '--version'], { cwd: repoRoot })
    return Number(process.hrtime.bigint() - began) / 1e6
  })
  const ms = runs.map((run) => run.ms)
  const files = readdirSync(outDir)
  const bytes = files.reduce((sum, file) => sum + statSync(join(outDir, file)).size, 0)
  const text = [
    '## plugins pull',
    '',
    `\`pipe plugins pull\` of every plugin of the test Kafka Connect worker (${String(runs[0]?.modules ?? 0)} sources, sinks, SMTs and predicates of`,
    `${String(listed.length)} listed), one process per run into an empty folder, ${String(RUNS)} runs after one warm-up; wall time in ms. Goal: under 10 000.`,
    '',
    `- date: ${new Date().toISOString()}`,
    `- machine: ${machineLine()}; 1-minute load average ${loadBefore.toFixed(1)} before, ${(loadavg()[0] ?? 0).toFixed(1)} after`,
    `- Kafka Connect ${root.version ?? '?'} (test/infra, distributed); plugins: ${versions.join(', ')}`,
    `- output: ${String(files.length)} files, ${(bytes / 1024).toFixed(0)} KiB`,
    '- reproduce: `pnpm build && pnpm exec tsx bench/plugins-pull.ts --runs 5`',
    '',
    '| command | median | min | max |',
    '|---|---:|---:|---:|',
    `| pipe plugins pull (every plugin) | ${median(ms).toFixed(0)} | ${Math.min(...ms).toFixed(0)} | ${Math.max(...ms).toFixed(0)} |`,
    `| pipe --version (the CLI's start-up alone) | ${median(startup).toFixed(0)} | ${Math.min(...startup).toFixed(0)} | ${Math.max(...startup).toFixed(0)} |`,
    '',
  ].join('\n')
  console.log(text)
  recordSection('plugins-pull', text)
} finally {
  rmSync(join(repoRoot, 'bench', 'out', 'plugins-pull'), { recursive: true, force: true })
  await down(started.map((state) => state.name), log)
}
