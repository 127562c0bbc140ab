// @servers
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { countLines, crashAndRestart, seededRandom, writeInput } from './crash-harness.js'

const LINES = 200_000
const seed = Number(process.env['PIPE_CRASH_SEED'] ?? Date.now() % 1_000_000)

describe('pipe run on the embedded store, killed with SIGKILL', () => {
  it(`writes every input line exactly once after 10 kills and restarts (seed ${String(seed)})`, async () => {
    // GIVEN a 200,000-line file and a file -> topic -> file pipeline on a fresh state dir
    const dir = mkdtempSync(join(tmpdir(), 'pipe-crash-embedded-'))
    const input = writeInput(dir, LINES)
    // WHEN pipe run is killed at 10 seeded random points of its progress, restarted each time
    const args = ['--max-idle', '3s', '--state-dir', join(dir, '.pipe')]
    const run = await crashAndRestart(dir, { args, env: { PIPE_FIXTURE_NAME: 'crash-embedded' }, random: seededRandom(seed), kills: 10, points: 'absolute' })
    // THEN the last run ends idle with exit 0, and the output equals the input: no loss, no duplicate
    const context = `seed ${String(seed)} (replay with PIPE_CRASH_SEED=${String(seed)}), kill points ${run.points.map((p) => p.toFixed(3)).join(',')}, kills ${String(run.kills)}`
    expect(run.finalExit, `${context}\n${run.finalStderr}`).toBe(0)
    const output = readFileSync(join(dir, 'output.txt'), 'utf8')
    const counts = countLines(output)
    const missing = input.filter((line) => !counts.has(line)).length
    const duplicates = [...counts.values()].reduce((n, c) => n + c - 1, 0)
    expect({ missing, duplicates, kills: run.kills }, context).toEqual({ missing: 0, duplicates: 0, kills: 10 })
    expect(output, context).toBe(`${input.join('\n')}\n`)
  }, 170_000)
})
