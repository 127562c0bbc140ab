// @servers postgres-logical
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { repoRoot, runPipe } from '../../e2e/run-pipe.js'
import { servers } from '../../infra/servers.js'
import { dropSlot } from './db-harness.js'

const FIXTURE = join(repoRoot, 'test', 'fixtures', 'run', 'pg-cdc.ts')
const HELD_MS = 5000

/** The snapshot events (`op` r) a console sink printed. */
const snapshotEvents = (output: string): number => output.match(/"op":"r"/g)?.length ?? 0

// GIVEN a captured table, its slot and publication already there, whose snapshot read waits: another transaction
//   holds an ACCESS EXCLUSIVE lock on the table for 5 s (a slow server, a big table, a busy machine)
// WHEN pipe run starts the CDC pipeline with --max-idle 1s
// THEN the task is not idle while its snapshot runs: the run waits for it, prints every row once and exits 0
//   (it exited after 1 s with nothing read, and the next run snapshotted the table again: CI, 2026-12-06)
describe('postgres CDC: a snapshot slower than --max-idle', () => {
  const id = `${String(process.pid)}_${String(Date.now() % 100_000)}`
  const table = `slow_${id}`
  const name = `slow-snapshot-${id.replaceAll('_', '-')}`
  const slot = name.replaceAll('-', '_')
  const db = new pg.Client({ connectionString: servers().postgresLogical.connectionString })
  const locker = new pg.Client({ connectionString: servers().postgresLogical.connectionString })

  beforeAll(async () => {
    await db.connect()
    await locker.connect()
    await db.query(`CREATE TABLE ${table} (id int PRIMARY KEY, name text NOT NULL)`)
    await db.query(`INSERT INTO ${table} VALUES (1, 'a'), (2, 'b'), (3, 'c')`)
    await db.query(`CREATE PUBLICATION ${slot} FOR TABLE ${table}`)
    await db.query("SELECT pg_create_logical_replication_slot($1, 'pgoutput')", [slot])
  })
  afterAll(async () => {
    await locker.end()
    await dropSlot(db, slot)
    await db.query(`DROP PUBLICATION IF EXISTS ${slot}`)
    await db.query(`DROP TABLE IF EXISTS ${table}`)
    await db.end()
  })

  it('waits for the snapshot instead of stopping the task as idle', async () => {
    await locker.query('BEGIN')
    await locker.query(`LOCK TABLE ${table} IN ACCESS EXCLUSIVE MODE`)
    const began = Date.now()
    const released = new Promise<void>((resolve) => setTimeout(() => { void locker.query('COMMIT').then(() => { resolve() }) }, HELD_MS))
    const run = await runPipe(['run', FIXTURE, '--max-idle', '1s', '--state-dir', join(mkdtempSync(join(tmpdir(), 'pipe-cdc-slow-')), '.pipe')], {
      env: { PIPE_FIXTURE_NAME: name, PIPE_FIXTURE_SINK: 'console', PIPE_PG_TABLE: table, PIPE_PG_PORT: String(servers().postgresLogical.port), PG_PASSWORD: '' },
    })
    const tookMs = Date.now() - began
    await released
    expect(run.status, run.stdout + run.stderr).toBe(0)
    expect(tookMs).toBeGreaterThanOrEqual(HELD_MS)
    expect(snapshotEvents(run.stdout), run.stdout).toBe(3)
  }, 60_000)
})
