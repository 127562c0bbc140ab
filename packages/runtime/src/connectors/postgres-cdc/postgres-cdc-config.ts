import type { ConnectorConfig } from '@pipe/dsl/contract'
import { RuntimeError } from '../../errors.js'

/** A bad config or a refusal of the server: the task fails with this one line. */
export class PostgresCdcError extends RuntimeError {
  override readonly name = 'PostgresCdcError'
  constructor(message: string, options?: { readonly cause?: unknown }) {
    super('POSTGRES_CDC', `postgres cdc: ${message}`, options)
  }
}

export const SNAPSHOT_MODES = ['initial', 'always', 'never', 'no_data', 'initial_only', 'when_needed'] as const
export type SnapshotMode = (typeof SNAPSHOT_MODES)[number]

/** A captured table, `schema.table`. */
export interface TableName {
  readonly schema: string
  readonly table: string
}

export interface PostgresCdcConfig {
  readonly host: string
  readonly port: number
  readonly user: string
  readonly password: string | undefined
  readonly database: string
  /** empty: every table of the publication */
  readonly tables: readonly TableName[]
  /** Debezium's `topic.prefix`: the source partition's `server` and the schema names */
  readonly prefix: string
  /** where records go: `topic` (pipe's compiled config) or Debezium's `<prefix>.<schema>.<table>` */
  readonly topic: string | undefined
  readonly slot: string
  readonly publication: string
  readonly publicationMode: 'all_tables' | 'filtered' | 'disabled'
  readonly snapshotMode: SnapshotMode
  readonly tombstones: boolean
  /** `skipped.operations`: Debezium skips truncates (`t`) by default */
  readonly skipped: ReadonlySet<string>
  readonly maxBatch: number
  readonly maxQueue: number
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/

function identifier(value: string, key: string): string {
  if (!IDENTIFIER.test(value)) throw new PostgresCdcError(`'${key}' must be a lower-case identifier (letters, digits, _), got '${value}'`)
  return value
}

function int(config: ConnectorConfig, key: string, fallback: number, min: number): number {
  const raw = config[key]
  if (raw === undefined || raw.trim() === '') return fallback
  const n = Number(raw)
  if (!Number.isInteger(n) || n < min) throw new PostgresCdcError(`'${key}' must be an integer >= ${min}, got '${raw}'`)
  return n
}

function table(entry: string): TableName {
  const [schema, name, ...rest] = entry.trim().split('.')
  if (name === undefined || rest.length > 0 || schema === undefined || schema === '' || name === '') {
    throw new PostgresCdcError(`'table.include.list' takes schema.table names separated by commas, got '${entry.trim()}'`)
  }
  return { schema, table: name }
}

/**
 * Reads the connector's config: Debezium's keys (`database.*`, `table.include.list`, `slot.name`,
 * `publication.name`, `snapshot.mode`, `topic.prefix`, ...), with Debezium's defaults.
 *
 * @example
 * parsePostgresCdcConfig({ 'database.hostname': 'db', 'database.user': 'u', 'database.dbname': 'shop', 'topic.prefix': 'shop' }).slot // 'debezium'
 */
export function parsePostgresCdcConfig(config: ConnectorConfig): PostgresCdcConfig {
  const need = (key: string, what: string): string => {
    const value = config[key]?.trim()
    if (value === undefined || value === '') throw new PostgresCdcError(`'${key}' is required (${what})`)
    return value
  }
  const plugin = config['plugin.name'] ?? 'pgoutput'
  if (plugin !== 'pgoutput') throw new PostgresCdcError(`'plugin.name' ${plugin} is not supported on the pipe runtime: use pgoutput`)
  const snapshotMode = (config['snapshot.mode'] ?? 'initial') as SnapshotMode
  if (!SNAPSHOT_MODES.includes(snapshotMode)) throw new PostgresCdcError(`'snapshot.mode' must be one of ${SNAPSHOT_MODES.join(', ')}, got '${snapshotMode}'`)
  const tables = (config['table.include.list'] ?? '').split(',').filter((s) => s.trim() !== '').map(table)
  const topic = config['topic']?.trim()
  const prefix = config['topic.prefix']?.trim() ?? config['topicPrefix']?.trim() ?? topic
  if (prefix === undefined || prefix === '') throw new PostgresCdcError("'topic.prefix' is required (the logical server name: source partition and topic names)")
  const mode = config['publication.autocreate.mode'] ?? (tables.length === 0 ? 'all_tables' : 'filtered')
  if (mode !== 'all_tables' && mode !== 'filtered' && mode !== 'disabled') {
    throw new PostgresCdcError(`'publication.autocreate.mode' must be all_tables, filtered or disabled, got '${mode}'`)
  }
  return {
    host: need('database.hostname', 'the PostgreSQL host'),
    port: int(config, 'database.port', 5432, 1),
    user: need('database.user', 'a user with the REPLICATION attribute'),
    password: config['database.password'],
    database: need('database.dbname', 'the database to capture'),
    tables,
    prefix,
    topic: topic === '' ? undefined : topic,
    slot: identifier(config['slot.name'] ?? 'debezium', 'slot.name'),
    publication: identifier(config['publication.name'] ?? 'dbz_publication', 'publication.name'),
    publicationMode: mode,
    snapshotMode,
    tombstones: (config['tombstones.on.delete'] ?? 'true') !== 'false',
    skipped: new Set((config['skipped.operations'] ?? 't').split(',').map((s) => s.trim()).filter((s) => s !== '' && s !== 'none')),
    maxBatch: int(config, 'max.batch.size', 2048, 1),
    maxQueue: int(config, 'max.queue.size', 8192, 1),
  }
}
