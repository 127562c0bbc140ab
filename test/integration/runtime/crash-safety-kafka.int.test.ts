// @servers kafka
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { servers } from '../../infra/servers.js'
import { countLines, crashAndRestart, seededRandom, writeInput } from './crash-harness.js'

// the compatibility run on the previous Kafka line (pnpm test:compat) asks for a shorter one
const LINES = Number(process.env['PIPE_CRASH_LINES'] ?? 200_000)
const KILLS = Number(process.env['PIPE_CRASH_KILLS'] ?? 10)
const seed = Number(process.env['PIPE_CRASH_SEED'] ?? Date.now() % 1_000_000)

describe('pipe run on Kafka, killed with SIGKILL', () => {
  it(`writes every input line at least once after ${String(KILLS)} kills and restarts (seed ${String(seed)})`, async ({ annotate }) => {
    // GIVEN a 200,000-line file (PIPE_CRASH_LINES) and a file -> topic -> file pipeline with names of its own on the test broker
    const dir = mkdtempSync(join(tmpdir(), 'pipe-crash-kafka-'))
    const input = writeInput(dir, LINES)
    const name = `crash-kafka-${String(seed)}-${String(Date.now())}`
    // WHEN pipe run is killed at 10 (PIPE_CRASH_KILLS) seeded random points of its progress, restarted each time
    // a restarted sink waits for the killed member's session to expire (pipe's sink consumers: 10 s)
    // before it gets its partition: --max-idle must outlast that wait
    const args = ['--max-idle', '15s', '--bootstrap-servers', servers().kafka.bootstrapServers]
    const run = await crashAndRestart(dir, { args, env: { PIPE_FIXTURE_NAME: name }, random: seededRandom(seed), kills: KILLS, points: 'growth' })
    // THEN the last run ends idle with exit 0 and no input line is missing (duplicates are allowed: at-least-once)
    const context = `seed ${String(seed)} (replay with PIPE_CRASH_SEED=${String(seed)}), kill points ${run.points.map((p) => p.toFixed(3)).join(',')}, kills ${String(run.kills)}, runs that ended by themselves ${String(run.selfExits)}`
    expect(run.finalExit, `${context}\n${run.finalStderr}`).toBe(0)
    const counts = countLines(readFileSync(join(dir, 'output.txt'), 'utf8'))
    const missing = input.filter((line) => !counts.has(line)).length
    const duplicates = [...counts.values()].reduce((n, c) => n + c - 1, 0)
    const unexpected = [...counts.keys()].filter((line) => !line.startsWith('line ')).length
    await annotate(`${context}: ${String(duplicates)} duplicate lines in the output`)
    expect({ missing, unexpected, kills: run.kills }, `${context}, duplicates ${String(duplicates)}`).toEqual({ missing: 0, unexpected: 0, kills: KILLS })
  }, 900_000)
})
