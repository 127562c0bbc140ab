// @servers
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { countLines, crashAndRestart, seededRandom, shortLine, writeInput } from './crash-harness.js'

const LINES = 2_000_000
const KILLS = 20
const seed = Number(process.env['PIPE_CRASH_SEED'] ?? Date.now() % 1_000_000)

describe('pipe run on the embedded store, short lines, killed with SIGKILL', () => {
  it(`writes every one of 2M lines of 20 bytes exactly once after ${String(KILLS)} kills and restarts (seed ${String(seed)})`, async () => {
    // GIVEN a 2,000,000-line file of 20-byte lines (many records per batch, many batches per second)
    const dir = mkdtempSync(join(tmpdir(), 'pipe-crash-short-'))
    const input = writeInput(dir, LINES, shortLine)
    // WHEN pipe run is killed at 20 seeded random points of its progress, restarted each time
    const args = ['--max-idle', '3s', '--state-dir', join(dir, '.pipe')]
    const run = await crashAndRestart(dir, { args, env: { PIPE_FIXTURE_NAME: 'crash-short' }, random: seededRandom(seed), kills: KILLS, points: 'absolute' })
    // THEN the last run ends idle with exit 0, and the output equals the input: no loss, no duplicate, in order
    const context = `seed ${String(seed)} (replay with PIPE_CRASH_SEED=${String(seed)}), kill points ${run.points.map((p) => p.toFixed(3)).join(',')}, kills ${String(run.kills)}`
    expect(run.finalExit, `${context}\n${run.finalStderr}`).toBe(0)
    const output = readFileSync(join(dir, 'output.txt'), 'utf8')
    if (output !== `${input.join('\n')}\n`) {
      const counts = countLines(output)
      const missing = input.filter((line) => !counts.has(line)).length
      const duplicates = [...counts.values()].reduce((n, c) => n + c - 1, 0)
      expect({ missing, duplicates, kills: run.kills, ordered: false }, context).toEqual({ missing: 0, duplicates: 0, kills: KILLS, ordered: true })
    }
    expect(run.kills, context).toBe(KILLS)
  }, 600_000) // 366 s on 2 cores at load average 18, most of it the 21 start-ups of pipe run
})
