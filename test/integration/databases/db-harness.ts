import type pg from 'pg'
import type mysql from 'mysql2/promise'
import { waitFor } from '../../support/wait-for.js'

/** The MariaDB database the database tests create their tables in (each test its own table names). */
export const MARIADB_TEST_DB = 'pipe_test'

/** A row as comparable text: `id|name|email|n`, null as `∅`. */
type RowText = string

const cell = (value: unknown): string => {
  if (value === null || value === undefined) return '∅'
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return value.toString()
  return JSON.stringify(value)
}
const text = (row: Record<string, unknown>, columns: readonly string[]): RowText => columns.map((c) => cell(row[c])).join('|')

/** The source table's rows, ordered by id, as text. */
export async function sourceRows(db: pg.Client, table: string, columns: readonly string[] = ['id', 'name', 'email', 'n']): Promise<RowText[]> {
  const result = await db.query<Record<string, unknown>>(`SELECT ${columns.join(', ')} FROM ${table} ORDER BY id`)
  return result.rows.map((row) => text(row, columns))
}

/** A replica table's rows (PostgreSQL or MariaDB), ordered by id, as text; [] when it does not exist. */
export async function replicaRows(kind: 'postgresql' | 'mariadb', client: pg.Client | mysql.Connection, table: string, columns: readonly string[] = ['id', 'name', 'email', 'n']): Promise<RowText[]> {
  const sql = `SELECT ${columns.join(', ')} FROM ${table} ORDER BY id`
  try {
    if (kind === 'postgresql') return (await (client as pg.Client).query<Record<string, unknown>>(sql)).rows.map((row) => text(row, columns))
    const [rows] = await (client as mysql.Connection).query(sql)
    return (rows as Record<string, unknown>[]).map((row) => text(row, columns))
  } catch (error) {
    if (/does not exist|doesn't exist/.test(String(error))) return []
    throw error
  }
}

/** Drops a replication slot (once its reader let go) and the publication of the same name. */
export async function dropSlot(db: pg.Client, slot: string): Promise<void> {
  await waitFor(`slot ${slot} to be dropped`, async () => {
    await db.query('SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = $1 AND NOT active', [slot])
    const left = await db.query('SELECT 1 FROM pg_replication_slots WHERE slot_name = $1', [slot])
    return left.rowCount === 0 ? true : undefined
  }, 30_000)
  await db.query(`DROP PUBLICATION IF EXISTS ${slot}`)
}
