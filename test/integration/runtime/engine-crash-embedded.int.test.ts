// @servers
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const LINES = 100_000
const child = fileURLToPath(new URL('./engine-crash-child.ts', import.meta.url))

/** Starts the engine in a child process and kills it with SIGKILL after `ms`; resolves the output line count. */
async function runAndKill(dir: string, ms: number): Promise<void> {
  const proc = spawn(process.execPath, ['--import', 'tsx', child, join(dir, 'state'), join(dir, 'in.txt'), join(dir, 'out.txt')], { stdio: ['ignore', 'pipe', 'inherit'] })
  await new Promise<void>((resolve) => proc.stdout.once('data', () => { resolve() }))
  await new Promise((r) => setTimeout(r, ms))
  proc.kill('SIGKILL')
  await new Promise((r) => proc.once('exit', r))
}

const outputLines = (dir: string): string[] => (existsSync(join(dir, 'out.txt')) ? readFileSync(join(dir, 'out.txt'), 'utf8').split('\n').slice(0, -1) : [])

describe('engine on the embedded store, killed with SIGKILL', () => {
  it('writes every line exactly once across kills and restarts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pipe-engine-crash-'))
    const input = Array.from({ length: LINES }, (_, i) => `record ${String(i)} ${'x'.repeat(40)}`)
    writeFileSync(join(dir, 'in.txt'), input.map((l) => `${l}\n`).join(''))
    // WHEN the engine is killed at random points, then restarted until the output is complete
    for (let kill = 0; kill < 6; kill++) await runAndKill(dir, 200 + Math.random() * 800)
    for (let attempt = 0; attempt < 10 && outputLines(dir).length < LINES; attempt++) await runAndKill(dir, 3000)
    // THEN no line is lost and none is duplicated
    expect(outputLines(dir)).toEqual(input)
  }, 120_000)
})
