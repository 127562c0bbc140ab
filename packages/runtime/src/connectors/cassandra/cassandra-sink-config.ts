import { RuntimeError } from '../../errors.js'
import type { ConnectorConfig } from '@pipe/dsl/contract'
import { setOwn } from '../../records/own-property.js'

/**
 * The compiled config keys of `pipe:cassandra-sink`, in one place so a rename is one line. The
 * first key of each entry is the canonical one; the others are accepted aliases (the dsl's option
 * names and `cassandra.`-prefixed forms).
 */
export const CASSANDRA_KEYS = {
  contactPoints: ['contact.points', 'contactPoints', 'cassandra.contact.points'],
  localDataCenter: ['local.data.center', 'localDataCenter', 'local.datacenter', 'cassandra.local.data.center'],
  keyspace: ['keyspace', 'cassandra.keyspace'],
  table: ['table', 'cassandra.table'],
  columns: ['columns', 'column.mapping', 'cassandra.columns'],
  columnTypes: ['column.types', 'columnTypes'],
  consistency: ['consistency', 'consistency.level', 'cassandra.consistency'],
  username: ['username', 'cassandra.username'],
  password: ['password', 'cassandra.password'],
  batchSize: ['batch.size'],
  concurrency: ['concurrency'],
  retryInitialMs: ['retry.backoff.initial.ms'],
  retryMaxMs: ['retry.backoff.max.ms'],
  retryTimeoutMs: ['retry.timeout.ms'],
  connectTimeoutMs: ['connect.timeout.ms'],
  reconnectDelayMs: ['reconnect.delay.ms'],
  requestTimeoutMs: ['request.timeout.ms'],
} as const satisfies Record<string, readonly [string, ...string[]]>

type Keys = (typeof CASSANDRA_KEYS)[keyof typeof CASSANDRA_KEYS]

export const CONSISTENCY_LEVELS = ['ANY', 'ONE', 'TWO', 'THREE', 'QUORUM', 'ALL', 'LOCAL_ONE', 'LOCAL_QUORUM', 'EACH_QUORUM'] as const
export type ConsistencyName = (typeof CONSISTENCY_LEVELS)[number]

/** The JSON kind a record field holds, when the pipeline's record type says so (`column.types`). */
export const FIELD_KINDS = ['string', 'number', 'boolean', 'object', 'array'] as const
export type FieldKind = (typeof FIELD_KINDS)[number]

export interface CassandraSinkConfig {
  readonly contactPoints: readonly string[]
  readonly localDataCenter: string
  readonly keyspace: string
  readonly table: string
  /** column name -> record field path (`text`, `user.name`, `$key`, `$topic`, ...), in order */
  readonly columns: readonly (readonly [column: string, path: string])[]
  readonly columnTypes: Readonly<Record<string, FieldKind>>
  readonly consistency: ConsistencyName
  readonly credentials: { readonly username: string; readonly password: string } | undefined
  readonly batchSize: number
  readonly concurrency: number
  readonly retryInitialMs: number
  readonly retryMaxMs: number
  /** give up (and let the engine's error policy decide) after this long; -1 retries forever */
  readonly retryTimeoutMs: number
  readonly connectTimeoutMs: number
  readonly reconnectDelayMs: number
  readonly requestTimeoutMs: number
}

export class CassandraConfigError extends RuntimeError {
  override readonly name = 'CassandraConfigError'
  constructor(message: string) {
    super('CASSANDRA_CONFIG', `cassandra sink: ${message}`)
  }
}

function get(config: ConnectorConfig, keys: Keys): string | undefined {
  for (const key of keys) {
    const value = config[key]
    if (value !== undefined && value.trim() !== '') return value.trim()
  }
  return undefined
}

function required(config: ConnectorConfig, keys: Keys, what: string): string {
  const value = get(config, keys)
  if (value === undefined) throw new CassandraConfigError(`'${keys[0]}' is required (${what})`)
  return value
}

function int(config: ConnectorConfig, keys: Keys, fallback: number, min = 0): number {
  const raw = get(config, keys)
  if (raw === undefined) return fallback
  const n = Number(raw)
  if (!Number.isInteger(n) || n < min) throw new CassandraConfigError(`'${keys[0]}' must be an integer >= ${min} (got '${raw}')`)
  return n
}

/** A mapping given as a JSON object, or as `column=path` pairs separated by commas. */
export function parseMapping(raw: string, key: string): [string, string][] {
  if (raw.startsWith('{')) {
    let parsed: unknown
    try {
      parsed = JSON.parse(raw)
    } catch {
      throw new CassandraConfigError(`'${key}' starts with '{' but is not a JSON object`)
    }
    const entries = Object.entries(parsed as Record<string, unknown>)
    if (entries.some(([, v]) => typeof v !== 'string')) throw new CassandraConfigError(`'${key}' values must be strings`)
    return entries as [string, string][]
  }
  return raw.split(',').map((pair) => {
    const [column, path] = pair.split(/[=:]/).map((s) => s.trim())
    if (column === undefined || column === '' || path === undefined || path === '') {
      throw new CassandraConfigError(`'${key}' must be a JSON object or 'column=field' pairs (got '${pair.trim()}')`)
    }
    return [column, path]
  })
}

function parseColumnTypes(raw: string | undefined): Record<string, FieldKind> {
  if (raw === undefined) return {}
  const out: Record<string, FieldKind> = {}
  for (const [column, kind] of parseMapping(raw, CASSANDRA_KEYS.columnTypes[0])) {
    if (!(FIELD_KINDS as readonly string[]).includes(kind)) {
      throw new CassandraConfigError(`'${CASSANDRA_KEYS.columnTypes[0]}' kind of '${column}' must be one of ${FIELD_KINDS.join(', ')} (got '${kind}')`)
    }
    setOwn(out, column, kind as FieldKind)
  }
  return out
}

function parseConsistency(raw: string | undefined): ConsistencyName {
  const value = (raw ?? 'LOCAL_QUORUM').toUpperCase()
  if ((CONSISTENCY_LEVELS as readonly string[]).includes(value)) return value as ConsistencyName
  throw new CassandraConfigError(`'${CASSANDRA_KEYS.consistency[0]}' must be one of ${CONSISTENCY_LEVELS.join(', ')} (got '${raw ?? ''}')`)
}

/** Reads and validates the sink's config. The password is kept, never put into a message. */
export function parseCassandraSinkConfig(config: ConnectorConfig): CassandraSinkConfig {
  const k = CASSANDRA_KEYS
  const contactPoints = required(config, k.contactPoints, 'host:port of Cassandra nodes').split(',').map((s) => s.trim()).filter((s) => s !== '')
  const columns = parseMapping(required(config, k.columns, 'column -> record field mapping'), k.columns[0])
  if (columns.length === 0) throw new CassandraConfigError(`'${k.columns[0]}' must map at least one column`)
  const username = get(config, k.username)
  const password = get(config, k.password)
  return {
    contactPoints,
    localDataCenter: get(config, k.localDataCenter) ?? 'datacenter1',
    keyspace: required(config, k.keyspace, 'keyspace of the table'),
    table: required(config, k.table, 'table to write into'),
    columns,
    columnTypes: parseColumnTypes(get(config, k.columnTypes)),
    consistency: parseConsistency(get(config, k.consistency)),
    credentials: username === undefined ? undefined : { username, password: password ?? '' },
    batchSize: int(config, k.batchSize, 50, 1),
    concurrency: int(config, k.concurrency, 16, 1),
    retryInitialMs: int(config, k.retryInitialMs, 500),
    retryMaxMs: int(config, k.retryMaxMs, 10_000),
    retryTimeoutMs: int(config, k.retryTimeoutMs, -1, -1),
    connectTimeoutMs: int(config, k.connectTimeoutMs, 120_000),
    reconnectDelayMs: int(config, k.reconnectDelayMs, 1_000, 1),
    requestTimeoutMs: int(config, k.requestTimeoutMs, 12_000, 1),
  }
}
