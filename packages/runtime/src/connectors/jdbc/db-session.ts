import type * as MySql from 'mysql2/promise'
import type pgTypes from 'pg'
import { lazyModule } from '../../lazy-module.js'
import { describeDbError, type JdbcTarget } from './jdbc-url.js'

const pg = lazyModule<typeof pgTypes>('pg')
const mysql = lazyModule<typeof MySql>('mysql2/promise')

/** A value bound to a statement parameter. */
export type DbParam = string | number | boolean | null | Buffer

/** One connection to PostgreSQL or MariaDB, the same way for both. */
export interface DbSession {
  readonly target: JdbcTarget
  /** Rows as objects; every value as the driver gives it. */
  query(sql: string, params?: readonly DbParam[]): Promise<Record<string, unknown>[]>
  /** Runs `work` in one transaction: all of it or nothing. */
  transaction(work: () => Promise<void>): Promise<void>
  /** `"name"` (PostgreSQL) or `` `name` `` (MariaDB). */
  quote(name: string): string
  /** The n-th parameter placeholder (1-based): `$n` or `?`. */
  param(n: number): string
  /** The columns of a table (lower-cased names as stored), or undefined when it does not exist. */
  columns(table: string): Promise<ReadonlySet<string> | undefined>
  close(): Promise<void>
}

/** Opens a session; a refusal (credentials, no server, no database) is one line. */
export async function openSession(target: JdbcTarget, user: string, password: string | undefined, what: string): Promise<DbSession> {
  try {
    return target.kind === 'postgresql' ? await openPostgres(target, user, password) : await openMariadb(target, user, password)
  } catch (error) {
    throw describeDbError(error, target, user, what)
  }
}

async function openPostgres(target: JdbcTarget, user: string, password: string | undefined): Promise<DbSession> {
  const client = new (pg().Client)({
    host: target.host, port: target.port, user, database: target.database, ...(password === undefined ? {} : { password }),
    options: '-c TimeZone=UTC', connectionTimeoutMillis: 30_000,
  })
  client.on('error', () => undefined)
  await client.connect()
  const query = async (sql: string, params: readonly DbParam[] = []): Promise<Record<string, unknown>[]> => (await client.query(sql, [...params])).rows as Record<string, unknown>[]
  return {
    target, query,
    async transaction(work) {
      await client.query('BEGIN')
      try {
        await work()
        await client.query('COMMIT')
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined)
        throw error
      }
    },
    quote: (name) => `"${name.replaceAll('"', '""')}"`,
    param: (n) => `$${String(n)}`,
    async columns(table) {
      const rows = await query('SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1', [table])
      return rows.length === 0 ? undefined : new Set(rows.map((r) => String(r['column_name'])))
    },
    close: () => client.end(),
  }
}

async function openMariadb(target: JdbcTarget, user: string, password: string | undefined): Promise<DbSession> {
  const connection = await mysql().createConnection({
    host: target.host, port: target.port, user, database: target.database, ...(password === undefined ? {} : { password }),
    timezone: 'Z', connectTimeout: 30_000, supportBigNumbers: true, bigNumberStrings: true, dateStrings: true,
  })
  connection.on('error', () => undefined)
  const query = async (sql: string, params: readonly DbParam[] = []): Promise<Record<string, unknown>[]> => {
    const [rows] = await connection.query(sql, [...params])
    return Array.isArray(rows) ? (rows as Record<string, unknown>[]) : []
  }
  return {
    target, query,
    async transaction(work) {
      await connection.beginTransaction()
      try {
        await work()
        await connection.commit()
      } catch (error) {
        await connection.rollback().catch(() => undefined)
        throw error
      }
    },
    quote: (name) => `\`${name.replaceAll('`', '``')}\``,
    param: () => '?',
    async columns(table) {
      const rows = await query('SELECT COLUMN_NAME AS c FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?', [table])
      return rows.length === 0 ? undefined : new Set(rows.map((r) => String(r['c'])))
    },
    close: () => connection.end(),
  }
}
