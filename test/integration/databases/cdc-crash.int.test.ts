// @servers postgres-logical mariadb
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import mysql from 'mysql2/promise'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { repoRoot } from '../../infra/paths.js'
import { servers } from '../../infra/servers.js'
import { seededRandom, startRun } from '../runtime/crash-harness.js'
import { dropSlot, MARIADB_TEST_DB, replicaRows, sourceRows } from './db-harness.js'

const FIXTURE = join(repoRoot, 'test', 'fixtures', 'run', 'pg-cdc.ts')
const seed = Number(process.env['PIPE_CRASH_SEED'] ?? Date.now() % 1_000_000)
const INSERTS = 100_000
const UPDATES = 20_000
const DELETES = 10_000
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * The workload, in transactions of up to 1,000 changes: inserts of ids 1..100,000, with updates
 * and deletes of rows inserted before them mixed in (seeded).
 */
async function workload(db: pg.Client, table: string, random: () => number): Promise<void> {
  let inserted = 0
  let updated = 0
  let deleted = 0
  const live: number[] = []
  while (inserted < INSERTS || updated < UPDATES || deleted < DELETES) {
    const statements: string[] = []
    const n = Math.min(1000, INSERTS - inserted)
    if (n > 0) {
      const values = Array.from({ length: n }, (_, i) => `(${String(inserted + i + 1)}, 'name ${String(inserted + i + 1)}', 'e${String(inserted + i + 1)}@example.com', ${String(i)})`)
      statements.push(`INSERT INTO ${table} (id, name, email, n) VALUES ${values.join(', ')}`)
      for (let i = 0; i < n; i++) live.push(inserted + i + 1)
      inserted += n
    }
    const u = Math.min(200, UPDATES - updated)
    const ids = new Set<number>()
    for (let i = 0; i < u && live.length > 0; i++) ids.add(live[Math.floor(random() * live.length)] ?? 1)
    if (ids.size > 0) statements.push(`UPDATE ${table} SET name = name || '+', n = n + 1, email = NULL WHERE id IN (${[...ids].join(',')})`)
    updated += u
    const d = Math.min(100, DELETES - deleted)
    const gone: number[] = []
    for (let i = 0; i < d && live.length > 0; i++) gone.push(...live.splice(Math.floor(random() * live.length), 1))
    if (gone.length > 0) statements.push(`DELETE FROM ${table} WHERE id IN (${gone.join(',')})`)
    deleted += d
    await db.query(`BEGIN; ${statements.join('; ')}; COMMIT`)
    await sleep(30)
  }
}

// GIVEN a PostgreSQL table captured by postgresCdc on the pipe runtime into a topic, and jdbc sinks that
//   upsert the change events into a PostgreSQL and a MariaDB replica table (customers-replica's settings)
// WHEN 100,000 inserts, 20,000 updates and 10,000 deletes happen while `pipe run` is killed with SIGKILL
//   10 times at seeded random moments, restarted each time
// THEN after a last run that ends idle, both replica tables hold exactly the rows of the source table
describe('postgres CDC -> jdbc replicas with pipe run killed by SIGKILL', () => {
  const id = `${String(process.pid)}_${String(Date.now() % 100_000)}`
  const table = `crash_${id}`
  const name = `crash-${id.replaceAll('_', '-')}`
  const slot = name.replaceAll('-', '_')
  const db = new pg.Client({ connectionString: servers().postgresLogical.connectionString })
  let maria: mysql.Connection

  beforeAll(async () => {
    await db.connect()
    const m = servers().mariadb
    maria = await mysql.createConnection({ host: m.host, port: m.port, user: m.user, password: m.password })
    await maria.query(`CREATE DATABASE IF NOT EXISTS ${MARIADB_TEST_DB}`)
    await db.query(`CREATE TABLE ${table} (id int PRIMARY KEY, name text NOT NULL, email text, n int NOT NULL)`)
  })
  afterAll(async () => {
    await dropSlot(db, slot)
    await db.query(`DROP TABLE IF EXISTS ${table}, ${table}_replica`)
    await db.end()
    await maria.query(`DROP TABLE IF EXISTS ${MARIADB_TEST_DB}.${table}_replica`)
    await maria.end()
  })

  it(`converges after 10 kills and restarts (seed ${String(seed)})`, async () => {
    const random = seededRandom(seed)
    const dir = mkdtempSync(join(tmpdir(), 'pipe-cdc-crash-'))
    const pgPort = servers().postgresLogical.port
    const env = {
      PIPE_FIXTURE_NAME: name, PIPE_FIXTURE_SINK: 'replicas', PIPE_PG_TABLE: table, PIPE_PG_PORT: String(pgPort),
      PIPE_MARIADB_URL: servers().mariadb.jdbcUrl(MARIADB_TEST_DB), PG_PASSWORD: '', REPLICA_PASSWORD: servers().mariadb.password,
    }
    const args = ['--max-idle', '5s', '--state-dir', join(dir, '.pipe')]
    const writing = workload(db, table, random)
    let kills = 0
    let failures = ''
    while (kills < 10) {
      const run = startRun(dir, args, env, FIXTURE)
      const state = { exited: false }
      void run.exited.then(() => { state.exited = true })
      await sleep(1500 + random() * 3500)
      if (state.exited) {
        failures += run.stderr()
        continue
      }
      run.child.kill('SIGKILL')
      await run.exited
      kills++
    }
    await writing
    const last = startRun(dir, args, env, FIXTURE)
    const exit = await last.exited
    const context = `seed ${String(seed)} (replay with PIPE_CRASH_SEED=${String(seed)})\n${failures}${last.stderr()}`
    expect(exit, context).toBe(0)
    const expected = await sourceRows(db, table)
    expect(expected.length).toBe(INSERTS - DELETES)
    expect(await replicaRows('postgresql', db, `${table}_replica`), context).toEqual(expected)
    expect(await replicaRows('mariadb', maria, `${MARIADB_TEST_DB}.${table}_replica`), context).toEqual(expected)
  }, 600_000)
})
