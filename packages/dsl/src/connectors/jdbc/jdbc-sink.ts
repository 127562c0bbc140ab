import { PIPE_CONNECTOR_CLASSES, PLUGIN_CONNECTOR_CLASSES } from '../../contract/class-names.js'
import type { Secret } from '../../ir/secret.js'
import { sinkRef, defineConnector, type SinkConnector } from '../define-connector.js'
import { field } from '../field.js'

/**
 * Debezium's JDBC sink connector class.
 *
 * @example
 * ```ts
 * config['connector.class'] === DEBEZIUM_JDBC_SINK_CLASS
 * ```
 */
export const DEBEZIUM_JDBC_SINK_CLASS = PLUGIN_CONNECTOR_CLASSES.debeziumJdbcSink

/**
 * Definition of the jdbc sink: Debezium's JDBC sink. It needs record schemas, so it reads topics in
 * the `json-schema` format (JsonConverter with `schemas.enable=true`).
 *
 * @example
 * ```ts
 * jdbcSinkDefinition.formats // ['json-schema']
 * ```
 */
export const jdbcSinkDefinition = defineConnector({
  name: 'jdbc',
  role: 'sink',
  doc: 'Writes records to a relational table (Debezium JdbcSinkConnector); needs records with schemas.',
  fields: {
    url: field.string({ key: 'connection.url', doc: 'JDBC URL, e.g. jdbc:postgresql://127.0.0.1:5432/shop' }),
    username: field.string({ key: 'connection.username', doc: 'database user' }),
    password: field.secret({ key: 'connection.password', doc: "password; use env('DB_PASSWORD')" }),
    insertMode: field.enum(['insert', 'upsert', 'update'], { key: 'insert.mode', doc: 'how rows are written', default: 'insert' }),
    primaryKeyMode: field.enum(['none', 'kafka', 'record_key', 'record_value'], {
      key: 'primary.key.mode',
      doc: 'where the primary key comes from',
      optional: true,
    }),
    primaryKeyFields: field.list({ key: 'primary.key.fields', doc: 'primary key field names', optional: true }),
    deleteEnabled: field.bool({ key: 'delete.enabled', doc: 'delete rows on tombstones (needs primaryKeyMode record_key)', optional: true }),
    schemaEvolution: field.enum(['none', 'basic'], { key: 'schema.evolution', doc: 'create and alter tables', optional: true }),
    tableNameFormat: field.string({ key: 'collection.name.format', doc: 'table name, ${topic} is replaced', optional: true }),
  },
  formats: ['json-schema'],
  kafkaConnect: { class: DEBEZIUM_JDBC_SINK_CLASS },
  pipeClass: PIPE_CONNECTOR_CLASSES['jdbc-sink'],
  check: (options) =>
    options['primaryKeyMode'] === 'record_value' && !Array.isArray(options['primaryKeyFields'])
      ? [{ code: 'PIPE_MISSING_OPTION', message: "jdbc sink with primaryKeyMode 'record_value' needs 'primaryKeyFields'", hint: "add primaryKeyFields: ['id']" }]
      : [],
})

/**
 * Options of {@link jdbc}.
 *
 * @example
 * ```ts
 * jdbc({ url: 'jdbc:postgresql://db/shop', username: 'app', password: env('DB_PASSWORD'), insertMode: 'upsert', primaryKeyMode: 'record_key' })
 * ```
 */
export interface JdbcSinkOptions<PK extends string> {
  readonly url: string
  readonly username: string
  readonly password: Secret | string
  /** @default 'insert' */
  readonly insertMode?: 'insert' | 'upsert' | 'update'
  readonly primaryKeyMode?: 'none' | 'kafka' | 'record_key' | 'record_value'
  readonly primaryKeyFields?: readonly PK[]
  readonly deleteEnabled?: boolean
  readonly schemaEvolution?: 'none' | 'basic'
  readonly tableNameFormat?: string
}

/**
 * A JDBC sink; the record type must have every primary key field.
 *
 * @example
 * ```ts
 * jdbc({ url: 'jdbc:postgresql://127.0.0.1:5432/shop', username: 'app', password: env('DB_PASSWORD'),
 *        insertMode: 'upsert', primaryKeyMode: 'record_value', primaryKeyFields: ['order_id'] })
 * ```
 */
export function jdbc<const PK extends string = never>(options: JdbcSinkOptions<PK>): SinkConnector<{ readonly [F in PK]: unknown }> {
  return sinkRef(jdbcSinkDefinition, options)
}
