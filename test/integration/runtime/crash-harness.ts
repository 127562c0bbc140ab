import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pipeBin, repoRoot } from '../../e2e/run-pipe.js'

/** The file -> topic -> file pipeline the crash tests run. */
export const FIXTURE = join(repoRoot, 'test', 'fixtures', 'run', 'file-to-file.ts')

/** A small seeded generator (mulberry32), so a failing run can be replayed with its seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Distinct lines of about 60 bytes. */
export const mediumLine = (i: number): string => `line ${String(i).padStart(7, '0')} ${'x'.repeat(40)} ${String(i % 97)}`
/** Distinct lines of 20 bytes with their newline: per-record costs dominate. */
export const shortLine = (i: number): string => `line ${String(i).padStart(7, '0')} xxxxxx`

/** Writes `count` distinct lines (`line(i)`, of about 60 bytes unless given) to input.txt; returns them. */
export function writeInput(dir: string, count: number, line: (i: number) => string = mediumLine): string[] {
  const lines = Array.from({ length: count }, (_, i) => line(i))
  writeFileSync(join(dir, 'input.txt'), `${lines.join('\n')}\n`)
  return lines
}

export interface PipeProcess {
  readonly child: ChildProcess
  readonly exited: Promise<number | null>
  readonly stderr: () => string
}

/** Starts `pipe run <fixture> ...args` in `dir` (`args` include `--max-idle`). */
export function startRun(dir: string, args: readonly string[], env: Record<string, string>, fixture = FIXTURE): PipeProcess {
  const child = spawn(process.execPath, [pipeBin, 'run', fixture, ...args], {
    cwd: dir, env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['ignore', 'ignore', 'pipe'],
  })
  let stderr = ''
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk })
  const exited = new Promise<number | null>((resolve) => { child.on('close', (code) => { resolve(code) }) })
  return { child, exited, stderr: () => stderr }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Waits until the output file holds at least `bytes` (or the run ends by itself), then SIGKILLs
 * the run after `extraMs`. Resolves to true when it was killed, false when it had finished.
 */
export async function killWhenOutputReaches(run: PipeProcess, output: string, bytes: number, extraMs: number): Promise<boolean> {
  const state = { done: false } // set when the run exits by itself
  void run.exited.then(() => { state.done = true })
  while (!state.done && (!existsSync(output) || statSync(output).size < bytes)) await sleep(5)
  if (!state.done) await sleep(extraMs)
  if (state.done) return false
  run.child.kill('SIGKILL')
  await run.exited
  return true
}

/** Counts how often each line occurs. */
export function countLines(text: string): Map<string, number> {
  const counts = new Map<string, number>()
  for (const line of text.split('\n')) if (line !== '') counts.set(line, (counts.get(line) ?? 0) + 1)
  return counts
}

export interface CrashRun {
  readonly kills: number
  /** Runs that ended by themselves before their kill point (restarted, not counted as kills). */
  readonly selfExits: number
  readonly points: readonly number[]
  readonly finalStderr: string
  readonly finalExit: number | null
}

export interface CrashOptions {
  /** Arguments of `pipe run` after the fixture, `--max-idle` included. */
  readonly args: readonly string[]
  readonly env: Record<string, string>
  readonly random: () => number
  readonly kills: number
  /**
   * `absolute`: kill when the output reaches a random fraction of the input size (exactly-once
   * output grows with progress). `growth`: kill when this run added a random share of the input
   * size to the output (at-least-once output also grows with duplicates, so each kill lands while
   * this run's sink is writing).
   */
  readonly points: 'absolute' | 'growth'
}

const sizeOf = (file: string): number => (existsSync(file) ? statSync(file).size : 0)

/** Kills `pipe run` at seeded random points of its progress, restarting each time, until `kills` kills; then lets it finish. */
export async function crashAndRestart(dir: string, options: CrashOptions): Promise<CrashRun> {
  const inputSize = statSync(join(dir, 'input.txt')).size
  const output = join(dir, 'output.txt')
  const fractions = Array.from({ length: options.kills }, () => 0.02 + options.random() * 0.93)
  if (options.points === 'absolute') fractions.sort((a, b) => a - b)
  let kills = 0
  let selfExits = 0
  while (kills < options.kills && selfExits < 2 * options.kills) {
    const fraction = fractions[kills] ?? 0.5
    const target = options.points === 'absolute' ? fraction * inputSize : sizeOf(output) + (fraction * inputSize) / options.kills
    const run = startRun(dir, options.args, options.env)
    if (await killWhenOutputReaches(run, output, Math.floor(target), Math.floor(options.random() * 40))) kills++
    else selfExits++
  }
  const last = startRun(dir, options.args, options.env)
  const finalExit = await last.exited
  return { kills, selfExits, points: fractions, finalStderr: last.stderr(), finalExit }
}
