import type pg from 'pg'
import { lazyModule } from '../../lazy-module.js'
import type { PostgresCdcConfig, TableName } from './postgres-cdc-config.js'
import { PostgresCdcError } from './postgres-cdc-config.js'
import type { TableShape } from './change-event.js'

const pgClient = lazyModule<typeof pg>('pg')

/** Every value as PostgreSQL's text output: one conversion (pg-values.ts) for snapshot and stream. */
const TEXT_TYPES = { getTypeParser: () => (value: string) => value }

/** Session settings that make the text output of dates and floats what pg-values.ts parses. */
export const SESSION_OPTIONS = '-c TimeZone=UTC -c DateStyle=ISO -c extra_float_digits=3'

/** The `pg` client config of the task's connections (the password is never logged). */
export function clientConfig(config: PostgresCdcConfig, replication = false): pg.ClientConfig {
  return {
    host: config.host, port: config.port, user: config.user, database: config.database,
    ...(config.password === undefined ? {} : { password: config.password }),
    options: SESSION_OPTIONS, types: TEXT_TYPES, connectionTimeoutMillis: 30_000,
    ...(replication ? { replication: 'database' } : {}),
  }
}

/**
 * One line for what PostgreSQL (or the network) refused, with the fix: wrong credentials, no
 * server, no logical decoding, a slot in use, a missing object.
 *
 * @example
 * describePgError(error, config) // "cannot log in to PostgreSQL at 127.0.0.1:5433 as 'cdc': ..."
 */
export function describePgError(error: unknown, config: PostgresCdcConfig): PostgresCdcError {
  if (error instanceof PostgresCdcError) return error
  const e = error as { code?: string; message?: string }
  const at = `PostgreSQL at ${config.host}:${String(config.port)}`
  const message = e.message ?? String(error)
  switch (e.code) {
    case '28P01':
    case '28000':
      return new PostgresCdcError(`cannot log in to ${at} as '${config.user}': ${message} (check database.user and database.password)`, { cause: error })
    case '3D000':
      return new PostgresCdcError(`${at} has no database '${config.database}' (check database.dbname)`, { cause: error })
    case '55006':
      return new PostgresCdcError(`replication slot '${config.slot}' on ${at} is in use by another process (${message}): stop the other connector or set another slot.name`, { cause: error })
    case '42501':
      return new PostgresCdcError(`user '${config.user}' on ${at} may not do this: ${message} (it needs the REPLICATION attribute and to own the captured tables or the publication)`, { cause: error })
    case 'ECONNREFUSED':
    case 'ENOTFOUND':
    case 'ETIMEDOUT':
      return new PostgresCdcError(`cannot connect to ${at}: ${e.code} (is the server running? check database.hostname and database.port)`, { cause: error })
    case undefined:
    default:
      if (/logical decoding requires wal_level/i.test(message)) return noLogicalDecoding(config, 'replica')
      return new PostgresCdcError(`${at}: ${message}`, { cause: error })
  }
}

function noLogicalDecoding(config: PostgresCdcConfig, level: string): PostgresCdcError {
  return new PostgresCdcError(
    `PostgreSQL at ${config.host}:${String(config.port)} runs with wal_level=${level}: logical decoding needs wal_level=logical (set it in postgresql.conf and restart the server)`,
  )
}

/** Connects a client, turning a refusal into one line. */
export async function connect(config: PostgresCdcConfig, replication = false): Promise<pg.Client> {
  const client = new (pgClient().Client)(clientConfig(config, replication))
  client.on('error', () => undefined) // a dropped idle connection surfaces on the next query
  try {
    await client.connect()
  } catch (error) {
    await client.end().catch(() => undefined)
    throw describePgError(error, config)
  }
  return client
}

const quote = (name: string): string => `"${name.replaceAll('"', '""')}"`

/** `"schema"."table"` */
export function qualified(table: TableName): string {
  return `${quote(table.schema)}.${quote(table.table)}`
}

/** The server accepts logical decoding (wal_level=logical), else the one-line reason. */
export async function checkLogicalDecoding(client: pg.Client, config: PostgresCdcConfig): Promise<void> {
  const level = (await client.query<{ wal_level: string }>('SHOW wal_level')).rows[0]?.wal_level ?? 'unknown'
  if (level !== 'logical') throw noLogicalDecoding(config, level)
}

/** A table's columns (with nullability) and primary key columns, or a one-line error when it does not exist. */
export async function loadShape(client: pg.Client, config: PostgresCdcConfig, table: TableName): Promise<TableShape> {
  const exists = await client.query<{ oid: string | null }>('SELECT to_regclass($1)::oid AS oid', [qualified(table)])
  const oid = exists.rows[0]?.oid ?? null
  if (oid === null) {
    throw new PostgresCdcError(`table ${table.schema}.${table.table} does not exist in database '${config.database}' (check table.include.list)`)
  }
  const columns = await client.query<{ name: string; oid: string; mod: string; notnull: string }>(
    'SELECT attname AS name, atttypid AS oid, atttypmod AS mod, attnotnull AS notnull FROM pg_attribute WHERE attrelid = $1 AND attnum > 0 AND NOT attisdropped ORDER BY attnum',
    [oid],
  )
  const keys = await client.query<{ name: string }>(
    'SELECT a.attname AS name FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey) WHERE i.indrelid = $1 AND i.indisprimary ORDER BY array_position(i.indkey, a.attnum)',
    [oid],
  )
  return {
    schema: table.schema, table: table.table,
    columns: columns.rows.map((c) => ({ name: c.name, typeOid: Number(c.oid), typeMod: Number(c.mod), optional: c.notnull !== 't' })),
    keyColumns: keys.rows.map((k) => k.name),
  }
}

/** Creates the publication when it is missing, as Debezium's `publication.autocreate.mode` says. */
export async function ensurePublication(client: pg.Client, config: PostgresCdcConfig): Promise<void> {
  const found = await client.query('SELECT 1 FROM pg_publication WHERE pubname = $1', [config.publication])
  if (found.rowCount !== 0) return
  if (config.publicationMode === 'disabled') {
    throw new PostgresCdcError(`publication '${config.publication}' does not exist and publication.autocreate.mode is disabled: create it (CREATE PUBLICATION ${config.publication} FOR TABLE ...)`)
  }
  const what = config.publicationMode === 'all_tables' || config.tables.length === 0 ? 'FOR ALL TABLES' : `FOR TABLE ${config.tables.map(qualified).join(', ')}`
  try {
    await client.query(`CREATE PUBLICATION ${quote(config.publication)} ${what}`)
  } catch (error) {
    if ((error as { code?: string }).code !== '42710') throw describePgError(error, config) // 42710: created meanwhile
  }
}

/** The slot's state: missing, or present (whether another process streams from it, and how far the server may discard). */
export async function slotState(client: pg.Client, config: PostgresCdcConfig): Promise<{ exists: boolean; activePid: number | null; plugin: string | null; confirmed: number }> {
  const rows = await client.query<{ active_pid: string | null; plugin: string | null; confirmed: string | null }>(
    'SELECT active_pid, plugin, confirmed_flush_lsn::text AS confirmed FROM pg_replication_slots WHERE slot_name = $1', [config.slot],
  )
  const row = rows.rows[0]
  if (row === undefined) return { exists: false, activePid: null, plugin: null, confirmed: 0 }
  return { exists: true, activePid: row.active_pid === null ? null : Number(row.active_pid), plugin: row.plugin, confirmed: lsnNumber(row.confirmed) }
}

/** `16/B374D848` -> its 64-bit position as a number (exact below 2^53, which WAL positions stay under). */
export function lsnNumber(lsn: string | null): number {
  if (lsn === null) return 0
  const [high = '0', low = '0'] = lsn.split('/')
  return parseInt(high, 16) * 2 ** 32 + parseInt(low, 16)
}

/** The inverse of {@link lsnNumber}. */
export function lsnText(n: number): string {
  const high = Math.floor(n / 2 ** 32)
  return `${high.toString(16).toUpperCase()}/${(n - high * 2 ** 32).toString(16).toUpperCase()}`
}
