// @servers postgres postgres-logical mariadb
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { repoRoot, runPipe, STACK_FRAME } from '../../e2e/run-pipe.js'
import { servers } from '../../infra/servers.js'
import { startRun } from '../runtime/crash-harness.js'
import { waitFor } from '../../support/wait-for.js'
import { dropSlot, MARIADB_TEST_DB } from './db-harness.js'

const FIXTURE = join(repoRoot, 'test', 'fixtures', 'run', 'pg-cdc.ts')

// GIVEN the CDC -> replicas pipeline pointed at a wrong user, a missing table, a server without logical
//   decoding (the machine's PostgreSQL, wal_level=replica), a slot another pipe run holds, a wrong MariaDB user
// WHEN pipe run starts it
// THEN it exits 1 with one line that names the cause and the fix (the connector FAILED with it), no stack trace
describe('postgres CDC and jdbc sink: bad input', () => {
  const id = `${String(process.pid)}_${String(Date.now() % 100_000)}`
  const table = `bad_${id}`
  const db = new pg.Client({ connectionString: servers().postgresLogical.connectionString })
  const slots: string[] = []

  beforeAll(async () => {
    await db.connect()
    await db.query(`CREATE TABLE ${table} (id int PRIMARY KEY, name text NOT NULL)`)
    await db.query(`INSERT INTO ${table} VALUES (1, 'kept')`)
  })
  afterAll(async () => {
    for (const slot of slots) await dropSlot(db, slot)
    await db.query(`DROP TABLE IF EXISTS ${table}, ${table}_replica`)
    await db.end()
  })

  // --max-idle counts a task still starting as idle: longer than the 10s a task waits for a slot held a moment ago
  const run = async (name: string, env: Record<string, string>, maxIdle = '2s'): Promise<{ status: number | null; output: string }> => {
    slots.push(name.replaceAll('-', '_'))
    const dir = mkdtempSync(join(tmpdir(), 'pipe-cdc-bad-'))
    const result = await runPipe(['run', FIXTURE, '--max-idle', maxIdle], {
      cwd: dir,
      env: {
        PIPE_FIXTURE_NAME: name, PIPE_FIXTURE_SINK: 'replicas', PIPE_PG_TABLE: table, PIPE_PG_PORT: String(servers().postgresLogical.port),
        PIPE_MARIADB_URL: servers().mariadb.jdbcUrl(MARIADB_TEST_DB), PG_PASSWORD: '', REPLICA_PASSWORD: servers().mariadb.password, ...env,
      },
    })
    return { status: result.status, output: result.stdout + result.stderr }
  }
  const failsWith = (result: { status: number | null; output: string }, pattern: RegExp): void => {
    expect(result.status, result.output).toBe(1)
    expect(result.output).toMatch(pattern)
    expect(result.output).not.toMatch(STACK_FRAME)
  }

  it('names a user the server does not know', async () => {
    failsWith(await run(`bad-user-${id}`, { PIPE_PG_USER: 'nobody_here' }), /FAILED: .*cannot log in to PostgreSQL at 127\.0\.0\.1:\d+ as 'nobody_here'.*check database\.user and database\.password/)
  }, 60_000)

  it('names a missing table', async () => {
    failsWith(await run(`bad-table-${id}`, { PIPE_PG_TABLE: `missing_${id}` }), new RegExp(`FAILED: .*table public\\.missing_${id} does not exist in database 'postgres' \\(check table\\.include\\.list\\)`))
  }, 60_000)

  it('names a server without logical decoding', async () => {
    failsWith(await run(`bad-wal-${id}`, { PIPE_PG_PORT: String(servers().postgres.port) }), /FAILED: .*runs with wal_level=replica: logical decoding needs wal_level=logical/)
  }, 60_000)

  it('names a slot another reader holds, and the holder goes on', async () => {
    const name = `bad-slot-${id}`
    const slot = name.replaceAll('-', '_')
    const dir = mkdtempSync(join(tmpdir(), 'pipe-cdc-holder-'))
    const env = {
      PIPE_FIXTURE_NAME: name, PIPE_FIXTURE_SINK: 'none', PIPE_PG_TABLE: table, PIPE_PG_PORT: String(servers().postgresLogical.port), PG_PASSWORD: '',
    }
    const holder = startRun(dir, ['--max-idle', '60s'], env, FIXTURE)
    try {
      // streaming (not still creating the slot): active, and its snapshot's record in the holder's store
      const active = async (): Promise<true | undefined> => ((await db.query('SELECT 1 FROM pg_replication_slots WHERE slot_name = $1 AND active', [slot])).rowCount === 1 ? true : undefined)
      await waitFor(`slot ${slot} active`, active, 60_000)
      await new Promise((resolve) => setTimeout(resolve, 3000))
      await waitFor(`slot ${slot} active`, active, 60_000)
      const second = await run(name, { PIPE_FIXTURE_SINK: 'none' }, '20s')
      failsWith(second, new RegExp(`FAILED: .*replication slot '${slot}' on PostgreSQL at 127\\.0\\.0\\.1:\\d+ is in use by another process \\(pid \\d+\\): stop the other connector or set another slot\\.name`))
      expect(holder.child.exitCode).toBeNull()
    } finally {
      holder.child.kill('SIGTERM')
      await holder.exited
    }
  }, 90_000)

  it('names a MariaDB user the server refuses', async () => {
    failsWith(await run(`bad-maria-${id}`, { PIPE_MARIADB_USER: 'nobody_here' }), /FAILED: .*jdbc sink: cannot log in to mariadb at 127\.0\.0\.1:\d+ as 'nobody_here'.*check connection\.username and connection\.password/)
  }, 60_000)
})
