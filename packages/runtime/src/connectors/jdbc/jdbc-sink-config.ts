import type { ConnectorConfig } from '@pipe/dsl/contract'
import { JdbcError, parseJdbcUrl, type JdbcTarget } from './jdbc-url.js'

const WHAT = 'jdbc sink'

export interface JdbcSinkConfig {
  readonly target: JdbcTarget
  readonly user: string
  readonly password: string | undefined
  readonly insertMode: 'insert' | 'upsert' | 'update'
  readonly primaryKeyMode: 'none' | 'kafka' | 'record_key' | 'record_value'
  readonly primaryKeyFields: readonly string[]
  readonly deleteEnabled: boolean
  readonly truncateEnabled: boolean
  readonly schemaEvolution: 'none' | 'basic'
  /** `collection.name.format`: `${topic}`, `${source.table}`, `${source.schema}`, `${source.db}` are replaced */
  readonly tableFormat: string
  readonly batchSize: number
}

function oneOf<T extends string>(config: ConnectorConfig, key: string, values: readonly T[], fallback: T): T {
  const raw = config[key]?.trim()
  if (raw === undefined || raw === '') return fallback
  const value = raw.toLowerCase() as T
  if (!values.includes(value)) throw new JdbcError(WHAT, `'${key}' must be one of ${values.join(', ')}, got '${raw}'`)
  return value
}

/**
 * Reads the sink's config: Debezium JDBC sink keys and defaults (`insert.mode` insert,
 * `primary.key.mode` none, `delete.enabled` false, `schema.evolution` none, `collection.name.format` `${topic}`).
 *
 * @example
 * parseJdbcSinkConfig({ 'connection.url': 'jdbc:postgresql://db/shop', 'connection.username': 'app' }).insertMode // 'insert'
 */
export function parseJdbcSinkConfig(config: ConnectorConfig): JdbcSinkConfig {
  const target = parseJdbcUrl(config['connection.url'], WHAT)
  const user = config['connection.username']?.trim()
  if (user === undefined || user === '') throw new JdbcError(WHAT, "'connection.username' is required")
  const primaryKeyMode = oneOf(config, 'primary.key.mode', ['none', 'kafka', 'record_key', 'record_value'] as const, 'none')
  const primaryKeyFields = (config['primary.key.fields'] ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '')
  const deleteEnabled = (config['delete.enabled'] ?? 'false').trim() === 'true'
  if (deleteEnabled && primaryKeyMode !== 'record_key') throw new JdbcError(WHAT, "'delete.enabled' needs 'primary.key.mode' record_key")
  if (primaryKeyMode === 'record_value' && primaryKeyFields.length === 0) throw new JdbcError(WHAT, "'primary.key.mode' record_value needs 'primary.key.fields'")
  const insertMode = oneOf(config, 'insert.mode', ['insert', 'upsert', 'update'] as const, 'insert')
  if (insertMode !== 'insert' && primaryKeyMode === 'none') throw new JdbcError(WHAT, `'insert.mode' ${insertMode} needs a 'primary.key.mode' other than none`)
  const batch = Number(config['batch.size'] ?? '500')
  if (!Number.isInteger(batch) || batch < 1) throw new JdbcError(WHAT, `'batch.size' must be an integer >= 1, got '${config['batch.size'] ?? ''}'`)
  return {
    target, user, password: config['connection.password'], insertMode, primaryKeyMode, primaryKeyFields, deleteEnabled,
    truncateEnabled: (config['truncate.enabled'] ?? 'false').trim() === 'true',
    schemaEvolution: oneOf(config, 'schema.evolution', ['none', 'basic'] as const, 'none'),
    tableFormat: config['collection.name.format']?.trim() ?? config['table.name.format']?.trim() ?? '${topic}',
    batchSize: batch,
  }
}
