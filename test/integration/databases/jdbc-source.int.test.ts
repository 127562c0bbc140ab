// @servers mariadb
import mysql from 'mysql2/promise'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { repoRoot, runPipe } from '../../e2e/run-pipe.js'
import { servers } from '../../infra/servers.js'
import { connectRequest } from '../../support/connect-rest.js'
import { waitFor } from '../../support/wait-for.js'
import { startPipeWorker, type PipeWorker } from '../worker/pipe-worker.js'
import { MARIADB_TEST_DB } from './db-harness.js'

interface Status { readonly tasks: readonly { readonly id: number; readonly state: string; readonly trace?: string }[] }
interface Offsets { readonly offsets: readonly { readonly partition: { table: string }; readonly offset: Record<string, number> }[] }

// GIVEN 7 MariaDB tables and a pipe worker (embedded store)
// WHEN a jdbc source with tasks.max=3 reads them in incrementing mode, rows are added, the worker restarts,
//   and a second one reads a table in timestamp mode while a row changes
// THEN 3 tasks run with the tables divided 3/2/2 (task configs), new and changed rows are picked up
//   (stored offsets), and after the restart each row is in its topic exactly once
describe('jdbc source on pipe worker', () => {
  const id = `${String(process.pid)}_${String(Date.now() % 100_000)}`
  const tables = Array.from({ length: 7 }, (_, i) => `src_${id}_${String(i + 1)}`)
  const prefix = `jdbc-${id.replaceAll('_', '-')}-`
  let maria: mysql.Connection
  let worker: PipeWorker

  beforeAll(async () => {
    const m = servers().mariadb
    maria = await mysql.createConnection({ host: m.host, port: m.port, user: m.user, password: m.password, multipleStatements: true })
    await maria.query(`CREATE DATABASE IF NOT EXISTS ${MARIADB_TEST_DB}`)
    for (const table of tables) {
      await maria.query(`CREATE TABLE ${MARIADB_TEST_DB}.${table} (id int PRIMARY KEY, name varchar(50) NOT NULL, updated_at timestamp(3) NOT NULL DEFAULT '2024-01-01 00:00:00')`)
      await maria.query(`INSERT INTO ${MARIADB_TEST_DB}.${table} (id, name) VALUES (1, 'one'), (2, 'two')`)
    }
    worker = await startPipeWorker()
  }, 60_000)
  afterAll(async () => {
    await worker.stop()
    for (const table of tables) await maria.query(`DROP TABLE IF EXISTS ${MARIADB_TEST_DB}.${table}`)
    await maria.end()
  }, 90_000)

  const config = (extra: Record<string, string>): Record<string, string> => ({
    'connector.class': 'pipe:jdbc-source', 'connection.url': servers().mariadb.jdbcUrl(MARIADB_TEST_DB), 'connection.user': servers().mariadb.user,
    'connection.password': servers().mariadb.password, 'poll.interval.ms': '300', 'topic.prefix': prefix,
    'value.converter': 'org.apache.kafka.connect.json.JsonConverter', 'value.converter.schemas.enable': 'false', ...extra,
  })
  const offsets = async (name: string): Promise<Record<string, Record<string, number>>> => {
    const body = (await connectRequest(worker.url, 'GET', `/connectors/${name}/offsets`)).body as Offsets
    return Object.fromEntries(body.offsets.map((o) => [o.partition.table, o.offset]))
  }
  const ids = async (table: string): Promise<number[]> => {
    const result = await runPipe(['consume', `${prefix}${table}`, '--from-beginning', '--state-dir', worker.stateDir, '--timeout-ms', '2000'])
    return result.stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => (JSON.parse(l) as { id: number }).id)
  }

  it('divides 7 tables among 3 tasks, picks up new rows, and resumes from its offsets', async () => {
    const name = `tables-${id}`
    const put = await connectRequest(worker.url, 'PUT', `/connectors/${name}/config`, config({ 'tasks.max': '3', mode: 'incrementing', 'incrementing.column.name': 'id', 'table.whitelist': tables.join(',') }))
    expect(put.status, JSON.stringify(put.body)).toBeLessThan(300)
    const status = await waitFor('3 tasks RUNNING', async () => {
      const body = (await connectRequest(worker.url, 'GET', `/connectors/${name}/status`)).body as Status
      const failed = body.tasks.find((t) => t.state === 'FAILED')
      if (failed !== undefined) throw new Error(`task ${String(failed.id)} FAILED: ${failed.trace ?? ''}`)
      return body.tasks.length === 3 && body.tasks.every((t) => t.state === 'RUNNING') ? body : undefined
    })
    expect(status.tasks.map((t) => t.id)).toEqual([0, 1, 2])
    const taskConfigs = (await connectRequest(worker.url, 'GET', `/connectors/${name}/tasks`)).body as { config: Record<string, string> }[]
    expect(taskConfigs.map((t) => t.config['tables'])).toEqual([tables.slice(0, 3).join(','), tables.slice(3, 5).join(','), tables.slice(5).join(',')])

    await waitFor('every table read', async () => (Object.values(await offsets(name)).filter((o) => o['incrementing'] === 2).length === 7 ? true : undefined))
    await maria.query(`INSERT INTO ${MARIADB_TEST_DB}.${tables[0] ?? ''} (id, name) VALUES (3, 'three')`)
    await waitFor('the new row read', async () => ((await offsets(name))[tables[0] ?? '']?.['incrementing'] === 3 ? true : undefined))

    // a restart: the worker stops, a row comes, the worker starts on the same store
    expect(await worker.stop()).toBe(0)
    await maria.query(`INSERT INTO ${MARIADB_TEST_DB}.${tables[0] ?? ''} (id, name) VALUES (4, 'four')`)
    worker = await startPipeWorker([], {}, { stateDir: worker.stateDir })
    // as Kafka Connect's standalone worker, pipe worker keeps offsets, not the connectors made over REST
    await connectRequest(worker.url, 'PUT', `/connectors/${name}/config`, config({ 'tasks.max': '3', mode: 'incrementing', 'incrementing.column.name': 'id', 'table.whitelist': tables.join(',') }))
    await waitFor('the row added while stopped read', async () => ((await offsets(name))[tables[0] ?? '']?.['incrementing'] === 4 ? true : undefined))
    expect(await worker.stop()).toBe(0)
    expect(await ids(tables[0] ?? '')).toEqual([1, 2, 3, 4])
    expect(await ids(tables[6] ?? '')).toEqual([1, 2])
    worker = await startPipeWorker([], {}, { stateDir: worker.stateDir })
  }, 180_000)

  it('picks up changed rows in timestamp mode', async () => {
    const name = `changed-${id}`
    const table = tables[6] ?? ''
    const put = await connectRequest(worker.url, 'PUT', `/connectors/${name}/config`, config({ mode: 'timestamp', 'timestamp.column.name': 'updated_at', 'table.whitelist': table, 'topic.prefix': `${prefix}ts-` }))
    expect(put.status, JSON.stringify(put.body)).toBeLessThan(300)
    await waitFor('the first rows read', async () => ((await offsets(name))[table]?.['timestamp'] === Date.parse('2024-01-01T00:00:00Z') ? true : undefined))
    await maria.query(`UPDATE ${MARIADB_TEST_DB}.${table} SET name = 'changed', updated_at = '2024-06-01 12:00:00.250' WHERE id = 2`)
    await waitFor('the changed row read', async () => ((await offsets(name))[table]?.['timestamp'] === Date.parse('2024-06-01T12:00:00.250Z') ? true : undefined))
  }, 120_000)

  it('runs pipelines/tables.ts with pipe run: one topic per table', async () => {
    const shop = `shop_${id}`
    const names = ['customers', 'orders', 'order_lines', 'products', 'stock', 'shipments', 'invoices']
    await maria.query(`CREATE DATABASE ${shop}`)
    try {
      for (const [i, table] of names.entries()) {
        await maria.query(`CREATE TABLE ${shop}.${table} (id int PRIMARY KEY, label varchar(40) NOT NULL)`)
        await maria.query(`INSERT INTO ${shop}.${table} VALUES ${Array.from({ length: i + 1 }, (_, n) => `(${String(n + 1)}, '${table} ${String(n + 1)}')`).join(', ')}`)
      }
      const dir = mkdtempSync(join(tmpdir(), 'pipe-tables-'))
      const env = { TABLES_URL: servers().mariadb.jdbcUrl(shop), TABLES_USER: servers().mariadb.user, DB_PASSWORD: servers().mariadb.password }
      const run = await runPipe(['run', join(repoRoot, 'pipelines', 'tables.ts'), '--max-idle', '3s'], { cwd: dir, env })
      expect(run.status, run.stdout + run.stderr).toBe(0)
      for (const [i, table] of names.entries()) {
        const consume = await runPipe(['consume', `shop-${table}`, '--from-beginning', '--timeout-ms', '1500'], { cwd: dir })
        const rows = consume.stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as { id: number; label: string })
        expect(rows).toEqual(Array.from({ length: i + 1 }, (_, n) => ({ id: n + 1, label: `${table} ${String(n + 1)}` })))
      }
    } finally {
      await maria.query(`DROP DATABASE IF EXISTS ${shop}`)
    }
  }, 120_000)
})
