// @servers kafka-secure
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { servers } from '../../infra/servers.js'
import { MECHANISMS, sentinels, writeSaslConfig } from '../../support/secure-kafka.js'
import { countLines, crashAndRestart, seededRandom, writeInput } from '../runtime/crash-harness.js'

const LINES = 100_000
const seed = Number(process.env['PIPE_CRASH_SEED'] ?? Date.now() % 1_000_000)

describe.each(MECHANISMS)('pipe run on Kafka over SASL_SSL with %s, killed with SIGKILL', (mechanism) => {
  it(`writes every input line at least once after 5 kills and restarts (seed ${String(seed)})`, async ({ annotate }) => {
    // GIVEN a 100,000-line file, a file -> topic -> file pipeline and a client config for the SASL_SSL listener
    const secure = servers().kafkaSecure
    const dir = mkdtempSync(join(tmpdir(), 'pipe-crash-sasl-'))
    const input = writeInput(dir, LINES)
    const name = `crash-sasl-${mechanism.toLowerCase()}-${String(seed)}-${String(Date.now())}`
    const config = writeSaslConfig(dir, 'client', secure, { mechanism, user: 'alice' })
    // WHEN pipe run is killed at 5 seeded random points of its progress, restarted each time
    const args = ['--max-idle', '15s', '--client-config', config]
    const run = await crashAndRestart(dir, { args, env: { PIPE_FIXTURE_NAME: name }, random: seededRandom(seed), kills: 5, points: 'growth' })
    // THEN the last run ends idle with exit 0, no input line is missing, and no password shows in its output
    const context = `seed ${String(seed)} (replay with PIPE_CRASH_SEED=${String(seed)}), kills ${String(run.kills)}, runs that ended by themselves ${String(run.selfExits)}`
    expect(run.finalExit, `${context}\n${run.finalStderr}`).toBe(0)
    const counts = countLines(readFileSync(join(dir, 'output.txt'), 'utf8'))
    const missing = input.filter((line) => !counts.has(line)).length
    const duplicates = [...counts.values()].reduce((n, c) => n + c - 1, 0)
    await annotate(`${mechanism}: ${context}: ${String(duplicates)} duplicate lines in the output`)
    expect({ missing, kills: run.kills }, context).toEqual({ missing: 0, kills: 5 })
    for (const sentinel of sentinels(secure)) expect(run.finalStderr).not.toContain(sentinel)
  }, 600_000)
})
