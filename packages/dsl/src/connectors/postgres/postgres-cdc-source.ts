import { PIPE_CONNECTOR_CLASSES, PLUGIN_CONNECTOR_CLASSES } from '../../contract/class-names.js'
import type { Secret } from '../../ir/secret.js'
import type { JsonObject } from '../../ir/json.js'
import { sourceRef, defineConnector, type ExtraConfigContext, type SourceConnector } from '../define-connector.js'
import { field } from '../field.js'

/**
 * A Debezium change event (the value, with JsonConverter schemas as `schema`/`payload`).
 *
 * @example
 * ```ts
 * source(postgresCdc<Customer>({ ... })).extractField('after') // Stream<Customer | null>
 * ```
 */
export interface ChangeEvent<Row> {
  readonly before: Row | null
  readonly after: Row | null
  readonly op: 'c' | 'u' | 'd' | 'r' | 't'
  readonly ts_ms: number
  readonly source: { readonly db: string; readonly schema: string; readonly table: string; readonly lsn: number }
}

/**
 * Debezium's PostgreSQL connector class.
 *
 * @example
 * ```ts
 * config['connector.class'] === DEBEZIUM_POSTGRES_CLASS
 * ```
 */
export const DEBEZIUM_POSTGRES_CLASS = PLUGIN_CONNECTOR_CLASSES.debeziumPostgres

/**
 * Definition of the postgres CDC source: Debezium's PostgreSQL connector (logical decoding with
 * `pgoutput`). Debezium names topics `<topic.prefix>.<schema>.<table>`; the compiler appends a
 * RegexRouter so records land in the pipeline's topic.
 *
 * @example
 * ```ts
 * postgresCdcSourceDefinition.fields.pluginName.default // 'pgoutput'
 * ```
 */
export const postgresCdcSourceDefinition = defineConnector({
  name: 'postgres-cdc',
  role: 'source',
  doc: 'Streams row changes from PostgreSQL (Debezium PostgresConnector, pgoutput).',
  fields: {
    hostname: field.string({ key: 'database.hostname', doc: 'database host' }),
    port: field.int({ key: 'database.port', doc: 'database port', min: 1, max: 65535, default: 5432 }),
    user: field.string({ key: 'database.user', doc: 'replication user' }),
    password: field.secret({ key: 'database.password', doc: "password; use env('PG_PASSWORD')" }),
    database: field.string({ key: 'database.dbname', doc: 'database name' }),
    tables: field.list({ key: 'table.include.list', doc: 'schema.table names to capture (default: all)', optional: true }),
    topicPrefix: field.string({ doc: 'Debezium topic.prefix (default: the pipeline topic name)', optional: true }),
    pluginName: field.enum(['pgoutput', 'decoderbufs'], { key: 'plugin.name', doc: 'logical decoding plugin', default: 'pgoutput' }),
    slotName: field.string({ key: 'slot.name', doc: 'replication slot name', optional: true }),
    publicationName: field.string({ key: 'publication.name', doc: 'publication name (pgoutput)', optional: true }),
    snapshotMode: field.enum(['initial', 'always', 'never', 'no_data', 'initial_only', 'when_needed'], {
      key: 'snapshot.mode',
      doc: 'whether to snapshot existing rows first',
      optional: true,
    }),
  },
  formats: ['json-schema'],
  kafkaConnect: { class: DEBEZIUM_POSTGRES_CLASS, extraConfig: debeziumTopicConfig, routing: 'router' },
  pipeClass: PIPE_CONNECTOR_CLASSES['postgres-cdc-source'],
})

function debeziumTopicConfig(options: JsonObject, context: ExtraConfigContext): Readonly<Record<string, string>> {
  const prefix = typeof options['topicPrefix'] === 'string' ? options['topicPrefix'] : (context.topic ?? context.pipeline)
  return { 'topic.prefix': prefix }
}

/**
 * Options of {@link postgresCdc}.
 *
 * @example
 * ```ts
 * postgresCdc({ hostname: 'db', user: 'cdc', password: env('PG_PASSWORD'), database: 'shop', tables: ['public.orders'] })
 * ```
 */
export interface PostgresCdcOptions {
  readonly hostname: string
  /** @default 5432 */
  readonly port?: number
  readonly user: string
  readonly password: Secret | string
  readonly database: string
  readonly tables?: readonly string[]
  readonly topicPrefix?: string
  /** @default 'pgoutput' */
  readonly pluginName?: 'pgoutput' | 'decoderbufs'
  readonly slotName?: string
  readonly publicationName?: string
  readonly snapshotMode?: 'initial' | 'always' | 'never' | 'no_data' | 'initial_only' | 'when_needed'
}

/**
 * A PostgreSQL change-data-capture source; `Row` types the captured rows.
 *
 * @example
 * ```ts
 * source(postgresCdc<Customer>({ hostname: '127.0.0.1', user: 'cdc', password: env('PG_PASSWORD'),
 *   database: 'shop', tables: ['public.customers'] })).extractField('after').to(topic('customers'))
 * ```
 */
export function postgresCdc<Row extends object = Record<string, unknown>>(options: PostgresCdcOptions): SourceConnector<ChangeEvent<Row>> {
  return sourceRef(postgresCdcSourceDefinition, options)
}
