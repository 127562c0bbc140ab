import { PIPE_CONNECTOR_CLASSES, PLUGIN_CONNECTOR_CLASSES } from '../../contract/class-names.js'
import { isSecret, secretPlaceholder, type Secret } from '../../ir/secret.js'
import { isJsonObject, type JsonObject } from '../../ir/json.js'
import { sinkRef, defineConnector, type SinkConnector } from '../define-connector.js'
import { field } from '../field.js'

/**
 * Camel Kafka Connector 0.11.0's generic sink, with Camel 3.11's CQL component.
 *
 * @example
 * ```ts
 * config['connector.class'] === CAMEL_SINK_CLASS
 * ```
 */
export const CAMEL_SINK_CLASS = PLUGIN_CONNECTOR_CLASSES.camelSink

/**
 * Definition of the cassandra sink. On Kafka Connect it compiles to Camel's generic sink with a
 * `cql://` endpoint and an `INSERT ... VALUES (?, ...)` whose markers Camel binds positionally from
 * the record value. Kafka Connect's SMTs cannot turn an object into an array, so **on Kafka Connect
 * the record value must already be a JSON array in the order of `columns`** (the compiler warns with
 * PIPE_CASSANDRA_ARRAY_VALUE). pipe's own cassandra sink takes objects and maps fields by `columns`.
 * To run both sinks from one topic, shape rows where the records are made (on the pipe side, e.g.
 * `.map((t) => [t.id, t.text, t.author_id])` before `.to()`) and map columns to indexes
 * (`columns: { id: '0', body: '1', author: '2' }`): pipe's sink reads them by index, Camel binds
 * them in order (test/integration/cassandra/camel-same-rows.int.test.ts).
 *
 * @example
 * ```ts
 * cassandraSinkDefinition.pipeClass // 'pipe:cassandra-sink'
 * ```
 */
export const cassandraSinkDefinition = defineConnector({
  name: 'cassandra',
  role: 'sink',
  doc: 'Inserts records into a Cassandra table, mapping columns to record fields. On Kafka Connect (Camel CQL sink) the record value must be a JSON array in column order.',
  fields: {
    contactPoints: field.list({ doc: 'host:port of Cassandra nodes (one port for all on Kafka Connect)' }),
    localDataCenter: field.string({ doc: 'the local data center of the driver', default: 'datacenter1' }),
    keyspace: field.string({ doc: 'keyspace of the table' }),
    table: field.string({ doc: 'table to insert into' }),
    columns: field.mapping({ doc: 'column name -> record field name, e.g. { body: "text" }' }),
    consistency: field.enum(['ONE', 'TWO', 'THREE', 'QUORUM', 'ALL', 'LOCAL_ONE', 'LOCAL_QUORUM', 'EACH_QUORUM'], {
      doc: 'write consistency level',
      optional: true,
    }),
    username: field.string({ doc: 'user name for authentication', optional: true }),
    password: field.secret({ doc: "password for authentication; use env('CASSANDRA_PASSWORD')", optional: true }),
  },
  formats: ['json'],
  kafkaConnect: { class: CAMEL_SINK_CLASS, extraConfig: camelCqlConfig },
  pipeClass: PIPE_CONNECTOR_CLASSES['cassandra-sink'],
})

function asStrings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []
}

function asString(value: unknown, fallback = ''): string {
  return typeof value === 'string' ? value : fallback
}

/**
 * The INSERT of a column mapping, columns in their declared order.
 *
 * @example
 * ```ts
 * cassandraInsert('social', 'tweets', { id: 'id', body: 'text' })
 * // 'INSERT INTO social.tweets (id, body) VALUES (?, ?)'
 * ```
 */
export function cassandraInsert(keyspace: string, table: string, columns: Readonly<Record<string, unknown>>): string {
  const names = Object.keys(columns)
  return `INSERT INTO ${keyspace}.${table} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`
}

function camelCqlConfig(options: JsonObject): Readonly<Record<string, string>> {
  const points = asStrings(options['contactPoints']).map((p) => p.split(':'))
  const hosts = points.map(([host = '']) => host).join(',')
  const port = points[0]?.[1] ?? '9042'
  const keyspace = asString(options['keyspace'])
  const rawColumns = options['columns']
  const columns = isJsonObject(rawColumns) ? rawColumns : {}
  const query: string[] = [`cql=${encodeURIComponent(cassandraInsert(keyspace, asString(options['table']), columns))}`]
  if (typeof options['consistency'] === 'string') query.push(`consistencyLevel=${options['consistency']}`)
  const dataCenter = asString(options['localDataCenter'], 'datacenter1')
  // Camel's CQL endpoint defaults to datacenter1; only say otherwise when needed
  if (dataCenter !== 'datacenter1') query.push(`datacenter=${encodeURIComponent(dataCenter)}`)
  if (typeof options['username'] === 'string') query.push(`username=${encodeURIComponent(options['username'])}`)
  const password: unknown = options['password']
  // RAW() keeps the resolved secret out of Camel's URI decoding
  if (isSecret(password)) query.push(`password=RAW(${secretPlaceholder(password)})`)
  return { 'camel.sink.url': `cql://${hosts}:${port}/${keyspace}?${query.join('&')}` }
}

/**
 * Options of {@link cassandra}; `columns` maps column names to record field names.
 *
 * @example
 * ```ts
 * cassandra({ contactPoints: ['127.0.0.1:9042'], keyspace: 'social', table: 'tweets', columns: { id: 'id' }, password: env('CASSANDRA_PASSWORD') })
 * ```
 */
export interface CassandraOptions<C extends Readonly<Record<string, string>>> {
  readonly contactPoints: readonly string[]
  /** @default 'datacenter1' */
  readonly localDataCenter?: string
  readonly keyspace: string
  readonly table: string
  readonly columns: C
  readonly consistency?: 'ONE' | 'TWO' | 'THREE' | 'QUORUM' | 'ALL' | 'LOCAL_ONE' | 'LOCAL_QUORUM' | 'EACH_QUORUM'
  readonly username?: string
  readonly password?: Secret | string
}

/**
 * A cassandra sink; the record type must have every field named in `columns`.
 *
 * @example
 * ```ts
 * cassandra({ contactPoints: ['127.0.0.1:9042'], keyspace: 'social', table: 'tweets',
 *             columns: { id: 'id', body: 'text', author: 'author_id' } })
 * ```
 */
export function cassandra<const C extends Readonly<Record<string, string>>>(
  options: CassandraOptions<C>,
): SinkConnector<{ readonly [F in C[keyof C]]: unknown }> {
  return sinkRef(cassandraSinkDefinition, options)
}
