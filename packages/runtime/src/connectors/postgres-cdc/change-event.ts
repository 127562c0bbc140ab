import type { ConnectSchema } from '../../records/connect-schema.js'
import type { ConnectMap, ConnectValue } from '../../records/connect-value.js'
import { columnSchema, columnValue, type PgColumn } from './pg-values.js'

/** A captured table's shape: its columns and its key (primary key, or replica identity) columns. */
export interface TableShape {
  readonly schema: string
  readonly table: string
  readonly columns: readonly PgColumn[]
  readonly keyColumns: readonly string[]
}

/** Debezium's `source` block values that are not per table. */
export interface SourceInfo {
  readonly prefix: string
  readonly database: string
  /** 'true' | 'first' | 'last' | 'first_in_data_collection' | 'last_in_data_collection' | 'false' */
  readonly snapshot: string
  readonly tsUs: number
  readonly txId: number | null
  readonly lsn: number | null
  readonly lastCommitLsn: number | null
}

export type Op = 'r' | 'c' | 'u' | 'd' | 't'

/** The Debezium version pipe's events claim in `source.version` (the envelope it follows). */
export const DEBEZIUM_COMPAT_VERSION = '3.6.1.Final'

const opt = (type: ConnectSchema['type']): ConnectSchema => ({ type, optional: true })
const req = (type: ConnectSchema['type']): ConnectSchema => ({ type, optional: false })

/** io.debezium.connector.postgresql.Source */
const SOURCE_SCHEMA: ConnectSchema = {
  type: 'struct', optional: false, name: 'io.debezium.connector.postgresql.Source', version: 1,
  fields: [
    { field: 'version', schema: req('string') },
    { field: 'connector', schema: req('string') },
    { field: 'name', schema: req('string') },
    { field: 'ts_ms', schema: req('int64') },
    {
      field: 'snapshot',
      schema: { type: 'string', optional: true, name: 'io.debezium.data.Enum', version: 1, parameters: { allowed: 'true,first,first_in_data_collection,last_in_data_collection,last,false,incremental' }, defaultValue: 'false' },
    },
    { field: 'db', schema: req('string') },
    { field: 'sequence', schema: opt('string') },
    { field: 'ts_us', schema: opt('int64') },
    { field: 'ts_ns', schema: opt('int64') },
    { field: 'schema', schema: req('string') },
    { field: 'table', schema: req('string') },
    { field: 'txId', schema: opt('int64') },
    { field: 'lsn', schema: opt('int64') },
    { field: 'xmin', schema: opt('int64') },
    // Debezium 3.6 on: the replication origin of the change (a row another logical replication wrote), null otherwise
    { field: 'origin', schema: opt('string') },
    { field: 'origin_lsn', schema: opt('int64') },
  ],
}

const TRANSACTION_SCHEMA: ConnectSchema = {
  type: 'struct', optional: true, name: 'event.block', version: 1,
  fields: [{ field: 'id', schema: req('string') }, { field: 'total_order', schema: req('int64') }, { field: 'data_collection_order', schema: req('int64') }],
}

/** Per table: its schemas, built once. */
export interface TableSchemas {
  readonly key: ConnectSchema | null
  readonly row: ConnectSchema
  readonly envelope: ConnectSchema
}

/**
 * The key, row and envelope schemas Debezium gives a table (`<prefix>.<schema>.<table>.Key`,
 * `.Value`, `.Envelope`).
 *
 * @example
 * tableSchemas('shop', shape).envelope.name // 'shop.public.customers.Envelope'
 */
export function tableSchemas(prefix: string, shape: TableShape): TableSchemas {
  const base = `${prefix}.${shape.schema}.${shape.table}`
  const keyCols = shape.keyColumns.map((name) => shape.columns.find((c) => c.name === name)).filter((c): c is PgColumn => c !== undefined)
  const key: ConnectSchema | null = keyCols.length === 0
    ? null
    : { type: 'struct', optional: false, name: `${base}.Key`, fields: keyCols.map((c) => ({ field: c.name, schema: columnSchema({ ...c, optional: false }) })) }
  const row: ConnectSchema = { type: 'struct', optional: true, name: `${base}.Value`, fields: shape.columns.map((c) => ({ field: c.name, schema: columnSchema(c) })) }
  const envelope: ConnectSchema = {
    type: 'struct', optional: false, name: `${base}.Envelope`, version: 2,
    fields: [
      { field: 'before', schema: row },
      { field: 'after', schema: row },
      { field: 'source', schema: SOURCE_SCHEMA },
      { field: 'transaction', schema: TRANSACTION_SCHEMA },
      { field: 'op', schema: req('string') },
      { field: 'ts_ms', schema: opt('int64') },
      { field: 'ts_us', schema: opt('int64') },
      { field: 'ts_ns', schema: opt('int64') },
    ],
  }
  return { key, row, envelope }
}

/** A row (column name -> PostgreSQL text) as Debezium's row struct; `null` stays `null`. */
export function rowValue(shape: TableShape, row: Readonly<Record<string, string | null | undefined>> | null): ConnectMap | null {
  if (row === null) return null
  const out: Record<string, ConnectValue> = {}
  for (const column of shape.columns) out[column.name] = columnValue(column, Object.hasOwn(row, column.name) ? row[column.name] : null)
  return out
}

/** The key struct of a row, or `null` for a table without key columns. */
export function keyValue(shape: TableShape, row: Readonly<Record<string, string | null | undefined>>): ConnectMap | null {
  if (shape.keyColumns.length === 0) return null
  const out: Record<string, ConnectValue> = {}
  for (const name of shape.keyColumns) {
    const column = shape.columns.find((c) => c.name === name)
    if (column !== undefined) out[name] = columnValue(column, row[name] ?? null)
  }
  return out
}

/**
 * The change event value: `before`, `after`, `source`, `transaction`, `op`, `ts_ms`/`ts_us`/`ts_ns`.
 *
 * @example
 * envelope(shape, info, 'c', null, { id: 1 }, Date.now()).op // 'c'
 */
export function envelope(shape: TableShape, info: SourceInfo, op: Op, before: ConnectMap | null, after: ConnectMap | null, nowMs: number): ConnectMap {
  const tsMs = Math.floor(info.tsUs / 1000)
  const sequence = info.lsn === null ? null : JSON.stringify([info.lastCommitLsn === null ? null : String(info.lastCommitLsn), String(info.lsn)])
  return {
    before, after,
    source: {
      version: DEBEZIUM_COMPAT_VERSION, connector: 'postgresql', name: info.prefix, ts_ms: tsMs, snapshot: info.snapshot, db: info.database,
      sequence, ts_us: info.tsUs, ts_ns: BigInt(info.tsUs) * 1000n, schema: shape.schema, table: shape.table, txId: info.txId, lsn: info.lsn, xmin: null,
      origin: null, origin_lsn: null,
    },
    transaction: null, op, ts_ms: nowMs, ts_us: nowMs * 1000, ts_ns: BigInt(nowMs) * 1_000_000n,
  }
}
