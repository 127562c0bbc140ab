import { PIPE_CONNECTOR_CLASSES } from '../../contract/class-names.js'
import type { Secret } from '../../ir/secret.js'
import { sourceRef, defineConnector, type SourceConnector } from '../define-connector.js'
import { field } from '../field.js'

/**
 * The query modes of the JDBC source, as the JDBC source connectors users know have them.
 *
 * @example
 * ```ts
 * JDBC_SOURCE_MODES.includes('timestamp+incrementing') // true
 * ```
 */
export const JDBC_SOURCE_MODES = ['bulk', 'incrementing', 'timestamp', 'timestamp+incrementing'] as const

/**
 * Definition of the JDBC source: query-based, one topic per table (`topic.prefix` + table), the
 * tables divided among `tasks.max` tasks by the connector. Pipe runtime only: no JDBC source
 * connector is served by Maven Central.
 *
 * @example
 * ```ts
 * jdbcSourceDefinition.fields.mode.default // 'bulk'
 * ```
 */
export const jdbcSourceDefinition = defineConnector({
  name: 'jdbc-source',
  role: 'source',
  doc: 'Reads tables of PostgreSQL or MariaDB by query (bulk, incrementing, timestamp), one topic per table; the tables are divided among the tasks. Pipe runtime only.',
  fields: {
    url: field.string({ key: 'connection.url', doc: 'JDBC URL: jdbc:postgresql://host:5432/db or jdbc:mariadb://host:3306/db' }),
    username: field.string({ key: 'connection.user', doc: 'database user' }),
    password: field.secret({ key: 'connection.password', doc: "password; use env('DB_PASSWORD')" }),
    mode: field.enum(JDBC_SOURCE_MODES, { key: 'mode', doc: 'how new and changed rows are found', default: 'bulk' }),
    tables: field.list({ key: 'table.whitelist', doc: 'tables to read (default: every table, or those matching tablePattern)', optional: true }),
    tablePattern: field.string({ key: 'table.pattern', doc: 'regular expression the table names to read match', optional: true }),
    incrementingColumn: field.string({ key: 'incrementing.column.name', doc: 'strictly increasing column (incrementing modes)', optional: true }),
    timestampColumn: field.string({ key: 'timestamp.column.name', doc: 'last-modified column (timestamp modes)', optional: true }),
    pollIntervalMs: field.int({ key: 'poll.interval.ms', doc: 'pause between two queries of a table, ms', min: 1, default: 5000 }),
    topicPrefix: field.string({ key: 'topic.prefix', doc: 'topic of a table: this prefix + the table name', optional: true }),
    batchMaxRows: field.int({ key: 'batch.max.rows', doc: 'rows per query at most', min: 1, optional: true }),
  },
  formats: ['json-schema', 'json'],
  kafkaConnect: { unsupported: "no JDBC source connector is served by Maven Central (Confluent's is on Confluent Hub, Aiven's on GitHub releases); run it with pipe run or pipe worker" },
  pipeClass: PIPE_CONNECTOR_CLASSES['jdbc-source'],
  check: (options) => {
    const mode = typeof options['mode'] === 'string' ? options['mode'] : 'bulk'
    const problems = []
    if (mode.includes('incrementing') && typeof options['incrementingColumn'] !== 'string') {
      problems.push({ code: 'PIPE_MISSING_OPTION' as const, message: `jdbcSource mode '${mode}' needs 'incrementingColumn'`, hint: "add incrementingColumn: 'id'" })
    }
    if (mode.includes('timestamp') && typeof options['timestampColumn'] !== 'string') {
      problems.push({ code: 'PIPE_MISSING_OPTION' as const, message: `jdbcSource mode '${mode}' needs 'timestampColumn'`, hint: "add timestampColumn: 'updated_at'" })
    }
    return problems
  },
})

/**
 * Options of {@link jdbcSource}.
 *
 * @example
 * ```ts
 * jdbcSource({ url: 'jdbc:postgresql://db/shop', username: 'app', password: env('DB_PASSWORD'), mode: 'incrementing', incrementingColumn: 'id' })
 * ```
 */
export interface JdbcSourceOptions {
  readonly url: string
  readonly username: string
  readonly password: Secret | string
  /** @default 'bulk' */
  readonly mode?: (typeof JDBC_SOURCE_MODES)[number]
  readonly tables?: readonly string[]
  readonly tablePattern?: string
  readonly incrementingColumn?: string
  readonly timestampColumn?: string
  /** @default 5000 */
  readonly pollIntervalMs?: number
  readonly topicPrefix?: string
  readonly batchMaxRows?: number
}

/**
 * A query-based JDBC source; `Row` types the rows of the tables.
 *
 * @example
 * ```ts
 * source(jdbcSource({ url: 'jdbc:mariadb://127.0.0.1:3306/shop', username: 'app', password: env('DB_PASSWORD'),
 *   mode: 'incrementing', incrementingColumn: 'id', topicPrefix: 'shop-' }), { tasksMax: 3 })
 * ```
 */
export function jdbcSource<Row extends object = Record<string, unknown>>(options: JdbcSourceOptions): SourceConnector<Row> {
  return sourceRef(jdbcSourceDefinition, options)
}
