// @servers postgres-logical mariadb
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import mysql from 'mysql2/promise'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { repoRoot, runPipe } from '../../e2e/run-pipe.js'
import { servers } from '../../infra/servers.js'
import { dropSlot, MARIADB_TEST_DB, replicaRows, sourceRows } from './db-harness.js'

const COLUMNS = ['id', 'name', 'email']

// GIVEN pipelines/customers-cdc.ts and pipelines/customers-replica.ts as they are in the repository, pointed at
//   a scratch database of the PostgreSQL with logical decoding (PG_PORT, PG_DATABASE, REPLICA_URL)
// WHEN rows are inserted, `pipe run` runs the CDC pipeline then the replica pipeline (the embedded store between
//   them), and again after updates and deletes
// THEN the replica table (PostgreSQL, then MariaDB) holds exactly the customers rows each time
describe('pipelines/customers-cdc.ts and customers-replica.ts with pipe run', () => {
  const id = `${String(process.pid)}_${String(Date.now() % 100_000)}`
  const database = `customers_${id}`
  const admin = new pg.Client({ connectionString: servers().postgresLogical.connectionString })
  const { host, port, user } = servers().postgresLogical
  const db = new pg.Client({ host, port, user, database })
  let maria: mysql.Connection

  beforeAll(async () => {
    await admin.connect()
    await admin.query(`CREATE DATABASE ${database}`)
    await db.connect()
    await db.query('CREATE TABLE customers (id int PRIMARY KEY, name text NOT NULL, email text)')
    const m = servers().mariadb
    maria = await mysql.createConnection({ host: m.host, port: m.port, user: m.user, password: m.password })
    await maria.query(`CREATE DATABASE IF NOT EXISTS ${MARIADB_TEST_DB}`)
    await maria.query(`DROP TABLE IF EXISTS ${MARIADB_TEST_DB}.customers_replica`)
  })
  afterAll(async () => {
    await db.end()
    await dropSlot(admin, 'pipe_customers')
    await admin.query(`DROP DATABASE IF EXISTS ${database}`)
    await admin.end()
    await maria.query(`DROP TABLE IF EXISTS ${MARIADB_TEST_DB}.customers_replica`)
    await maria.end()
  })

  for (const kind of ['postgresql', 'mariadb'] as const) {
    it(`replicates inserts, updates and deletes into ${kind}`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'pipe-customers-'))
      const m = servers().mariadb
      const env = {
        PG_PORT: String(port), PG_DATABASE: database, PG_PASSWORD: '', REPLICA_PASSWORD: m.password,
        REPLICA_URL: kind === 'postgresql' ? `jdbc:postgresql://${host}:${String(port)}/${database}` : m.jdbcUrl(MARIADB_TEST_DB),
        REPLICA_USER: kind === 'postgresql' ? user : m.user,
      }
      const run = async (pipeline: string): Promise<void> => {
        const result = await runPipe(['run', join(repoRoot, 'pipelines', pipeline), '--max-idle', '2s', '--state-dir', join(dir, '.pipe')], { cwd: dir, env })
        expect(result.status, `${pipeline}:\n${result.stdout}${result.stderr}`).toBe(0)
      }
      const replica = (): Promise<string[]> => (kind === 'postgresql' ? replicaRows(kind, db, 'customers_replica', COLUMNS) : replicaRows(kind, maria, `${MARIADB_TEST_DB}.customers_replica`, COLUMNS))
      const base = kind === 'postgresql' ? 0 : 100
      await db.query(`INSERT INTO customers SELECT ${String(base)} + i, 'name ' || i, 'c' || i || '@example.com' FROM generate_series(1, 50) i`)
      await run('customers-cdc.ts')
      await run('customers-replica.ts')
      expect(await replica()).toEqual(await sourceRows(db, 'customers', COLUMNS))

      await db.query(`UPDATE customers SET name = name || ' (moved)', email = NULL WHERE id % 3 = 0`)
      await db.query(`DELETE FROM customers WHERE id % 5 = 0`)
      await db.query(`UPDATE customers SET id = id + 1000 WHERE id % 7 = 0`)
      await run('customers-cdc.ts')
      await run('customers-replica.ts')
      expect(await replica()).toEqual(await sourceRows(db, 'customers', COLUMNS))
    }, 120_000)
  }
})
