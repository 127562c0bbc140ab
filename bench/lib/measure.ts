import { spawnSync } from 'node:child_process'
import { repoRoot } from '../../test/infra/paths.js'

/** One command's wall times over the rounds, in ms. */
export interface Measure { readonly name: string; readonly command: readonly string[]; readonly ms: readonly number[] }

/**
 * Runs a command once from the repo root and returns its wall time in ms; a non-zero exit throws with its output.
 *
 * @example
 * timeCommand([process.execPath, 'packages/cli/bin/pipe.js', '--version']) // e.g. 180.4
 */
export function timeCommand(command: readonly string[]): number {
  const started = process.hrtime.bigint()
  const [program = '', ...args] = command
  const run = spawnSync(program, args, { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } })
  const ms = Number(process.hrtime.bigint() - started) / 1e6
  if (run.status !== 0) throw new Error(`${command.join(' ')} exited ${String(run.status)}\n${run.stdout}${run.stderr}`)
  return ms
}

/**
 * The median of some values.
 *
 * @example
 * median([3, 1, 2]) // 2
 */
export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[mid] ?? 0 : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2
}

/**
 * Runs the commands round-robin `runs` times (one warm-up round first), so a change of machine load hits all alike.
 *
 * @example
 * const [check, tsc] = measureAll([{ name: 'pipe check', command: checkCmd }, { name: 'tsc', command: tscCmd }], 5)
 */
export function measureAll(commands: readonly { name: string; command: readonly string[] }[], runs: number): Measure[] {
  for (const { command } of commands) timeCommand(command) // warm-up: file system caches
  const measures = commands.map(({ name, command }) => ({ name, command, ms: [] as number[] }))
  for (let run = 0; run < runs; run++) {
    for (const measure of measures) measure.ms.push(timeCommand(measure.command))
  }
  return measures
}

/**
 * The stdout of a `--version` style command, trimmed.
 *
 * @example
 * versionOf([process.execPath, 'node_modules/typescript/bin/tsc', '--version']) // 'Version 5.9.3'
 */
export function versionOf(command: readonly string[]): string {
  const [program = '', ...args] = command
  return spawnSync(program, args, { cwd: repoRoot, encoding: 'utf8' }).stdout.trim()
}
